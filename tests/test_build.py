"""The Makefile's strict build (`make test-build`, both languages) fails on a broken page, naming file:line,
and a stale _build/ never hides a problem. The extensions' own checks are tested in-process
(test_link_record.py, test_snippet_check.py, test_figure_check.py, ...); this is the command line."""

import re

from commands import make

FIGURE = re.compile(r"^\s*\.\. (?:figure|image):: \.\./(images/\S+)", re.M)


def append(tree, name, text):
    """Append ``text`` to a page of the copy; return the line number where it starts."""
    file = tree / name
    before = file.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    file.write_text(before + "\n" + text, encoding="utf-8")
    return before.count("\n") + 2


def test_the_strict_build_fails_on_every_markup_defect_with_file_and_line(tree):
    ref = append(tree, "docs/setup.rst", "See :ref:`no-such-label`.\n")
    term = append(tree, "docs/overview.rst", "A :term:`no such term` here.\n")
    markup = append(tree, "docs/glossary.rst", "This is **not closed.\n")
    (tree / "docs/orphan.rst").write_text("Orphan\n======\n\nNo toctree has me.\n")

    status, output = make(tree.path, "test-build")

    assert status != 0
    assert re.search(rf"docs/setup\.rst:{ref}: WARNING: undefined label: 'no-such-label'", output)
    assert re.search(rf"docs/overview\.rst:{term}: WARNING: term not in glossary", output)
    assert re.search(rf"docs/glossary\.rst:{markup}: WARNING: Inline strong start-string", output)
    assert re.search(r"docs/orphan\.rst: WARNING: document isn't included in any toctree", output)


def test_a_missing_figure_fails_even_after_a_good_build(tree):
    """A stale _build/ must not hide a deleted image behind an unchanged page."""
    pages = {p: FIGURE.findall(p.read_text(encoding="utf-8")) for p in (tree / "docs").glob("*.rst")}
    page, images = next((p, i) for p, i in sorted(pages.items()) if i)

    status, output = make(tree.path, "test-build")
    assert status == 0, output

    (tree / images[0]).unlink()
    status, output = make(tree.path, "test-build")
    assert status != 0
    assert f"docs/{page.name}:" in output and "image file not readable" in output
