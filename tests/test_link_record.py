"""The offline link check: every build fails, at file:line, on an external link docs/links.json does not
vouch for; the links of every page survive incremental and parallel builds."""

import pytest
from sphinx.util.console import strip_colors

from placetel_tools.sphinxext import link_record

PAGES = ("one", "two", "three", "four", "five", "six")


def record(app, *entries):
    """Write the root's record the way `make linkcheck` writes it."""
    links = [
        {"url": url, "status": status, "detail": detail, "checked": "2026-11-20"}
        for url, status, detail in entries
    ]
    (app.srcdir / "links.json").write_text(link_record.dump(links), encoding="utf-8")


def all_vouched(app):
    record(
        app,
        ("https://working.example.org/", "working", ""),
        *((f"https://{n}.example.org/new", "working", "") for n in PAGES),
    )


def warnings(warning):
    return [line for line in strip_colors(warning.getvalue()).splitlines() if "WARNING" in line]


@pytest.mark.sphinx("html", testroot="link-record", srcdir="link-record-vouched")
def test_links_the_record_vouches_for_pass(app, warning):
    all_vouched(app)
    app.build()
    assert warnings(warning) == []


@pytest.mark.sphinx("html", testroot="link-record", srcdir="link-record-problems")
def test_each_link_the_record_does_not_vouch_for_fails_at_its_paragraph(app, warning, capsys):
    """Each warning names the first line of the paragraph that holds the link (as docutils gives it)."""
    record(
        app,
        ("https://working.example.org/", "unverified", "no network: DNS lookup failed"),
        ("https://one.example.org/new", "broken", "HTTP 404 Not Found"),
        ("https://two.example.org/new", "redirected", "redirected permanently to https://two.example.org/n/"),
        *((f"https://{n}.example.org/new", "working", "") for n in PAGES[3:]),
    )
    (app.srcdir / "five.rst").write_text(
        "Five\n====\n\nNot `secure <http://five.example.org/>`_.\n", encoding="utf-8"
    )
    app.build()
    found = warnings(warning)
    rerun = "run `make linkcheck` and commit docs/links.json"
    assert any(
        "one.rst:4: WARNING: link https://one.example.org/new was broken when last checked on "
        f"2026-11-20 (HTTP 404 Not Found) — fix the link, then {rerun}" in w
        for w in found
    ), found
    assert any("two.rst:4: WARNING: link https://two.example.org/new was redirected" in w for w in found), (
        found
    )
    assert any(f"three.rst:4: WARNING: new link https://three.example.org/new — {rerun}" in w for w in found)
    assert any(
        "five.rst:4: WARNING: plain http:// link http://five.example.org/ — use its https:// address" in w
        for w in found
    ), found
    assert len(found) == 5, found  # the new http:// link is also new to the record
    assert (
        "https://working.example.org/ (no network: DNS lookup failed, 2026-11-20)" in capsys.readouterr().err
    )


@pytest.mark.sphinx("html", testroot="link-record", srcdir="link-record-invalid")
def test_a_record_that_does_not_parse_fails(app, warning):
    all_vouched(app)
    path = app.srcdir / "links.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"links"', '"entries"'), encoding="utf-8")
    app.build()
    assert any("links.json:1: WARNING: the record is not valid ('links')" in w for w in warnings(warning)), (
        warnings(warning)
    )


@pytest.mark.sphinx("html", testroot="link-record", srcdir="link-record-parallel", parallel=2)
def test_a_parallel_build_keeps_the_links_of_every_page(app, warning):
    record(app, ("https://working.example.org/", "working", ""))  # none of the six pages' links
    app.build()
    assert app.parallel == 2
    new = sorted(w.split(".rst:")[0].rsplit("/", 1)[-1] for w in warnings(warning) if "new link" in w)
    assert new == sorted(PAGES)


@pytest.mark.sphinx("html", testroot="link-record", srcdir="link-record-incremental")
def test_an_incremental_build_keeps_the_links_of_unchanged_pages(app, warning):
    record(app, ("https://working.example.org/", "working", ""))
    app.build()
    first = len([w for w in warnings(warning) if "new link" in w])
    warning.truncate(0)
    warning.seek(0)
    (app.srcdir / "six.rst").write_text("Six\n===\n\nNo link any more.\n", encoding="utf-8")
    app.build()
    again = sorted(w.split(".rst:")[0].rsplit("/", 1)[-1] for w in warnings(warning) if "new link" in w)
    assert first == 6 and again == ["five", "four", "one", "three", "two"]
