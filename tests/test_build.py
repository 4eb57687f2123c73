"""The strict build (`make test-build`) fails on every kind of broken page, naming file:line."""

import os
import re
import subprocess
import sys
from pathlib import Path

FIGURE = re.compile(r"^\s*\.\. (?:figure|image):: \.\./(images/\S+)", re.M)


def append(tree, name, text):
    """Append ``text`` to a page of the copy; return the line number where it starts."""
    file = tree / name
    before = file.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    file.write_text(before + "\n" + text, encoding="utf-8")
    return before.count("\n") + 2


def make(tree, target):
    """Run a Makefile target in the copy with this interpreter's environment."""
    env = dict(os.environ, VIRTUAL_ENV=str(Path(sys.executable).parent.parent))
    proc = subprocess.run(["make", "--no-print-directory", target], cwd=tree.path, env=env,
                          capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def test_every_markup_defect_fails_with_file_and_line(tree):
    ref = append(tree, "docs/setup.rst", "See :ref:`no-such-label`.\n")
    term = append(tree, "docs/overview.rst", "A :term:`no such term` here.\n")
    markup = append(tree, "docs/glossary.rst", "This is **not closed.\n")
    (tree / "docs/orphan.rst").write_text("Orphan\n======\n\nNo toctree has me.\n")

    status, output = tree.sphinx("html")

    assert status != 0
    assert re.search(rf"docs/setup\.rst:{ref}: WARNING: undefined label: 'no-such-label'", output)
    assert re.search(rf"docs/overview\.rst:{term}: WARNING: term not in glossary", output)
    assert re.search(rf"docs/glossary\.rst:{markup}: WARNING: Inline strong start-string", output)
    assert re.search(r"docs/orphan\.rst: WARNING: document isn't included in any toctree", output)


def test_a_missing_figure_fails_even_after_a_good_build(tree):
    """A stale _build/ must not hide a deleted image behind an unchanged page."""
    pages = {p: FIGURE.findall(p.read_text(encoding="utf-8")) for p in (tree / "docs").glob("*.rst")}
    page, images = next((p, i) for p, i in sorted(pages.items()) if i)

    status, output = make(tree, "test-build")
    assert status == 0, output

    (tree / images[0]).unlink()
    status, output = make(tree, "test-build")
    assert status != 0
    assert f"docs/{page.name}:" in output and "image file not readable" in output


def test_a_new_paragraph_with_a_valid_reference_builds(tree):
    append(tree, "docs/troubleshooting.rst",
           "Read :ref:`placetel_settings` and the :term:`caller log` entry.\n")
    status, output = tree.sphinx("html")
    assert status == 0, output


def test_a_snippet_no_page_uses_fails_the_build(tree):
    (tree / "doctests/zz-forgotten.rst").write_text(".. code-block:: console\n\n   $ true\n", encoding="utf-8")
    (tree / "doctests/zz-forgotten.json").write_text("{}\n", encoding="utf-8")
    status, output = tree.sphinx("html")
    assert status != 0
    assert ("doctests/zz-forgotten.rst:1: WARNING: no page uses doctests/zz-forgotten.rst — use it from a "
            "page (.. include:: ../doctests/zz-forgotten.rst) or delete it") in output, output
    assert ("doctests/zz-forgotten.json:1: WARNING: no page uses doctests/zz-forgotten.json — use it from a "
            "page (.. literalinclude:: ../doctests/zz-forgotten.json, or name it in a snippet's "
            ".. simulator: config=zz-forgotten.json) or delete it") in output, output


def test_a_new_snippet_a_page_includes_builds(tree):
    (tree / "doctests/zz-new.rst").write_text(
        ".. simulator: config=zz-new.json\n\nA new example.\n", encoding="utf-8")
    (tree / "doctests/zz-new.json").write_text("{}\n", encoding="utf-8")
    (tree / "doctests/zz-page-config.json").write_text("{}\n", encoding="utf-8")
    append(tree, "docs/endpoint.rst", ".. include:: ../doctests/zz-new.rst\n\n"
                                      ".. testsetup:: zz\n\n   use_simulator(config=doctest_config(\"zz-page-config.json\"))\n")
    status, output = tree.sphinx("html")
    assert status == 0, output
