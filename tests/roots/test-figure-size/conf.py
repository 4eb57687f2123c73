extensions = ["placetel_tools.sphinxext.figure_size"]
