extensions = ["placetel_tools.sphinxext.figure_check"]
figure_check_sources = None  # no generated figures here
# Small budgets keep this project tiny (the site's: 100_000 and 250_000).
figure_check_max_file_bytes = 1000
figure_check_max_page_bytes = 1500
