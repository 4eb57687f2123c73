extensions = ["placetel_tools.sphinxext.bare_urls"]
