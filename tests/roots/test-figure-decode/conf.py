extensions = ["placetel_tools.sphinxext.figure_check"]
figure_check_sources = None  # no generated figures here
