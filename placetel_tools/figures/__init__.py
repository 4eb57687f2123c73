"""The figure renderer: images/NAME.svg from the text source images/src/NAME.txt, in every language.

images/NAME.LANG.svg is rendered for every language with a catalogue
locale/LANG/LC_MESSAGES/images.po. `make images` and `make gettext` run the renderer as
`python -m placetel_tools.figures` (cli.py); the Sphinx extension figure_check uses the names
below (Layout, expected, errors, stale) to report broken and stale figures.

Modules: source.py (the line format, described at its top; parsing; errors), draw.py (SVG
drawing, one function per element kind), style.py (colours, sizes, text metrics), layout.py
(the folders), catalogue.py (the texts' template and translations), project.py (every figure
in every language: wanted bytes, stale SVGs, writing), cli.py (the command line)."""

from placetel_tools.figures.catalogue import template, translations, write_template
from placetel_tools.figures.draw import render
from placetel_tools.figures.layout import SOURCES, Layout, language_variant
from placetel_tools.figures.project import (
    Figure,
    build,
    errors,
    expected,
    problems,
    render_file,
    stale,
    stale_message,
)
from placetel_tools.figures.source import FigureError, language_name

__all__ = [
    "SOURCES",
    "Figure",
    "FigureError",
    "Layout",
    "build",
    "errors",
    "expected",
    "language_name",
    "language_variant",
    "problems",
    "render",
    "render_file",
    "stale",
    "stale_message",
    "template",
    "translations",
    "write_template",
]
