"""Sphinx configuration: the pages live in docs/, figures in images/, snippets in doctests/."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # makes the project's own placetel_tools importable

from placetel_tools import check, languages  # noqa: E402 -- after the path above

project = "Placetel for Zammad"
author = "The Placetel for Zammad documentation team"
copyright_year = "2026"
copyright = f"{copyright_year}, {author}"  # the footer names the holder in each page's language
language = languages.SOURCE  # English; `make html` builds each translation with -D language=LANG

root_doc = "index"
extensions = [
    "sphinx.ext.doctest",
    "sphinx_tabs.tabs",
    "sphinx_copybutton",  # a copy button on every code block; settings under "copy buttons" below
    "placetel_tools.sphinxext.link_record",  # docs/links.json: written by linkcheck, enforced by every build
    "placetel_tools.sphinxext.figure_check",  # alt text, decoding, budgets, unused and stale figures
    "placetel_tools.sphinxext.figure_size",  # width and height on every SVG figure: no layout shift
    "placetel_tools.sphinxext.css_bundle",  # one stylesheet request per page instead of five
    "placetel_tools.sphinxext.snippet_check",  # every file under doctests/ is used by a page
    "placetel_tools.sphinxext.language_switch",  # link each page to itself in the other languages
    "placetel_tools.sphinxext.sitemap",  # sitemap.xml and robots.txt: every page in every language
    "notfound.extension",  # 404.html in every language, with links that work at any depth
    "placetel_tools.sphinxext.bare_urls",  # print: links whose text is their address print it once
    "placetel_tools.sphinxext.translation_extras",  # the check tool's output and tab labels translated too
    "placetel_tools.sphinxext.spelling_setup",  # make spelling: dictionary and word lists per language
    "placetel_tools.sphinxext.version_statement",  # which Zammad versions, checked when (docs/upstream.json)
]

# --- languages ---------------------------------------------------------------
# English is written in docs/; each folder locale/LANG/LC_MESSAGES/ holds one .po
# catalogue per page (make gettext, make translations) and is built into
# _build/html/LANG/. Site address for canonical, hreflang and sitemap links: set once here.
html_baseurl = "https://placetel-zammad.readthedocs.io/"
locale_dirs = [str(ROOT / "locale")]
language_switch_locale_dir = languages.LOCALE  # relative to this file
gettext_compact = False  # one catalogue per page, named like the page
gettext_uuid = False
gettext_location = True  # every message names its English file:line (make lint reports it)
gettext_last_translator = "The Placetel for Zammad documentation team"
gettext_language_team = "The Placetel for Zammad documentation team"

# Treat every unresolved reference as an error (the Makefile adds -n -W).
nitpicky = True

# --- HTML ------------------------------------------------------------------
html_theme = "sphinx_rtd_theme"
html_title = "Placetel for Zammad"
html_static_path = ["docs/_static"]  # docs/_static: the project's CSS overrides and favicon
html_css_files = ["custom.css"]  # font, contrast, underline fixes (reasons in the file)
# layout.html: a real <button> for the phone menu, hreflang links; page.html: a named local TOC;
# breadcrumbs.html: the language switch. Absolute, because the gettext builder reads templates
# relative to docs/, not to this file.
templates_path = [str(ROOT / "docs/_templates")]
html_favicon = "docs/_static/favicon.svg"  # browsers ask for one; a missing favicon is a 404 in the console
html_show_sphinx = False  # the theme prints "Built with Sphinx" outside any landmark (axe: region)
html_last_updated_fmt = None
html_show_sourcelink = False
# figure_size gives figures their own width and height; they are not scaled, so no link to the file.
html_scaled_image_link = False
html_permalinks_icon = "¶"  # Sphinx's own mark, in the text font (the theme's is a web font glyph)
html_context = {"copyright_year": copyright_year}  # footer.html: the year beside the translated holder

# --- which Zammad versions the pages describe ------------------------------------------
# The range is the check tool's own (its --help says it too); the compared version and the
# day of the comparison come from docs/upstream.json, written by `make upstream`.
version_statement_described = check.DESCRIBED_ZAMMAD
version_statement_record = "upstream.json"  # in docs/

# --- not-found page and sitemap ---------------------------------------------
# Any missing address gets 404.html (de/ gets de/404.html; the host's part: README,
# .readthedocs.yaml). notfound_urls_prefix is not set here: language_switch sets it
# per language from html_baseurl's path ("/", "/de/"), so the links work at any depth.
notfound_template = "404.html"  # docs/_templates/404.html: translatable text, start page and search links
notfound_context = {}  # the template writes title and text, so gettext translates them (sphinx.po)

# --- copy buttons (sphinx-copybutton) -----------------------------------------
# The button copies what a reader pastes: the commands of a console block without
# "$ " and without output, the statements of a doctest block without ">>> " and
# "... " and without output; a block without any prompt (an endpoint address, JSON)
# is copied whole. The settings are baked into _static/copybutton.js (no inline
# script), so the button works with every script deferred.
copybutton_selector = "div.highlight pre"  # every highlighted block: console, pycon, json, literal
copybutton_prompt_text = r"\$ |>>> |\.\.\.(?: |$)"  # shell, Python; a bare "..." ends a Python block
copybutton_prompt_is_regexp = True  # the alternatives above are one regular expression
copybutton_only_copy_prompt_lines = True  # lines without a prompt are output: not copied
copybutton_remove_prompts = True  # the prompt itself is not copied, so a paste runs as it is
copybutton_line_continuation_character = "\\"  # a line ending in a backslash goes on: copy the next line too
copybutton_copy_empty_lines = False  # an empty line in a block with prompts is output
# Keep the prompts in the text the button reads (the default excludes only line
# numbers): excluding .gp would hide which lines are commands.
copybutton_exclude = ".linenos"

# --- figures (placetel_tools/sphinxext/figure_check.py); folders relative to this file --------
figure_check_images = "images"  # every file below it must be shown by a page; make images writes here
figure_check_sources = "images/src"  # figure sources: each SVG must be current with its source
figure_check_locale = languages.LOCALE  # LANG/LC_MESSAGES/images.po: the figures' translations
figure_check_max_file_bytes = 100_000  # per image
figure_check_max_page_bytes = 250_000  # all images of one page together
snippet_check_folder = "doctests"  # every file in it must be used by a page (snippet_check.py)
link_record_file = "links.json"  # in docs/: written by make linkcheck (link_record.py)

# --- doctest ---------------------------------------------------------------
# Every doctest group talks to a simulator of the endpoint on 127.0.0.1 (settings
# saved, switched on) unless its hidden testsetup picks another situation.
doctest_global_setup = "from placetel_tools.examples.doctest_env import *\nuse_simulator()"
doctest_global_cleanup = "stop_simulator()"  # close it and restore requests after each file

# --- linkcheck -------------------------------------------------------------
# `make linkcheck` checks every external link online and rewrites docs/links.json;
# other builds fail on links that record does not show as working (link_record.py).
linkcheck_anchors = True  # a link to page#part must find id="part" on that page
linkcheck_timeout = 15  # seconds per request; a slow site is recorded as unverified
linkcheck_retries = 2  # one more try after a failed answer (a flaky server, a dropped connection)
linkcheck_rate_limit_timeout = 120.0  # wait out HTTP 429 up to 2 minutes per host, then give up
# A timeout is reported as "timeout" (recorded as unverified), not as "broken":
# a slow network must not make a good link look dead.
linkcheck_report_timeouts_as_broken = False
# Placeholders and loopback addresses in examples are not real pages.
linkcheck_ignore = [
    r"https?://zammad\.example\.com(?:[:/]|$)",
    r"https?://(?:[a-z0-9-]+\.)*example\.(?:com|org|net)(?:[:/]|$)",
    r"https?://127\.0\.0\.1(?:[:/]|$)",
    r"https?://localhost(?:[:/]|$)",
]
# Any other redirect is reported (and fails the build via docs/links.json).
linkcheck_allowed_redirects = {
    # Placetel's web interface sends visitors of its start page to the sign-in page.
    r"https://web\.placetel\.de/?$": r"https://web\.placetel\.de/.*",
    # Read the Docs sends a project's bare address to its default language/version.
    r"https://[a-z-]*docs\.zammad\.org/?$": r"https://[a-z-]*docs\.zammad\.org/en/[a-z0-9.-]+/.*",
}
# https is required: an http:// link fails every build unless it matches one of these.
link_record_allowed_http = [
    r"http://127\.0\.0\.1(?:[:/]|$)",  # local test servers in examples
    r"http://localhost(?:[:/]|$)",
]

# --- spelling (make spelling: sphinxcontrib-spelling, loaded by `-b spelling`) --
# Dictionary and word lists per language: placetel_tools/sphinxext/spelling_setup.py.
spelling_warning = True  # a misspelling is a warning, so -W fails the build with file:line
spelling_show_suggestions = True
spelling_suggestion_limit = 3
spelling_ignore_pypi_package_names = False
spelling_ignore_importable_modules = False  # "requests" and "os" are words to check in prose
spelling_ignore_contributor_names = False  # it reads `git log`: a copy outside git would fail
