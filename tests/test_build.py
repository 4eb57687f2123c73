"""The Makefile's strict build (`make test-build`, every language) fails on a broken page, naming file:line,
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


def test_the_strict_build_fails_on_every_defect_with_file_and_line_and_again_on_the_next_run(tree):
    """Each defect is named with file:line; the next `make test-build` names them again: an incremental
    build would read only changed pages and stay silent about the unchanged broken ones."""
    ref = append(tree, "docs/setup.rst", "See :ref:`no-such-label`.\n")
    term = append(tree, "docs/overview.rst", "A :term:`no such term` here.\n")
    markup = append(tree, "docs/glossary.rst", "This is **not closed.\n")
    (tree / "docs/orphan.rst").write_text("Orphan\n======\n\nNo toctree has me.\n")
    pages = {p: FIGURE.findall(p.read_text(encoding="utf-8")) for p in (tree / "docs").glob("*.rst")}
    page, images = next((p, i) for p, i in sorted(pages.items()) if i)
    (tree / images[0]).unlink()

    for run in ("first", "next"):
        status, output = make(tree.path, "test-build")

        assert status != 0, f"the {run} run passed"
        assert re.search(rf"docs/setup\.rst:{ref}: WARNING: undefined label: 'no-such-label'", output), run
        assert re.search(rf"docs/overview\.rst:{term}: WARNING: term not in glossary", output), run
        assert re.search(rf"docs/glossary\.rst:{markup}: WARNING: Inline strong start-string", output), run
        assert re.search(r"docs/orphan\.rst: WARNING: document isn't included in any toctree", output), run
        assert re.search(rf"docs/{page.name}:\d+: WARNING: image file not readable", output), run
