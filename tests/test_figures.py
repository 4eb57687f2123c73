"""The figure renderer: deterministic, idempotent `make images`, stale figures reported by --check."""

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from placetel_tools import figures

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
NAMES = ["call-flow", "placetel-activate-zammad", "zammad-endpoint-field",
         "placetel-create-api-token", "zammad-api-token", "placetel-external-routing",
         "placetel-recent-responses"]


def make_images(tree):
    env = dict(os.environ, VIRTUAL_ENV=str(Path(sys.executable).parent.parent))
    proc = subprocess.run(["make", "--no-print-directory", "images"], cwd=tree.path, env=env,
                          capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout + proc.stderr


def figures_check(tree):
    proc = subprocess.run([sys.executable, "-m", "placetel_tools.figures", "--check"],
                          cwd=tree.path, capture_output=True, text=True, timeout=60)
    return proc.returncode, proc.stdout + proc.stderr


def test_every_named_figure_has_a_source_and_is_current():
    assert sorted(p.stem for p in figures.sources(ROOT)) == sorted(NAMES)
    assert figures.problems(ROOT) == []


@pytest.mark.parametrize("name", NAMES)
def test_rendering_is_deterministic_and_follows_the_style_rules(name):
    source = ROOT / "images/src" / f"{name}.txt"
    first, second = figures.render_file(source, ROOT), figures.render_file(source, ROOT)
    assert first == second
    assert len(first) <= 100_000
    root = ElementTree.fromstring(first)
    width, height = int(root.get("width")), int(root.get("height"))
    assert root.get("viewBox") == f"0 0 {width} {height}"
    assert width <= 440, "wider figures shrink below legibility on a 375 px phone"
    assert root.find(f"{SVG}title").text.strip()
    assert root.get("font-family") == "sans-serif"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Illustration" in texts
    sizes = [int(t.get("font-size", root.get("font-size"))) for t in root.iter(f"{SVG}text")]
    assert min(sizes) >= 12


def test_text_colours_meet_wcag_aa():
    for fg, bg in figures.TEXT_ON:
        assert figures.contrast(fg, bg) >= 4.5, (fg, bg)
    for colour in (figures.LINE, figures.FOCUS, figures.PRIMARY):  # outlines and controls
        assert figures.contrast(colour, figures.WHITE) >= 3


@pytest.mark.parametrize("source, line, message", [
    ("figure 200 100\ntitle | t\nbox 10 40 60 30 | a label far too long", 3, "needs about"),
    ("figure 200 100\ntitle | t\n\nwidget 1 2", 4, "unknown element 'widget'"),
    ("figure 200 100\ntitle | t\nbox 150 40 60 30 | x", 3, "leaves the 200x100 canvas"),
    ("figure 200 100\ntitle | t\nbox 120 0 60 30 | x", 3, "covers the Illustration badge"),
    ("figure 200 100\ntitle | t\nframe 0 30 200 70 | f\nbox 0 0 60 50 | x", 4, "leaves its frame"),
    ("figure 200 100\ntitle | t\nbutton 0 40 60 30 shiny | x", 3, "does not know 'shiny'"),
    ("figure 200 100\nbox 0 40 60 30 | x", 1, "no title"),
])
def test_a_broken_source_names_its_file_and_line(source, line, message):
    with pytest.raises(figures.FigureError) as err:
        figures.render(source, "images/src/x.txt")
    assert str(err.value).startswith(f"images/src/x.txt:{line}: ")
    assert message in str(err.value) and " — " in str(err.value)


def test_make_images_regenerates_every_figure_and_is_idempotent(tree):
    originals = {n: (tree / f"images/{n}.svg").read_bytes() for n in NAMES}
    (tree / "images/call-flow.svg").unlink()
    (tree / "images/zammad-api-token.svg").write_text("<svg/>")

    status, output = make_images(tree)
    assert status == 0, output
    assert "2 rewritten" in output
    assert {n: (tree / f"images/{n}.svg").read_bytes() for n in NAMES} == originals

    stamps = {n: (tree / f"images/{n}.svg").stat().st_mtime_ns for n in NAMES}
    status, output = make_images(tree)
    assert status == 0 and "0 rewritten" in output, output
    assert {n: (tree / f"images/{n}.svg").stat().st_mtime_ns for n in NAMES} == stamps


def test_check_reports_an_edited_source_and_a_broken_one(tree):
    assert figures_check(tree)[0] == 0

    tree.edit("images/src/call-flow.txt", "rings your number", "rings one number")
    tree.edit("images/src/zammad-api-token.txt", "button 16 272 80 30", "button 16 272 80 300")
    status, output = figures_check(tree)

    assert status == 1
    assert ("images/src/call-flow.txt:1: images/call-flow.svg is not current with this source"
            " — run make images") in output
    line = next(i for i, text in enumerate(
        (tree / "images/src/zammad-api-token.txt").read_text().splitlines(), 1)
        if text.startswith("button 16 272"))
    assert re.search(rf"images/src/zammad-api-token\.txt:{line}: .*leaves its frame", output)
