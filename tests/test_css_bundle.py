"""One stylesheet per page: site.css joins every stylesheet in the order Sphinx would link them."""

import re

import pytest

from placetel_tools.sphinxext.css_bundle import checksum, rewrite_urls


def parts(app):
    return re.findall(r"^/\* (\S+) priority=", (app.outdir / "_static/css/site.css").read_text(), re.M)


def links(app, page):
    return re.findall(r'<link rel="stylesheet"[^>]*href="([^"]*)"', (app.outdir / page).read_text())


def linked_version(app):
    return "_static/css/site.css?v=" + checksum((app.outdir / "_static/css/site.css").read_bytes())


@pytest.mark.sphinx("html", testroot="css-bundle", srcdir="css-bundle")
def test_pages_link_only_the_bundle_in_sphinx_order(app):
    app.build()
    for page in ("index.html", "tabbed.html"):
        assert links(app, page) == [linked_version(app)], links(app, page)
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


@pytest.mark.sphinx("html", testroot="css-bundle", srcdir="css-bundle-checksum")
def test_a_changed_stylesheet_changes_the_address_on_every_page(app):
    """An incremental build that writes one page still links every page to the new bundle."""
    app.build()
    old = linked_version(app)
    (app.srcdir / "_static" / "late.css").write_text(".late { color: red; }\n")
    (app.srcdir / "index.rst").write_text("Start\n=====\n\nChanged.\n\n.. toctree::\n\n   tabbed\n")
    app.build()
    assert linked_version(app) != old
    assert links(app, "index.html") == links(app, "tabbed.html") == [linked_version(app)]


@pytest.mark.sphinx("html", testroot="css-bundle", srcdir="css-bundle-parallel", parallel=2)
def test_a_parallel_build_bundles_the_same(app, warning):
    app.build()
    assert "not safe for parallel" not in warning.getvalue()
    assert "_static/more/page-only.css" in parts(app) and parts(app)[-1] == "_static/late.css"
    assert links(app, "index.html") == links(app, "tabbed.html") == [linked_version(app)]


def test_urls_follow_the_bundle():
    assert (
        rewrite_urls("a{b:url(fonts/x.woff2?v=1)}", "_static/css/theme.css") == "a{b:url(fonts/x.woff2?v=1)}"
    )
    assert rewrite_urls("a{b:url('img/y.svg')}", "_static/tabs.css") == "a{b:url('../img/y.svg')}"
    assert (
        rewrite_urls('a{b:url("data:image/svg+xml,x")}', "_static/custom.css")
        == 'a{b:url("data:image/svg+xml,x")}'
    )
