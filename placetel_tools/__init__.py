"""Tools of the Placetel for Zammad documentation: simulator, checks and figure rendering."""
