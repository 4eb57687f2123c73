"""A file in the snippets folder that no page uses fails the build, naming it and what to do."""

import pytest
from sphinx.util.console import strip_colors


def warnings(warning):
    return [line for line in strip_colors(warning.getvalue()).splitlines() if "WARNING" in line]


@pytest.mark.sphinx("html", testroot="snippet-check", srcdir="snippet-check-serial")
def test_unused_snippets_are_named_with_the_fix(app, warning):
    app.build()
    found = warnings(warning)
    assert len(found) == 2, found  # used.rst (included), named.json (named by it), a-f.json (literalinclude)
    assert any(
        "snippets/orphan.json:1: WARNING: no page uses snippets/orphan.json — use it from a page "
        "(.. literalinclude:: ../snippets/orphan.json, or name it in a snippet's "
        ".. simulator: config=orphan.json) or delete it" in w
        for w in found
    ), found
    assert any(
        "snippets/unused.rst:1: WARNING: no page uses snippets/unused.rst — use it from a page "
        "(.. include:: ../snippets/unused.rst) or delete it" in w
        for w in found
    ), found


@pytest.mark.sphinx("html", testroot="snippet-check", srcdir="snippet-check-parallel", parallel=2)
def test_a_parallel_build_sees_every_pages_includes(app, warning):
    app.build()
    assert sorted(w.split("no page uses ")[1].split(" ")[0] for w in warnings(warning)) == [
        "snippets/orphan.json",
        "snippets/unused.rst",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="snippet-check",
    srcdir="snippet-check-missing",
    confoverrides={"snippet_check_folder": "examples"},
)
def test_a_missing_folder_is_a_message_not_a_crash(app, warning):
    app.build()
    assert any(
        "conf.py:1: WARNING: snippet_check_folder 'examples' is not a folder — create it, or set "
        "snippet_check_folder in conf.py" in w
        for w in warnings(warning)
    ), warnings(warning)
