"""One stylesheet per page: site.css joins every stylesheet in the order Sphinx would link them."""

import re

import pytest

from placetel_tools.sphinxext.css_bundle import rewrite_urls


def parts(app):
    return re.findall(r"^/\* (\S+) priority=", (app.outdir / "_static/css/site.css").read_text(), re.M)


@pytest.mark.sphinx("html", testroot="css-bundle", srcdir="css-bundle")
def test_pages_link_only_the_bundle_in_sphinx_order(app):
    app.build()
    for page in ("index.html", "tabbed.html"):
        links = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]*)"', (app.outdir / page).read_text())
        assert links == ["_static/css/site.css"], links
    order = parts(app)
    # the page-only file (priority 500) before late.css (800), however late a page added it
    assert order.index("_static/more/page-only.css") < order.index("_static/late.css")
    assert order[-1] == "_static/late.css"
    bundle = (app.outdir / "_static/css/site.css").read_text()
    assert ".late { background: url(../pic.png); }" in bundle
    assert '.page-only { background: url("../pic.png"); }' in bundle


@pytest.mark.sphinx("html", testroot="css-bundle", srcdir="css-bundle-incremental")
def test_an_incremental_build_keeps_files_only_unchanged_pages_link(app):
    app.build()
    before = parts(app)
    (app.srcdir / "index.rst").write_text("Start\n=====\n\nChanged.\n\n.. toctree::\n\n   tabbed\n")
    app.build()
    assert parts(app) == before and "_static/more/page-only.css" in before


def test_urls_follow_the_bundle():
    assert (
        rewrite_urls("a{b:url(fonts/x.woff2?v=1)}", "_static/css/theme.css") == "a{b:url(fonts/x.woff2?v=1)}"
    )
    assert rewrite_urls("a{b:url('img/y.svg')}", "_static/tabs.css") == "a{b:url('../img/y.svg')}"
    assert (
        rewrite_urls('a{b:url("data:image/svg+xml,x")}', "_static/custom.css")
        == 'a{b:url("data:image/svg+xml,x")}'
    )
