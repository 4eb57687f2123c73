extensions = ["placetel_tools.sphinxext.snippet_check"]
snippet_check_folder = "snippets"
exclude_patterns = ["snippets"]
