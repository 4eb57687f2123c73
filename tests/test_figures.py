"""The figure renderer: deterministic, idempotent `make images`, stale figures reported by --check; the figures' texts extracted into images.pot and rendered in German from the same sources."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import polib
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
    tree.edit("images/src/zammad-api-token.txt", "button 12 398 100 30", "button 12 398 100 300")
    status, output = figures_check(tree)

    assert status == 1
    assert ("images/src/call-flow.txt:1: images/call-flow.svg is not current with this source"
            " — run make images") in output
    line = next(i for i, text in enumerate(
        (tree / "images/src/zammad-api-token.txt").read_text().splitlines(), 1)
        if text.startswith("button 12 398"))
    assert re.search(rf"images/src/zammad-api-token\.txt:{line}: .*leaves its frame", output)


# --- languages: the texts in a catalogue, one German SVG per source ------------------

PO = "locale/de/LC_MESSAGES/images.po"


def with_catalogue(tree):
    """Put the German figure catalogue into the copy (the tree fixture copies no locale/)."""
    target = tree / PO
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / PO, target)
    return PO


def visible_texts(source):
    """(line, kind, text, monospace?) of every text a reader sees, read off the source."""
    for line, kind, _, flags, label in figures.parse(source.read_text(encoding="utf-8"), "x"):
        if kind == "row":
            for cell in label.split("|"):
                if cell.strip():
                    yield line, kind, cell.strip(), False
        elif label:
            yield line, kind, label, "mono" in flags


@pytest.mark.parametrize("text, mono, neutral", [
    ("https://zammad.example.com/api/v1/…", False, True), ("<Response/>", False, True),
    ("POST /api/v1/placetel/<token>", False, True), ("IncomingCall", False, True),
    ("IncomingCall, CallAccepted, HungUp", False, True), ("f459…", False, True),
    ("10:03", False, True), ("2", False, True), ("d41c8f9b3e6a0725c4f1b8e9a2…", True, True),
    ("Save", False, False), ("Invalid token", False, False), ("Placetel", False, False),
    ("API", False, False), ("030 600000002   Sales", False, False),
    ("with call_id, from, to, peer, …", False, False),
])
def test_texts_that_read_the_same_in_every_language_are_not_extracted(text, mono, neutral):
    assert figures.language_neutral(text, mono) is neutral


def test_the_template_lists_every_text_with_its_source_line_and_kind():
    pot = polib.pofile(figures.template(ROOT))
    entries = {(e.msgctxt, e.msgid): e for e in pot}
    wanted = set()
    for source in figures.sources(ROOT):
        name = f"images/src/{source.name}"
        for line, kind, text, mono in visible_texts(source):
            if figures.language_neutral(text, mono):
                assert (source.stem, text) not in entries, f"{name}:{line}: {text!r} is extracted"
                continue
            entry = entries.get((source.stem, text))
            assert entry is not None, f"{name}:{line}: {text!r} is not in the template"
            assert (name, str(line)) in entry.occurrences, (name, line, entry.occurrences)
            assert kind in entry.comment.split("\n"), (name, line, entry.comment)
            wanted.add((source.stem, text))
    badge = entries.pop((None, "Illustration"))
    assert badge.occurrences == [("placetel_tools/figures.py", str(figures._badge_line()))]
    assert badge.comment.split("\n")[0] == "badge"
    assert set(entries) == wanted
    assert all(e.msgstr == "" for e in pot)
    assert "How to translate" in pot.header and "Placetel's labels" in pot.header


def test_pot_output_is_deterministic(tree):
    first = tree.module("placetel_tools.figures", "--pot", "_build/gettext/images.pot")
    data = (tree / "_build/gettext/images.pot").read_bytes()
    second = tree.module("placetel_tools.figures", "--pot", "_build/gettext/again.pot")
    assert first[0] == second[0] == 0, first[1] + second[1]
    assert re.search(r"wrote _build/gettext/images\.pot \(\d+ messages from 7 figures\)", first[1])
    assert data == (tree / "_build/gettext/again.pot").read_bytes()
    assert data.decode("utf-8") == figures.template(ROOT)
    assert b"POT-Creation-Date" not in data  # nothing that changes from run to run


def test_the_german_catalogue_translates_every_text():
    pot = polib.pofile(figures.template(ROOT))
    po = polib.pofile(str(ROOT / PO))
    have = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    assert set(have) == {(e.msgctxt, e.msgid) for e in pot}, "run make translations"
    for key, entry in have.items():
        assert entry.msgstr and "fuzzy" not in entry.flags, key
    assert not po.obsolete_entries()


def svg(path):
    root = ElementTree.parse(path).getroot()
    return root, [t.text for t in root.iter(f"{SVG}text")]


# Zammad's German interface (locale/de/ui-labels.txt) in its figures; Placetel's labels
# stay English in every language.
GERMAN = {
    "zammad-endpoint-field": ["Admin › System › Integrationen › Placetel", "Placetel",
                              "Endpunkt-Einstellungen", "Typ", "URL", "Endpunkt", "Inhalt",
                              "API-Token", "Webinterface hinterlegen:"],
    "zammad-api-token": ["Admin › System › Integrationen › Placetel", "Endpunkt-Einstellungen",
                         "Endpunkt", "API-Token", "Anruf-Einstellungen", "Andere Einstellungen",
                         "Zuordnung von Telefon-Extension zu Agent", "Speichern"],
    "call-flow": ["Anrufprotokoll", "Anfrage", "Antwort", "<Response/>",
                  "IncomingCall, CallAccepted, HungUp"],
}
ENGLISH_IN_GERMAN = {
    "placetel-activate-zammad": ["Placetel › Integrations", "Partner integrations", "Activate",
                                 "Ticket Systems", "Enable Call Control / Notify API",
                                 "URL of your API endpoint", "Save"],
    "placetel-create-api-token": ["Placetel › Integrations › Web API", "Create a new API token"],
    "placetel-external-routing": ["External routing API", "Save"],
    "placetel-recent-responses": ["Recent responses of your API endpoint", "Event", "Invalid token"],
}


@pytest.mark.parametrize("name", NAMES)
def test_each_figure_has_a_german_svg_rendered_from_the_same_source(name):
    assert figures.languages(ROOT) == ["de"]
    source = ROOT / "images/src" / f"{name}.txt"
    translations = figures.catalogue(ROOT, "de")
    german = figures.render_file(source, ROOT, "de", translations)
    assert german == figures.render_file(source, ROOT, "de", translations)  # deterministic
    assert (ROOT / f"images/{name}.de.svg").read_bytes() == german
    assert len(german) <= 100_000
    root, texts = svg(ROOT / f"images/{name}.de.svg")
    english, english_texts = svg(ROOT / f"images/{name}.svg")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert (root.get("width"), root.get("height")) == (english.get("width"), english.get("height"))
    assert root.find(f"{SVG}title").text != english.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text != english.find(f"{SVG}desc").text
    assert "Illustration" in texts and len(texts) == len(english_texts)
    for label in GERMAN.get(name, []) + ENGLISH_IN_GERMAN.get(name, []):
        assert label in texts, (name, label)
    if name.startswith("zammad-"):
        for label in ("Endpoint Settings", "Endpoint", "API Token", "Save", "Type", "Content"):
            assert label not in texts, (name, label)


def test_an_untranslated_or_fuzzy_entry_shows_the_english(tree):
    po = with_catalogue(tree)
    tree.edit(po, 'msgctxt "zammad-api-token"\nmsgid "Save"',
              '#, fuzzy\nmsgctxt "zammad-api-token"\nmsgid "Save"')
    tree.edit(po, 'msgstr "Andere Einstellungen"', 'msgstr ""')
    wanted = figures.expected(tree.path)[tree / "images/zammad-api-token.de.svg"].wanted
    texts = [t.text for t in ElementTree.fromstring(wanted).iter(f"{SVG}text")]
    assert "Save" in texts and "Speichern" not in texts
    assert "Other Settings" in texts and "Anruf-Einstellungen" in texts


def test_check_reports_a_german_svg_missing_or_stale_after_a_catalogue_edit(tree):
    po = with_catalogue(tree)
    assert figures_check(tree)[0] == 0
    (tree / "images/call-flow.de.svg").unlink()
    tree.edit(po, 'msgstr "Speichern"', 'msgstr "Sichern"')

    status, output = figures_check(tree)

    assert status == 1
    assert "images/src/call-flow.txt:1: images/call-flow.de.svg is missing — run make images" in output
    assert ("images/src/zammad-api-token.txt:1: images/zammad-api-token.de.svg is not current "
            "with this source and locale/de/LC_MESSAGES/images.po — run make images") in output
    assert "images/zammad-api-token.svg" not in output and len(output.splitlines()) == 2

    status, output = make_images(tree)  # make images renders every language
    assert status == 0 and "2 rewritten" in output, output
    assert "Sichern" in svg(tree / "images/zammad-api-token.de.svg")[1]
    assert figures_check(tree)[0] == 0


@pytest.mark.parametrize("old, new, source, marker, message", [
    ('msgstr "Speichern"', 'msgstr "Alle Einstellungen jetzt speichern"', "zammad-api-token",
     "| Save", r"the German text 'Alle Einstellungen jetzt speichern' needs about \d+ px, it has "
               r"88 — widen its box \(the source serves every language\), or shorten the "
               r"translation at "),
    ('msgstr "Anfrage"', 'msgstr "An-\\nfrage"', "call-flow", "| request",
     r"the German text 'An-…' has 2 lines, the English 1 — break it into as many lines as the "
     r"English at "),
    ('msgstr "Endpunkt-Einstellungen"', 'msgstr "Endpunkt-Einstellungen für die Anbindung an '
     'Placetel"', "zammad-api-token", "| Endpoint Settings",
     r"the German text 'Endpunkt-Einstellungen für die Anbindung an Placetel' needs about \d+ px "
     r"and leaves its frame or the canvas — make room in the source \(it serves every "
     r"language\), or shorten the translation at "),
    ('msgstr "Anruf-Einstellungen"', 'msgstr "Anruf-\\nEinstellungen"', "zammad-api-token",
     "| Call Settings", r"the German text 'Anruf-…' has 2 lines, its box room for 1 — make the "
                        r"box taller \(the source serves every language\), or shorten the "),
    ('msgstr "Inhalt"', 'msgstr "Inhalt: das API-Token aus Placetel, Integrations › Web API"',
     "zammad-api-token", "| Type | Content", r"the German text 'Inhalt: das API-Token .*' needs "
                                            r"about \d+ px, it has 270 — widen its box"),
])
def test_a_german_text_that_does_not_fit_names_the_source_line_and_the_entry(
        tree, old, new, source, marker, message):
    po = with_catalogue(tree)
    tree.edit(po, old, new)
    before = {p.name: p.read_bytes() for p in (tree / "images").glob("*.svg")}

    status, output = make_images(tree)

    assert status != 0
    line = tree.line_of(f"images/src/{source}.txt", marker)
    entry = tree.line_of(po, new.split("\\n")[0].split('"', 1)[1])
    assert re.search(rf"images/src/{source}\.txt:{line}: {message}", output), output
    if message.endswith(" at "):
        assert f"locale/de/LC_MESSAGES/images.po:{entry}" in output, (entry, output)
    assert {p.name: p.read_bytes() for p in (tree / "images").glob("*.svg")} == before
    assert figures_check(tree)[0] == 1  # --check names it too


def test_a_new_catalogue_adds_a_language(tree):
    """make translations ADD=fr makes a catalogue from the template; make images then renders that language."""
    assert tree.module("placetel_tools.figures", "--pot", "_build/gettext/images.pot")[0] == 0
    status, output = tree.module("placetel_tools.translations", "_build/gettext", "locale", "--add", "fr")
    assert status == 0 and "Create: locale/fr/LC_MESSAGES/images.po" in output, output
    assert figures.languages(tree.path) == ["fr"]

    status, output = figures_check(tree)
    assert status == 1
    assert "images/src/call-flow.txt:1: images/call-flow.fr.svg is missing — run make images" in output

    status, output = make_images(tree)
    assert status == 0 and "7 rewritten" in output and "(en, fr)" in output, output
    for name in NAMES:  # nothing translated yet: the English texts, marked as French
        root, texts = svg(tree / f"images/{name}.fr.svg")
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
        assert texts == svg(tree / f"images/{name}.svg")[1]
