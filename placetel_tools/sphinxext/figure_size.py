"""Sphinx extension: give every SVG figure its intrinsic width and height, so the page does not shift
while the figure loads (and CSS still scales it down on a phone), and load it lazily, when the reader
scrolls near it, so that figures are never on the way to the page's first paint.

Used by Sphinx (conf.py)."""

# An <img> without width and height takes no room until its file arrives, so
# the text below it jumps (Lighthouse: unsized-images, layout shift). The width
# and height attributes (not a CSS size) give the browser the aspect ratio; the
# theme's `max-width: 100%; height: auto` still shrinks the figure to the column.
# The size is read from the SVG's own width and height attributes; a figure
# that sets :width: or :height: itself is left alone.

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)
PIXELS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$")


def svg_size(path: Path) -> tuple[int, int] | None:
    """The width and height in pixels an SVG file declares, or None."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return None
    width, height = (PIXELS.match(root.get(name) or "") for name in ("width", "height"))
    if not width or not height:
        return None
    return round(float(width.group(1))), round(float(height.group(1)))


def size_figures(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: width and height for each SVG image that has neither."""
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if not uri.endswith(".svg") or "width" in image or "height" in image or "://" in uri:
            continue
        _, path = app.env.relfn2path(uri, app.env.docname)
        size = svg_size(Path(path))
        if size is None:
            logger.warning(
                "%s declares no width and height in pixels — give its <svg> width and height attributes",
                uri,
                location=image,
                type="placetel",
                subtype="figure_size",
            )
            continue
        image["width"], image["height"] = (str(n) for n in size)
        image["loading"] = "lazy"  # docutils writes loading="lazy"; the size keeps the figure's room


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-read", size_figures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
