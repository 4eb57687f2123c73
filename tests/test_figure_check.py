"""figure_check: each figure defect fails the strict build at the page's file:line; good figures pass."""

import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from placetel_tools.sphinxext.figure_check import base_figure, decode_problem

ROOT = Path(__file__).resolve().parent.parent


# --- image files written by hand ------------------------------------------------

def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width=3, height=2, interlace=0):
    """A valid greyscale PNG (all black)."""
    if interlace:
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                  (1, 0, 2, 2), (0, 1, 1, 2)]
        rows = [((width - x + dx - 1) // dx, (height - y + dy - 1) // dy) for x, y, dx, dy in passes]
        raw = b"".join(b"\0" * (h * (1 + w)) for w, h in rows if w and h)
    else:
        raw = b"\0" * (height * (1 + width))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, interlace))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# One 2x2 frame of colour 0: LZW codes clear, 0, 6, 0, end (3 bits, then 4).
FRAME = (b"\x21\xf9\x04\x00\x0a\x00\x00\x00"  # graphic control: 0.1 s
         b"\x2c\x00\x00\x00\x00\x02\x00\x02\x00\x00"  # image descriptor 2x2
         b"\x02\x02\x84\x51\x00")  # LZW minimum code size 2, one sub-block, terminator


def gif(frames=2):
    """A valid animated GIF with ``frames`` frames."""
    return (b"GIF89a\x02\x00\x02\x00\x80\x00\x00" + b"\x00\x00\x00\xff\xff\xff"
            + FRAME * frames + b"\x3b")


def jpeg():
    return b"\xff\xd8" + b"\xff\xda\x00\x08" + bytes(6) + b"\x12\x34" + b"\xff\xd9"


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>t</title></svg>\n'


def padded_svg(size):
    """A valid SVG of exactly ``size`` bytes."""
    return SVG.replace(b"</svg>", b"<!--" + b"x" * (size - len(SVG) - 7) + b"--></svg>")


# --- the decoders ---------------------------------------------------------------

@pytest.mark.parametrize("name, data", [
    ("a.png", png()), ("a.png", png(9, 5, interlace=1)), ("a.gif", gif(1)), ("a.gif", gif(3)),
    ("a.jpg", jpeg()), ("a.svg", SVG), ("a.svg", padded_svg(500)),
])
def test_complete_files_decode(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    assert decode_problem(tmp_path / name) is None


def flip(data, pos):
    return data[:pos] + bytes([data[pos] ^ 1]) + data[pos + 1:]


GOOD_PNG = png()
IDAT_AT = GOOD_PNG.index(b"IDAT") - 4


@pytest.mark.parametrize("name, data, problem", [
    ("a.png", flip(GOOD_PNG, len(GOOD_PNG) - 14), "chunk IDAT at byte 33 has a wrong CRC"),
    ("a.png", GOOD_PNG[:-12], "without an IEND chunk"),
    ("a.png", GOOD_PNG[:IDAT_AT] + chunk(b"IDAT", zlib.compress(b"\0" * 5)) + chunk(b"IEND", b""),
     "holds 5 of 8 bytes"),
    ("a.png", b"\x89PNX" + GOOD_PNG[4:], "no PNG signature"),
    ("a.gif", gif(2)[:-3], "frame 2 (at byte 50) is cut short"),
    ("a.gif", gif(2)[:-1], "without the trailer"),
    ("a.gif", gif(0), "holds no frame"),
    ("a.jpg", jpeg()[:-2], "no end-of-image marker"),
    ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><g></svg>',
     "not well-formed XML"),
    ("a.svg", b'<svg width="1" height="1"/>', "not <svg> in the SVG namespace"),
    ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="1"/>', "no height"),
    ("a.bmp", b"BM", "not a format this site uses"),
])
def test_incomplete_files_are_named(tmp_path, name, data, problem):
    (tmp_path / name).write_bytes(data)
    assert problem in decode_problem(tmp_path / name)


# --- the strict build -------------------------------------------------------------

def append(tree, page, text):
    """Append ``text`` to a page; return the line number of each `.. figure::` in it."""
    file = tree / page
    before = file.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    file.write_text(before + text, encoding="utf-8")
    first = before.count("\n") + 1
    return [first + i for i, line in enumerate(text.splitlines()) if line.startswith(".. figure::")]


def figure(name, alt="A sketch of something a reader needs to see."):
    return f".. figure:: ../images/{name}\n" + (f"   :alt: {alt}\n" if alt is not None else "") + "\n"


def test_each_figure_defect_fails_the_build_at_its_page_and_line(tree):
    images = tree / "images"
    (images / "big.svg").write_bytes(padded_svg(120_000))
    (images / "crc.png").write_bytes(flip(png(), len(png()) - 14))
    (images / "cut.gif").write_bytes(gif(2)[:-3])
    (images / "bad.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')
    (images / "unused.png").write_bytes(png())
    for n in (1, 2, 3):
        (images / f"heavy-{n}.svg").write_bytes(padded_svg(90_000))
    lines = append(tree, "docs/glossary.rst", "".join([
        figure("missing.svg"), figure("call-flow.svg", alt=None), figure("call-flow.svg", alt=""),
        figure("call-flow.svg", alt="call-flow.svg"), figure("call-flow.svg", alt="Call-Flow"),
        figure("big.svg"), figure("crc.png"), figure("cut.gif"), figure("bad.svg")]))
    missing, no_alt, empty_alt, name_alt, stem_alt, big, crc, cut, bad = lines
    heavy = append(tree, "docs/troubleshooting.rst",
                   "".join(figure(f"heavy-{n}.svg") for n in (1, 2, 3)))
    tree.edit("images/src/placetel-recent-responses.txt", "Invalid token", "Wrong token")
    (tree / "images/src/new-figure.txt").write_text("figure 100 100\ntitle | New\n")
    (tree / "images/src/bad-source.txt").write_text("figure 100 100\ntitle | New\nbox 0 50 99 99 | x\n")
    setup = (tree / "docs/setup.rst").read_text(encoding="utf-8").splitlines()
    stale = 1 + setup.index(".. figure:: ../images/placetel-recent-responses.svg")

    status, output = tree.sphinx("html")

    assert status != 0

    def reported(page, line, pattern):
        assert re.search(rf"docs/{page}:{line}: WARNING: {pattern}", output), (page, line, pattern)

    reported("glossary.rst", missing, r"image file not readable: \.\./images/missing\.svg")
    reported("glossary.rst", no_alt, "images/call-flow.svg has no alt text — add :alt:")
    reported("glossary.rst", empty_alt, "images/call-flow.svg has no alt text — add :alt:")
    reported("glossary.rst", name_alt, "the alt text of images/call-flow.svg is its file name — ")
    reported("glossary.rst", stem_alt, "the alt text of images/call-flow.svg is its file name — ")
    reported("glossary.rst", big, r"images/big\.svg weighs 120000 bytes, over the 100 KB budget "
                                  "per image — simplify")
    reported("glossary.rst", crc, r"images/crc\.png does not decode: chunk IDAT at byte 33 has a "
                                  "wrong CRC — ")
    reported("glossary.rst", cut, r"images/cut\.gif does not decode: frame 2 \(at byte 50\) is "
                                  "cut short")
    reported("glossary.rst", bad, r"images/bad\.svg does not decode: it is not well-formed XML")
    reported("troubleshooting.rst", heavy[2], r"the images of this page weigh 270000 bytes "
                                              "together, over the 250 KB budget per page — ")
    assert not re.search(r"troubleshooting\.rst:\d+: WARNING: .*heavy-\d\.svg weighs", output)
    reported("setup.rst", stale, r"images/placetel-recent-responses\.svg is not current with "
                                 r"its source images/src/placetel-recent-responses\.txt — run "
                                 "make images")
    assert re.search(r"images/unused\.png:1: WARNING: no page references images/unused\.png — ",
                     output)
    assert re.search(r"images/src/new-figure\.txt:1: WARNING: images/new-figure\.svg is missing "
                     "— run make images", output)
    assert re.search(r"images/src/bad-source\.txt:3: WARNING: this element \(0,50 99x99\) leaves "
                     "the 100x100 canvas — move it", output)
    assert not re.search(r"images/src/\S+: WARNING: no page references", output)


def test_good_new_figures_pass(tree):
    (tree / "images/src/example.txt").write_text(
        "figure 300 120\ntitle | A new example figure\nbox 20 40 200 48 head | Example\\nbox\n")
    subprocess.run([sys.executable, "-m", "placetel_tools.figures"], cwd=tree.path, check=True,
                   capture_output=True, timeout=60)
    (tree / "images/photo.png").write_bytes(png(9, 5, interlace=1))
    (tree / "images/steps.gif").write_bytes(gif(3))
    append(tree, "docs/glossary.rst", figure("example.svg", "A box labelled Example.")
           + figure("photo.png", "A black rectangle.") + figure("steps.gif", "Three black frames."))

    status, output = tree.sphinx("html")

    assert status == 0, output


# --- languages ------------------------------------------------------------------------

def with_locale(tree):
    """The German catalogues (pages and figures) in the copy: the tree fixture copies none."""
    shutil.copytree(ROOT / "locale", tree / "locale", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("*.mo"))
    return "locale/de/LC_MESSAGES/images.po"


def german(tree):
    return tree.sphinx("html", "-D", "language=de")


def test_german_figures_missing_stale_or_too_long_fail_both_builds(tree):
    po = with_locale(tree)
    (tree / "images/zammad-api-token.de.svg").unlink()
    tree.edit(po, 'msgstr "Anfrage"', 'msgstr "Anfrage (POST)"')  # call-flow.de.svg is stale now
    tree.edit(po, 'msgstr "weitere Partner"',
              'msgstr "weitere Partner von Placetel, nach Kategorien sortiert"')
    setup = (tree / "docs/setup.rst").read_text(encoding="utf-8").splitlines()
    token = 1 + setup.index(".. figure:: ../images/zammad-api-token.svg")
    overview = (tree / "docs/overview.rst").read_text(encoding="utf-8").splitlines()
    flow = 1 + overview.index(".. figure:: ../images/call-flow.svg")
    partners = tree.line_of("images/src/placetel-activate-zammad.txt", "| other partners")

    english_status, english = tree.sphinx("html")
    german_status, german_output = german(tree)

    assert english_status != 0 and german_status != 0
    # The English build names the German figures at their sources ...
    assert re.search(r"images/src/zammad-api-token\.txt:1: WARNING: images/zammad-api-token\.de\.svg "
                     r"is missing — run make images", english), english
    assert re.search(r"images/src/call-flow\.txt:1: WARNING: images/call-flow\.de\.svg is not "
                     r"current with this source and locale/de/LC_MESSAGES/images\.po — run make "
                     r"images", english), english
    # ... the German build at the page that shows them.
    assert re.search(rf"docs/setup\.rst:{token}: WARNING: images/zammad-api-token\.de\.svg is "
                     r"missing, so this German page shows the English figure — run make images",
                     german_output), german_output
    assert re.search(rf"docs/overview\.rst:{flow}: WARNING: images/call-flow\.de\.svg is not "
                     r"current with its source images/src/call-flow\.txt and "
                     r"locale/de/LC_MESSAGES/images\.po — run make images", german_output)
    for output in (english, german_output):
        assert re.search(rf"images/src/placetel-activate-zammad\.txt:{partners}: WARNING: the "
                         r"German text 'weitere Partner von Placetel, nach Kategorien sortiert' "
                         r"needs about \d+ px, it has 148 — widen its box \(the source serves "
                         r"every language\), or shorten the translation at "
                         r"locale/de/LC_MESSAGES/images\.po:\d+", output), output
        assert "no page references" not in output  # NAME.de.svg is referenced through NAME.svg
        assert "images/zammad-api-token.svg" not in output  # the English figures are fine


def test_a_german_page_weighs_its_german_figures(tree):
    with_locale(tree)
    images = tree / "images"
    for n in (1, 2, 3):
        (images / f"heavy-{n}.svg").write_bytes(SVG)
        (images / f"heavy-{n}.de.svg").write_bytes(padded_svg(90_000))
    heavy = append(tree, "docs/troubleshooting.rst",
                   "".join(figure(f"heavy-{n}.svg") for n in (1, 2, 3)))

    english_status, english = tree.sphinx("html")
    german_status, german_output = german(tree)

    assert english_status == 0, english
    assert german_status != 0
    assert re.search(rf"docs/troubleshooting\.rst:{heavy[2]}: WARNING: the images of this page "
                     r"weigh 270000 bytes together, over the 250 KB budget per page — ",
                     german_output), german_output
    html = (tree / "_build/html/troubleshooting.html").read_text(encoding="utf-8")
    assert "_images/heavy-1.de.svg" in html  # the German build wrote over the English one


def test_good_german_figures_pass(tree):
    with_locale(tree)
    status, output = german(tree)
    assert status == 0, output
    html = (tree / "_build/html/setup.html").read_text(encoding="utf-8")
    for name in ("zammad-endpoint-field", "placetel-activate-zammad", "placetel-create-api-token",
                 "zammad-api-token", "placetel-external-routing", "placetel-recent-responses"):
        assert f'src="_images/{name}.de.svg"' in html, name
    assert not re.search(r'src="_images/[\w-]+\.svg"', html)  # no English figure left


@pytest.mark.parametrize("name, base", [
    ("images/call-flow.de.svg", "images/call-flow.svg"), ("images/call-flow.svg", "images/call-flow.svg"),
    ("images/photo.pt_BR.png", "images/photo.png"), ("images/v1.2.svg", "images/v1.2.svg"),
])
def test_a_language_variant_belongs_to_its_figure(name, base):
    assert base_figure(Path(name)) == Path(base)
