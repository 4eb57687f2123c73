"""Every SVG figure gets its intrinsic width and height, so nothing shifts while it loads."""

import re

import pytest
from sphinx.util.console import strip_colors


@pytest.mark.sphinx("html", testroot="figure-size", srcdir="figure-size")
def test_svg_figures_get_their_width_and_height(app, warning):
    app.build()
    images = re.findall(r"<img [^>]*>", (app.outdir / "index.html").read_text(encoding="utf-8"))
    assert 'width="400"' in images[0] and 'height="248"' in images[0] and "style=" not in images[0]
    assert 'loading="lazy"' in images[0]
    assert 'width="200"' in images[1] and "height" not in images[1]  # a size of its own stays
    warnings = strip_colors(warning.getvalue())
    assert (
        "index.rst:13: WARNING: img/unsized.svg declares no width and height in pixels — give its <svg> "
        "width and height attributes" in warnings
    ), warnings
