"""Offline link check: the strict HTML build fails on links that docs/links.json does not vouch for."""

import json
import re

from placetel_tools.sphinxext import link_record
from test_build import append  # noqa: E402 (tests/ is on sys.path)

RECORD = "docs/links.json"
RERUN = "run `make linkcheck` and commit docs/links.json"


def record_with(tree, *entries):
    """Add entries to the copy's record the way `make linkcheck` writes it."""
    data = json.loads((tree / RECORD).read_text(encoding="utf-8"))
    links = {e["url"]: e for e in data["links"]}
    for url, status, detail in entries:
        links[url] = {"url": url, "status": status, "detail": detail, "checked": "2026-11-20"}
    (tree / RECORD).write_text(link_record.dump(list(links.values())), encoding="utf-8")


def test_links_the_record_does_not_vouch_for_fail_with_file_and_line(tree):
    record_with(tree,
                ("https://broken.example.net/page", "broken", "HTTP 404 Not Found"),
                ("https://moved.example.net/", "redirected",
                 "redirected permanently to https://moved.example.net/new/"))
    conf = tree / "conf.py"
    # example.net is a placeholder host in conf.py; make these two real for this test.
    conf.write_text(conf.read_text(encoding="utf-8")
                    + "\nlinkcheck_ignore = [p for p in linkcheck_ignore if 'example' not in p"
                      " or 'zammad' in p]\n", encoding="utf-8")
    new = append(tree, "docs/setup.rst", "Read the `new page <https://new.example.net/x>`_.\n")
    broken = append(tree, "docs/overview.rst",
                    "First line of a paragraph\nand `broken <https://broken.example.net/page>`_.\n")
    moved = append(tree, "docs/glossary.rst", "See https://moved.example.net/ too.\n")
    http = append(tree, "docs/troubleshooting.rst", "Not `secure <http://www.placetel.de/>`_.\n")

    status, output = tree.sphinx("html")

    assert status != 0
    assert re.search(rf"docs/setup\.rst:{new}: WARNING: new link https://new\.example\.net/x — "
                     + re.escape(RERUN), output), output
    # The exact line of the URL, not the paragraph's first line.
    assert re.search(rf"docs/overview\.rst:{broken + 1}: WARNING: link https://broken\.example\.net/"
                     r"page was broken when last checked on 2026-11-20 \(HTTP 404 Not Found\) — "
                     r"fix the link, then run `make linkcheck`", output), output
    assert re.search(rf"docs/glossary\.rst:{moved}: WARNING: link https://moved\.example\.net/ was "
                     r"redirected .* — fix the link", output), output
    assert re.search(rf"docs/troubleshooting\.rst:{http}: WARNING: plain http:// link "
                     r"http://www\.placetel\.de/ — use its https:// address", output), output


def test_a_hand_edited_record_fails(tree):
    text = (tree / RECORD).read_text(encoding="utf-8")
    data = json.loads(text)
    data["links"].append({"url": "https://web.placetel.de/", "status": "working",
                          "detail": "", "checked": "2026-11-24"})
    (tree / RECORD).write_text(json.dumps(data, indent=2), encoding="utf-8")

    status, output = tree.sphinx("html")

    assert status != 0
    assert re.search(r"docs/links\.json:1: WARNING: the record was edited by hand .* — "
                     + re.escape(RERUN), output), output


def test_recorded_unverified_and_placeholder_links_pass_and_unverified_are_listed(tree):
    record_with(tree,
                ("https://good.example.org/docs", "working", ""),
                ("https://offline.example.org/", "unverified", "no network: DNS lookup failed"))
    conf = tree / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8")
                    + "\nlinkcheck_ignore = [p for p in linkcheck_ignore if 'example' not in p"
                      " or 'zammad' in p]\n", encoding="utf-8")
    append(tree, "docs/setup.rst", "See `the docs <https://good.example.org/docs>`_.\n")
    append(tree, "docs/overview.rst",
           "Again `the same docs <https://good.example.org/docs>`_, and\n"
           "https://offline.example.org/ and the placeholder\n"
           "https://zammad.example.com/api/v1/placetel/Sx7uLqkA9pW3rT2vYc5N and\n"
           "http://127.0.0.1:8000/ on your own machine.\n")

    status, output = tree.sphinx("html")

    assert status == 0, output
    assert "WARNING" not in output
    assert re.search(r"links unverified \(no network when last checked\).*\n"
                     r"(?:.*\n)*  https://offline\.example\.org/ \(no network: DNS lookup failed, "
                     r"2026-11-20\)", output), output
