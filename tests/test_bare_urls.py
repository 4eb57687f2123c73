"""Links whose text is their own address are marked, so print shows each address once."""

import re

import pytest


@pytest.mark.sphinx("html", testroot="bare-urls", srcdir="bare-urls")
def test_only_links_whose_text_is_their_address_are_marked(app):
    app.build()
    links = dict(re.findall(r'<a class="([^"]*)" href="([^"]*)"', (app.outdir / "index.html").read_text()))
    classes = {href: cls for cls, href in links.items()}
    assert "bare-url" in classes["https://example.org/bare"]
    assert "bare-url" not in classes["https://example.org/named"]
    assert all("bare-url" not in cls for href, cls in classes.items() if href.startswith("#"))
