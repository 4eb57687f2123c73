import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
extensions = ["placetel_tools.sphinxext.css_bundle", "page_css"]
html_theme = "basic"
html_static_path = ["_static"]
html_css_files = ["late.css"]  # priority 800, like the project's custom.css
