extensions = ["placetel_tools.sphinxext.figure_check"]
# No images/ and no images/src/ here: the figures live in art/ (tests set the folders).
