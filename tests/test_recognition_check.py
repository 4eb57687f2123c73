"""`make lint` recognition check: the numbers Zammad stores and the names the caller log shows, as the pages
state them, agree with the model in check.py; proven on tiny pages and catalogues of their own."""

import subprocess
import sys
import textwrap
from pathlib import Path

from babel.messages.catalog import Catalog
from catalogue_files import save

from placetel_tools.lint import recognition_check

ROOT = Path(__file__).resolve().parent.parent


def lint(*paths):
    """The problems reported for ``paths``, as printed."""
    return list(recognition_check.check_files([str(path) for path in paths]))


def page(tmp_path, text, name="page.rst"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def catalogue(tmp_path, entries, language="de", name="caller-recognition.po"):
    """A catalogue locale/LANG/LC_MESSAGES/NAME with (msgid, msgstr) entries; its path."""
    folder = tmp_path / "locale" / language / "LC_MESSAGES"
    po = Catalog(locale=language, fuzzy=False)
    for number, (msgid, msgstr) in enumerate(entries, 1):
        po.add(msgid, msgstr, locations=[("../../docs/caller-recognition.rst", number)])
    return save(po, folder / name)


# --- arrows in prose ----------------------------------------------------------------------------


def test_arrows_that_agree_pass_and_others_are_not_numbers(tmp_path):
    path = page(
        tmp_path,
        """\
        Zammad reads ``+49 (0)30 609854189`` →
        ``4930609854189``, and ``030 609854189, 0171 5000000`` → ``4930609854189``
        and ``491715000000``. A rule ``49*`` → ``4930777000001`` and a mapping
        ``777042617425@fpbx.de`` → ``agent@example.com`` are no numbers as written.
        """,
    )
    assert lint(path) == []


def test_an_arrow_the_model_contradicts_fails_with_file_and_line(tmp_path):
    path = page(
        tmp_path,
        """\
        Fine: ``030 609854189`` → ``4930609854189``.
        Wrong: ``0662 123456`` → ``43662123456``.
        Missing one: ``030 609854189, 0171 5000000`` → ``4930609854189``.
        Not digits: ``030 609854189`` → ``+49 30 609854189``.
        """,
    )
    assert lint(path) == [
        f"{path}:2: ``0662 123456`` → ``43662123456``: Zammad stores 49662123456 (placetel_tools/check.py) "
        "— write ``49662123456``",
        f"{path}:3: ``030 609854189, 0171 5000000`` → ``4930609854189``: Zammad stores 4930609854189, "
        "491715000000 (placetel_tools/check.py) — write ``4930609854189``, ``491715000000``",
        f"{path}:4: ``030 609854189`` → ``+49 30 609854189``: Zammad stores digits only — write "
        "``4930609854189``",
    ]


# --- tables ---------------------------------------------------------------------------------------

NUMBERS = """\
    .. recognition: numbers

    .. list-table::
       :header-rows: 1

       * - Written as
         - Zammad stores, and a call from this number
       * - ``030 609854189``
         - ``4930609854189``: matches
       * - ``030/609854189``
         - ``609854189``: never matches a call, which Zammad reads as ``4930609854189``
       * - ``0662 123456`` (in Salzburg)
         - ``49662123456``: never matches a call, which Zammad reads as ``43662123456``
    """


def test_a_numbers_table_that_agrees_passes(tmp_path):
    assert lint(page(tmp_path, NUMBERS)) == []


def test_each_wrong_cell_of_a_numbers_table_fails(tmp_path):
    rows = [
        ("``030.609854189``", "``609854189``: matches"),
        ("``0662 123 456``", "``49662123456``: never matches a call, which Zammad reads as ``49662123456``"),
        (
            "``+353 (0)1 234 5678``",
            "``353012345678``: never matches a call, which Zammad reads as ``353123456780``",
        ),
        ("``030 609854189``", "``4930609854189``: fits"),
        ("``030 60985418``", "``4930609854189``: matches"),
    ]
    text = (
        NUMBERS
        + "".join(f"       * - {a}\n         - {b}\n" for a, b in rows)
        + "       * - ``+49 30 609854189``\n"
    )
    path = page(tmp_path, text)
    lines = path.read_text(encoding="utf-8").splitlines()

    def line(text):
        return next(i for i, line in enumerate(lines, 1) if text in line)

    assert lint(path) == [
        f"{path}:{line('``+49 30 609854189``')}: a numbers row needs 2 columns, this one has 1 — fix it",
        f"{path}:{line('``609854189``: matches')}: ``030.609854189`` never matches a call (placetel_tools/check.py: "
        "split) — write never matches and the digits Zammad reads from a call",
        f"{path}:{line('reads as ``49662123456``')}: ``0662 123 456``: a call is read as 49662123456, which "
        "Zammad stores, so it matches — write matches, or the digits a call from this number really gives",
        f"{path}:{line('353123456780')}: ``+353 (0)1 234 5678``: Zammad reads a call from this number as "
        "35312345678 (placetel_tools/check.py), the table says 353123456780 — write ``35312345678``",
        f"{path}:{line(': fits')}: after the digits, write matches or never matches",
        f"{path}:{line('``030 60985418``') + 1}: ``030 60985418``: the table says Zammad stores 4930609854189, it "
        "stores 493060985418 (placetel_tools/check.py) — write ``493060985418``",
    ]


LOOKUP = """\
    .. recognition: lookup

    .. list-table::
       :header-rows: 1

       * - Zammad has
         - A call from ``4930609854189`` shows
       * - Known, Anna Schmidt: ``+49 30 609854189``

           Maybe, Bernd Meier: ``Tel. 030 609854189``
         - ``Anna Schmidt``
       * - Maybe, Bernd Meier: ``Tel. 030 609854189``
         - ``maybe: Bernd Meier``
       * - Known, Anna Schmidt: ``+49 30 609854189``

           Known, Carla Weber: ``030 609854189``
         - ``Carla Weber`` and ``Anna Schmidt``, one entry each
       * - Known, Bernd Meier: ``030/609854189``
         - the number only
    """


def test_a_lookup_table_that_agrees_passes_in_any_order_of_names(tmp_path):
    assert lint(page(tmp_path, LOOKUP)) == []


def test_a_wrong_caller_log_fails(tmp_path):
    text = (
        LOOKUP.replace("- ``Anna Schmidt``\n", "- ``maybe: Bernd Meier``\n")
        .replace(
            "- ``maybe: Bernd Meier``\n       * - Known, Anna", "- ``Bernd Meier``\n       * - Known, Anna"
        )
        .replace("- the number only", "- ``Bernd Meier``")
    )
    path = page(tmp_path, text)
    lines = path.read_text(encoding="utf-8").splitlines()
    shows = [
        i for i, line in enumerate(lines, 1) if "Bernd Meier``" in line and line.strip().startswith("- ``")
    ]
    assert lint(path) == [
        f"{path}:{shows[0]}: a call from 4930609854189: the table says the caller log shows 'maybe: Bernd "
        "Meier', it shows 'Anna Schmidt' (placetel_tools/check.py) — write ``Anna Schmidt``",
        f"{path}:{shows[1]}: a call from 4930609854189: the table says the caller log shows 'Bernd Meier', it "
        "shows 'maybe: Bernd Meier' (placetel_tools/check.py) — write ``maybe: Bernd Meier``",
        f"{path}:{shows[2]}: a call from 4930609854189: the table says the caller log shows 'Bernd Meier', it "
        "shows 'the number only' (placetel_tools/check.py) — write no literal (the number only)",
    ]


def test_a_lookup_table_names_the_call_in_its_heading(tmp_path):
    path = page(tmp_path, LOOKUP.replace("A call from ``4930609854189`` shows", "A call shows"))
    assert lint(path) == [f"{path}:7: no ``number`` of the call in the heading — write it as a literal"] * 4


def test_a_marker_needs_a_known_kind_and_a_table(tmp_path):
    path = page(
        tmp_path,
        ".. recognition: phones\n\n.. list-table::\n\n   * - a\n\nText.\n\n"
        ".. recognition: numbers\n\nA paragraph.\n",
    )
    assert lint(path) == [
        f"{path}:1: unknown table kind 'phones' — write .. recognition: numbers or lookup",
        f"{path}:9: no list-table follows this comment — put the table right after it",
    ]


def test_a_marked_table_without_an_example_it_reads_fails(tmp_path):
    """A marked table whose rows this check cannot read (another bullet notation) or that has its heading
    alone fails at its comment: a changed notation never passes unchecked."""
    other_notation = NUMBERS.replace("* - ", "-  * ").replace("  - ", "   * ")
    header_only = NUMBERS.split("       * - ``030 609854189``")[0]
    path = page(tmp_path, other_notation + "\n" + header_only.replace("numbers", "lookup", 1))
    lines = path.read_text(encoding="utf-8").splitlines()
    markers = [i for i, line in enumerate(lines, 1) if line.startswith(".. recognition:")]
    assert lint(path) == [
        f"{path}:{markers[0]}: this numbers table states no example this check can read (a heading row, then "
        "rows of 2 columns: * - … then - …) — write its rows so, or remove the comment",
        f"{path}:{markers[1]}: this lookup table states no example this check can read (a heading row, then "
        "rows of 2 columns: * - … then - …) — write its rows so, or remove the comment",
    ]
    assert recognition_check.main([str(path)]) == 1


# --- translations ---------------------------------------------------------------------------------


def test_translated_arrows_and_verdicts_are_checked(tmp_path):
    path = catalogue(
        tmp_path,
        [
            ("Fine: ``030 609854189`` → ``4930609854189``.", "Gut: ``030 609854189`` → ``4930609854189``."),
            (
                "A dot: ``030.609854189`` → ``609854189``.",
                "Ein Punkt: ``030.609854189`` → ``4930609854189``.",
            ),
            ("``4930609854189``: matches", "``4930609854189``: passt"),
            (
                "``609854189``: never matches a call, which Zammad reads as ``4930609854189``",
                "``609854189``: passt nie; Placetel sendet ``4930609854189``",
            ),
            (
                "``49662123456``: never matches a call, which Zammad reads as ``43662123456``",
                "``49662123456``: passt; Placetel sendet ``43662123456``",
            ),
            ("``43662123456``: matches", "``43662123456``: passt nie"),
            ("matches the pattern", "passt nie"),  # prose, not a verdict after digits
        ],
    )
    found = lint(path)
    assert found[0].startswith(f"{path}:")
    assert [line.split(": ", 1)[1] for line in found] == [
        "``030.609854189`` → ``4930609854189``: Zammad stores 609854189 (placetel_tools/check.py) — write "
        "``609854189`` (English: docs/caller-recognition.rst:2)",
        "the verdict 'never matches' reads 'passt' in translation — start it with 'passt nie' "
        "(English: docs/caller-recognition.rst:5)",
        "the verdict 'matches' reads 'passt nie' in translation — start it with 'passt' "
        "(English: docs/caller-recognition.rst:6)",
    ]


def test_a_language_without_verdict_words_still_gets_its_arrows_checked(tmp_path):
    path = catalogue(
        tmp_path,
        [
            ("never matches", "ne correspond jamais"),
            ("``030/609854189`` → ``609854189``", "``030/609854189`` → ``30609854189``"),
        ],
        language="fr",
    )
    assert [line.split(": ", 1)[1] for line in lint(path)] == [
        "``030/609854189`` → ``30609854189``: Zammad stores 609854189 (placetel_tools/check.py) — write "
        "``609854189`` (English: docs/caller-recognition.rst:2)"
    ]


def test_command_line(tmp_path):
    good = page(tmp_path, NUMBERS, "good.rst")
    bad = page(tmp_path, "``030/609854189`` → ``4930609854189``\n", "bad.rst")
    run = [sys.executable, "-m", "placetel_tools.lint.recognition_check"]
    assert subprocess.run([*run, str(good)], cwd=ROOT, capture_output=True).returncode == 0
    proc = subprocess.run([*run, str(good), str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout.startswith(f"{bad}:1: ")
    assert subprocess.run(run, cwd=ROOT, capture_output=True).returncode == 2
