"""The figure renderer: broken sources named by file:line, stable output, stale SVGs listed, German figures.

A broken source names its file:line; rendering is deterministic and idempotent; --check lists
stale SVGs; the texts go into images.pot and come back in German from the same sources.

Tiny projects in tmp dirs, driven through the command line's main() in-process; the project's own
images/src and SVGs are only read (rendering, sizes, title and desc); that they are current and
translated, and show the products' labels as the label lists spell them, is make's: the strict build
(figure_check), make lint (catalogues, figure_labels)."""

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from catalogue_files import load
from project_copy import edit, line_of

from placetel_tools import figures, translations
from placetel_tools.figures import catalogue, draw, source, style
from placetel_tools.figures.cli import main

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PO = "locale/de/LC_MESSAGES/images.po"

# --- tiny projects ------------------------------------------------------------------------

FLOW = """\
# Two boxes joined by an arrow.
figure 240 100
title | Two steps
box 20 40 80 40 | Call
arrow 100 60 140 60
box 140 40 80 40 | Answer
"""

# Every kind of text a translation must fit: a frame's caption, a free text inside it, a table,
# a box, a check box, a button and a free text outside any box.
FORM = """\
figure 400 280
title | A settings form
desc | A frame with a heading, a table, a box, a check box and a Save button.
frame 8 32 384 240 | Admin › Settings
text 12 24 bold | Endpoint Settings
table 12 36 28 80 280
row head | Type | Content
row | Token |
field 94 66 200 24 mono | d41c8f9b
box 12 100 200 28 | Call Settings
check 12 140 on | Enable notifications
button 12 176 100 30 primary | Save
text 240 196 small muted | request
"""

GERMAN = {
    "A settings form": "Ein Einstellungsformular",
    "A frame with a heading, a table, a box, a check box and a Save button.": (
        "Ein Fenster mit Überschrift, Tabelle, Kasten, Kontrollkästchen und der Schaltfläche Speichern."
    ),
    "Admin › Settings": "Admin › Einstellungen",
    "Endpoint Settings": "Endpunkt-Einstellungen",
    "Type": "Typ",
    "Content": "Inhalt",
    "Token": "Token",
    "Call Settings": "Anruf-Einstellungen",
    "Enable notifications": "Benachrichtigungen aktivieren",
    "Save": "Speichern",
    "request": "Anfrage",
}


def german_po() -> str:
    """The German catalogue of FORM (and of the badge)."""
    entries = ['msgid "Illustration"\nmsgstr "Illustration"\n']
    entries += [f'msgctxt "form"\nmsgid "{en}"\nmsgstr "{de}"\n' for en, de in GERMAN.items()]
    header = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    return "\n".join([header, *entries])


def project(tmp_path: Path, sources: dict[str, str], po: str | None = None) -> Path:
    """A project with images/src/NAME.txt for each source and, if given, the German catalogue."""
    (tmp_path / "images/src").mkdir(parents=True)
    for name, text in sources.items():
        (tmp_path / f"images/src/{name}.txt").write_text(text, encoding="utf-8")
    if po is not None:
        (tmp_path / PO).parent.mkdir(parents=True)
        (tmp_path / PO).write_text(po, encoding="utf-8")
    return tmp_path


def run(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    """`python -m placetel_tools.figures --root ROOT ARGS`, in-process: (exit status, stdout, stderr)."""
    status = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    return status, out, err


def svg_texts(data: bytes) -> tuple[ElementTree.Element, list[str | None]]:
    root = ElementTree.fromstring(data)
    return root, [t.text for t in root.iter(f"{SVG}text")]


# --- the project's own figures (read only) ----------------------------------------------

SOURCES = sorted(p.stem for p in (ROOT / "images/src").glob("*.txt"))


@pytest.mark.parametrize("name", SOURCES)
def test_rendering_is_deterministic_and_follows_the_style_rules(name):
    path = ROOT / "images/src" / f"{name}.txt"
    first, second = figures.render_file(path, ROOT), figures.render_file(path, ROOT)
    assert first == second == (ROOT / f"images/{name}.svg").read_bytes()
    assert len(first) <= 100_000
    root = ElementTree.fromstring(first)
    width, height = int(root.get("width")), int(root.get("height"))
    assert root.get("viewBox") == f"0 0 {width} {height}"
    assert width <= 440, "wider figures shrink below legibility on a 375 px phone"
    assert root.find(f"{SVG}title").text.strip()
    assert root.get("font-family") == "sans-serif"
    assert "Illustration" in [t.text for t in root.iter(f"{SVG}text")]
    sizes = [int(t.get("font-size", root.get("font-size"))) for t in root.iter(f"{SVG}text")]
    assert min(sizes) >= 12


def test_text_colours_meet_wcag_aa():
    for fg, bg in style.TEXT_ON:
        assert style.contrast(fg, bg) >= 4.5, (fg, bg)
    for colour in style.GRAPHICS:  # outlines and controls
        assert style.contrast(colour, style.WHITE) >= 3


# --- the source format ----------------------------------------------------------------


def test_every_element_kind_has_a_drawing_function():
    assert set(draw.DRAW) == set(source.SPEC)


def test_a_source_parses_into_one_record_per_element():
    text = "# a comment\n\nfigure 200 100\ntitle | Two\\nlines\nbox -5 40 60 30 head dashed | x | y\n"
    assert list(source.parse(text, "x.txt")) == [
        source.Element(3, "figure", [200, 100], set(), ""),
        source.Element(4, "title", [], set(), "Two\nlines"),
        source.Element(5, "box", [-5, 40, 60, 30], {"head", "dashed"}, "x | y"),
    ]


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("figure 200 100\ntitle | t\nbox 10 40 60 30 | a label far too long", 3, "needs about"),
        ("figure 200 100\ntitle | t\n\nwidget 1 2", 4, "unknown element 'widget' — use one of arrow, box, "),
        ("figure 200 100\ntitle | t\n| no keyword", 3, "no element before '|' — start the line with one of "),
        ("figure 200 100\ntitle | t\nbox 150 40 60 30 | x", 3, "leaves the 200x100 canvas"),
        ("figure 200 100\ntitle | t\nbox 120 0 60 30 | x", 3, "covers the Illustration badge"),
        ("figure 200 100\ntitle | t\nframe 0 30 200 70 | f\nbox 0 0 60 50 | x", 4, "leaves its frame"),
        (
            "figure 200 100\ntitle | t\nbutton 0 40 60 30 shiny | x",
            3,
            "does not know 'shiny' — allowed: primary",
        ),
        (
            "figure 200 100\ntitle | t\nbox 0 40 60 | x",
            3,
            "box takes 4 numbers, found 3 — see the format at the top of placetel_tools/figures/source.py",
        ),
        (
            "figure 200 100\ntitle | t\narrow 0 40 50 40 60",
            3,
            "arrow takes pairs of numbers, at least 2 pairs, found 5",
        ),
        ("figure 200 100\ntitle | t\ntable 0 40 20", 3, "table takes at least 4 numbers, found 3"),
        ("figure 200 100\ntitle | t\nbutton 0 40 60 30", 3, "button needs a text after '|' — add one"),
        (
            "figure 200 100\ntitle | t\narrow 0 40 5 45",
            3,
            "the last segment of this arrow is shorter than 12 px",
        ),
        ("figure 200 100\ntitle | t\nrow | a", 3, "row outside a table"),
        ("figure 200 100\ntitle | t\ntable 0 40 20 50 50\nrow | a", 4, "1 cells for 2 columns"),
        ("figure 200 100\ntitle | t\nbox 0 40 60 20 | two\\nlines", 3, "has 2 lines, its box room for 1"),
        ("figure 200 100\ntitle | t\nfigure 200 100", 3, "a second figure line"),
        ("title | t\nfigure 200 100", 1, "title before figure"),
        ("figure 200 100\nbox 0 40 60 30 | x", 1, "no title"),
        ("# nothing yet\n", 1, "empty source"),
    ],
)
def test_a_broken_source_names_its_file_and_line(text, line, message):
    with pytest.raises(figures.FigureError) as err:
        figures.render(text, "images/src/x.txt")
    assert str(err.value).startswith(f"images/src/x.txt:{line}: ")
    assert message in str(err.value) and " — " in str(err.value)


# --- make images, --check -----------------------------------------------------------------


def test_make_images_renders_every_figure_and_is_idempotent(tmp_path, capsys):
    root = project(tmp_path, {"flow": FLOW, "form": FORM})

    status, out, err = run(capsys, root)

    svgs = {name: (root / f"images/{name}.svg").read_bytes() for name in ("flow", "form")}
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"wrote images/flow.svg ({len(svgs['flow'])} bytes)",
        f"wrote images/form.svg ({len(svgs['form'])} bytes)",
        "2 figures (en), 2 rewritten",
    ]
    stamps = {name: (root / f"images/{name}.svg").stat().st_mtime_ns for name in svgs}
    assert run(capsys, root) == (0, "2 figures (en), 0 rewritten\n", "")
    assert {name: (root / f"images/{name}.svg").stat().st_mtime_ns for name in svgs} == stamps

    (root / "images/flow.svg").unlink()
    (root / "images/form.svg").write_text("<svg/>")
    status, out, _ = run(capsys, root)
    assert status == 0 and out.endswith("2 figures (en), 2 rewritten\n")
    assert {name: (root / f"images/{name}.svg").read_bytes() for name in svgs} == svgs


def test_check_lists_stale_and_broken_figures_and_writes_nothing(tmp_path, capsys):
    root = project(tmp_path, {"flow": FLOW, "form": FORM})
    run(capsys, root)
    assert run(capsys, root, "--check") == (0, "2 figures (en) are current with their sources\n", "")

    edit(root / "images/src/flow.txt", "| Answer", "| Reply")
    (root / "images/src/broken.txt").write_text("figure 100 100\ntitle | t\nbox 0 50 99 99 | x\n")
    before = {p.name: p.read_bytes() for p in (root / "images").glob("*.svg")}

    status, out, err = run(capsys, root, "--check")

    assert (status, out) == (1, "")
    assert err.splitlines() == [
        "images/src/broken.txt:3: this element (0,50 99x99) leaves the 100x100 canvas — move it or make room",
        "images/src/flow.txt:1: images/flow.svg is not current with this source — run make images",
    ]
    assert {p.name: p.read_bytes() for p in (root / "images").glob("*.svg")} == before


def test_one_broken_source_makes_images_write_nothing(tmp_path, capsys):
    root = project(tmp_path, {"flow": FLOW, "broken": "figure 100 100\ntitle | t\nwidget 1 2\n"})
    status, out, err = run(capsys, root)
    assert (status, out) == (1, "")
    assert err.startswith("images/src/broken.txt:3: unknown element 'widget' — use one of ")
    assert list((root / "images").glob("*.svg")) == []


# --- the catalogue template ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, mono, neutral",
    [
        ("https://zammad.example.com/api/v1/…", False, True),
        ("<Response/>", False, True),
        ("POST /api/v1/placetel/<token>", False, True),
        ("IncomingCall", False, True),
        ("IncomingCall, CallAccepted, HungUp", False, True),
        ("f459…", False, True),
        ("10:03", False, True),
        ("2", False, True),
        ("d41c8f9b3e6a0725c4f1b8e9a2…", True, True),
        ("Save", False, False),
        ("Invalid token", False, False),
        ("Placetel", False, False),
        ("API", False, False),
        ("030 600000002   Sales", False, False),
        ("with call_id, from, to, peer, …", False, False),
    ],
)
def test_texts_that_read_the_same_in_every_language_are_not_extracted(text, mono, neutral):
    assert source.language_neutral(text, mono) is neutral


def test_the_template_lists_every_text_with_its_source_line_kind_and_place(tmp_path, capsys):
    root = project(tmp_path, {"form": FORM})
    pot = tmp_path / "_build/gettext/images.pot"

    status, out, _ = run(capsys, root, "--pot", str(pot))

    entries = {(e.context, e.id): e for e in load(pot)}
    assert (status, out) == (0, f"wrote {pot} ({len(entries)} messages from 1 figures)\n")
    badge = entries.pop((None, "Illustration"))
    draw_py = ROOT / "placetel_tools/figures/draw.py"
    assert badge.locations == [("placetel_tools/figures/draw.py", line_of(draw_py, "BADGE_TEXT ="))]
    assert badge.auto_comments[0] == "badge"
    assert set(entries) == {("form", text) for text in GERMAN}  # not the monospace token
    form = root / "images/src/form.txt"
    for (_, text), entry in entries.items():
        line = line_of(form, f"| {text}")
        assert entry.locations == [("images/src/form.txt", line)], text
        assert entry.string == ""
    assert entries[("form", "Save")].auto_comments == ["button", "in the frame “Admin › Settings”"]
    assert entries[("form", "Token")].auto_comments == [
        "row",
        "table cell 1 of 2, column “Type”",
        "in the frame “Admin › Settings”",
    ]
    assert entries[("form", "Admin › Settings")].auto_comments[0] == "frame"
    assert "How to translate" in pot.read_text(encoding="utf-8")


def test_the_template_is_deterministic(tmp_path):
    root = project(tmp_path, {"flow": FLOW, "form": FORM})
    first = catalogue.template(root)
    assert first == catalogue.template(root)
    assert "POT-Creation-Date" not in first  # nothing that changes from run to run


def test_a_broken_source_fails_the_template(tmp_path, capsys):
    root = project(tmp_path, {"broken": "figure 100 100\ntitle | t\nbox 0 50 99 99 | x\n"})
    pot = tmp_path / "images.pot"
    status, out, err = run(capsys, root, "--pot", str(pot))
    assert (status, out) == (1, "")
    assert err.startswith("images/src/broken.txt:3: this element")
    assert not pot.exists()


# --- German: the texts from a catalogue, one SVG per source and language -----------------


def test_a_catalogue_renders_each_figure_in_its_language_from_the_same_source(tmp_path, capsys):
    root = project(tmp_path, {"form": FORM}, german_po())

    status, out, _ = run(capsys, root)

    assert status == 0 and out.endswith("1 figures (en, de), 2 rewritten\n")
    german, texts = svg_texts((root / "images/form.de.svg").read_bytes())
    english, english_texts = svg_texts((root / "images/form.svg").read_bytes())
    assert german.get(LANG) == "de" and english.get(LANG) is None
    assert (german.get("width"), german.get("height")) == (english.get("width"), english.get("height"))
    assert german.find(f"{SVG}title").text == "Ein Einstellungsformular"
    assert german.find(f"{SVG}desc").text == GERMAN[english.find(f"{SVG}desc").text]
    assert texts == [GERMAN.get(text, text) for text in english_texts]  # d41c8f9b, Illustration: as they are
    assert "Speichern" in texts and "d41c8f9b" in texts


def test_an_untranslated_or_fuzzy_entry_shows_the_english(tmp_path):
    root = project(tmp_path, {"form": FORM}, german_po())
    edit(root / PO, 'msgctxt "form"\nmsgid "Save"', '#, fuzzy\nmsgctxt "form"\nmsgid "Save"')
    edit(root / PO, 'msgstr "Typ"', 'msgstr ""')

    wanted = figures.expected(root)[root / "images/form.de.svg"].wanted

    _, texts = svg_texts(wanted)
    assert "Save" in texts and "Speichern" not in texts
    assert "Type" in texts and "Inhalt" in texts


def test_check_reports_a_german_svg_missing_or_stale_after_a_catalogue_edit(tmp_path, capsys):
    root = project(tmp_path, {"flow": FLOW, "form": FORM}, german_po())
    run(capsys, root)
    (root / "images/flow.de.svg").unlink()
    edit(root / PO, 'msgstr "Speichern"', 'msgstr "Sichern"')

    status, out, err = run(capsys, root, "--check")

    assert (status, out) == (1, "")
    assert err.splitlines() == [
        "images/src/flow.txt:1: images/flow.de.svg is missing — run make images",
        f"images/src/form.txt:1: images/form.de.svg is not current with this source and {PO} — "
        "run make images",
    ]
    status, out, _ = run(capsys, root)
    assert status == 0 and out.endswith("2 figures (en, de), 2 rewritten\n")
    assert "Sichern" in svg_texts((root / "images/form.de.svg").read_bytes())[1]
    assert run(capsys, root, "--check")[0] == 0


# What each message says after "the German text": the problem, then the fix, which names the entry.
ROOM = r"\(the source serves every language\), or shorten the translation at "


@pytest.mark.parametrize(
    "english, german, message",
    [
        (
            "Save",
            "Alle Einstellungen jetzt speichern",
            rf"'Alle Einstellungen jetzt speichern' needs about \d+ px, it has 88 — widen its box {ROOM}",
        ),
        (
            "request",
            "An-\\nfrage",
            r"'An-…' has 2 lines, the English 1 — break it into as many lines as the English at ",
        ),
        (
            "Endpoint Settings",
            "Endpunkt-Einstellungen für die Anbindung an Placetel",
            r"'Endpunkt-Einstellungen für die Anbindung an Placetel' needs about \d+ px and leaves its frame "
            r"or the canvas — make room in the source \(it serves every language\), or shorten the "
            r"translation at ",
        ),
        (
            "Call Settings",
            "Anruf-\\nEinstellungen",
            rf"'Anruf-…' has 2 lines, its box room for 1 — make the box taller {ROOM}",
        ),
        (
            "Content",
            "Inhalt: das API-Token aus Placetel, Integrations › Web API",
            rf"'Inhalt: das API-Token .*' needs about \d+ px, it has 270 — widen its box {ROOM}",
        ),
        (
            "Enable notifications",
            "Benachrichtigungen über jeden neuen Anruf aktivieren",
            r"'Benachrichtigungen über jeden neuen Anruf aktivieren' leaves its frame — make room in the "
            r"source \(it serves every language\), or shorten the translation at ",
        ),
    ],
)
def test_a_german_text_that_does_not_fit_names_the_source_line_and_the_entry(
    tmp_path, capsys, english, german, message
):
    root = project(tmp_path, {"form": FORM}, german_po())
    edit(root / PO, f'msgstr "{GERMAN[english]}"', f'msgstr "{german}"')

    status, out, err = run(capsys, root)

    assert (status, out) == (1, "")
    line = line_of(root / "images/src/form.txt", f"| {english}")
    entry = line_of(root / PO, f'msgstr "{german}"')
    assert re.fullmatch(rf"images/src/form\.txt:{line}: the German text {message}{PO}:{entry}\n", err), err
    assert list((root / "images").glob("*.svg")) == []  # nothing written, not even the English
    assert run(capsys, root, "--check")[2].startswith(err)  # --check names it too (and the missing SVGs)


def test_a_catalogue_that_does_not_parse_names_its_line(tmp_path, capsys):
    root = project(tmp_path, {"form": FORM}, german_po() + "\nthis is not a catalogue line\n")
    line = line_of(root / PO, "this is not")
    status, _, err = run(capsys, root)
    assert status == 1
    assert err == (
        f"{PO}:{line}: the catalogue does not parse (line {line}: Unknown or misformatted keyword) "
        "— fix it as the message says, or create it again with `make translations`\n"
    )


def test_a_new_catalogue_adds_a_language(tmp_path, capsys):
    """make translations ADD=fr makes a catalogue from the template; make images renders that language."""
    root = project(tmp_path, {"flow": FLOW, "form": FORM})
    assert run(capsys, root, "--pot", str(root / "_build/gettext/images.pot"))[0] == 0
    assert translations.update(root / "_build/gettext", root / "locale", ["fr"]) == [
        f"Create: {root / 'locale/fr/LC_MESSAGES/images.po'}"
    ]
    assert figures.Layout.of(root).languages() == ["fr"]

    status, _, err = run(capsys, root, "--check")
    assert status == 1 and "images/src/flow.txt:1: images/flow.fr.svg is missing — run make images" in err

    status, out, _ = run(capsys, root)
    assert status == 0 and out.endswith("2 figures (en, fr), 4 rewritten\n")
    for name in ("flow", "form"):  # nothing translated yet: the English texts, marked as French
        french, texts = svg_texts((root / f"images/{name}.fr.svg").read_bytes())
        assert french.get(LANG) == "fr"
        assert texts == svg_texts((root / f"images/{name}.svg").read_bytes())[1]


# --- the project's German figures (read only) ------------------------------------------


@pytest.mark.parametrize("name", SOURCES)
def test_each_figure_has_a_german_svg_rendered_from_the_same_source(name):
    assert figures.Layout.of(ROOT).languages() == ["de"]
    path = ROOT / "images/src" / f"{name}.txt"
    texts_de = figures.translations(ROOT, "de")
    german = figures.render_file(path, ROOT, "de", texts_de)
    assert german == figures.render_file(path, ROOT, "de", texts_de)  # deterministic
    assert (ROOT / f"images/{name}.de.svg").read_bytes() == german
    assert len(german) <= 100_000
    root, texts = svg_texts(german)
    english, english_texts = svg_texts((ROOT / f"images/{name}.svg").read_bytes())
    assert root.get(LANG) == "de"
    assert (root.get("width"), root.get("height")) == (english.get("width"), english.get("height"))
    assert root.find(f"{SVG}title").text != english.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text != english.find(f"{SVG}desc").text
    assert "Illustration" in texts and len(texts) == len(english_texts)
