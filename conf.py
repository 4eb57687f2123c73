"""Sphinx configuration: the pages live in docs/, figures in images/, snippets in doctests/."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # makes the project's own placetel_tools importable

project = "Placetel for Zammad"
author = "The Placetel for Zammad documentation team"
copyright = "2026, " + author
language = "en"

root_doc = "index"
extensions = [
    "sphinx.ext.doctest",
    "sphinx_tabs.tabs",
]

# Treat every unresolved reference as an error (the Makefile adds -n -W).
nitpicky = True

# --- HTML ------------------------------------------------------------------
html_theme = "sphinx_rtd_theme"
html_title = "Placetel for Zammad"
html_static_path = []
html_last_updated_fmt = None
html_show_sourcelink = False

# --- doctest ---------------------------------------------------------------

# --- linkcheck -------------------------------------------------------------
