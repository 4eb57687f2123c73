"""placetel_tools.lint.catalogue_spelling: a catalogue's German, spell-checked as `make spelling` checks
the pages (hunspell de_DE, the word lists, compounds by part), on catalogues the test writes."""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from project_copy import line_of

from placetel_tools.lint import catalogue_spelling

CHECK_PO = "locale/de/LC_MESSAGES/check.po"
RIGHT = {
    # compounds by part, a word of the project's list, option names, placeholders, XML, paths, code
    "Copy the address from Zammad's field Endpoint.": "Kopieren Sie die Adresse aus dem Feld Endpunkt in Zammad.",
    "the Placetel account": "das Placetel-Konto",
    "Use --recognise-file.": "Verwenden Sie --recognise-file.",
    "{file} is empty.": "{file} ist leer.",
    "200 with <Reject reason=busy/>": "200 mit <Reject reason=busy/>",
    "Requests to /api/v1/placetel/ and call_id, type=blocked.": "Anfragen an /api/v1/placetel/ und call_id, type=blocked.",
    # product labels as locale/de/ui-labels.txt lists them, Zammad's answers by the English word list
    "in Placetel's field URL of your API endpoint": "bei Placetel im Feld URL of your API endpoint",
    "401 Invalid token": "401 Invalid token",
    "see https://example.com/docs/page": "siehe https://example.com/docs/page",
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs/spelling_wordlist.txt").write_text("Placetel\nZammad\n", encoding="utf-8")
    Path("locale/de").mkdir(parents=True)
    Path("locale/de/spelling_english.txt").write_text("Invalid\ntoken\n", encoding="utf-8")
    Path("locale/de/spelling_wordlist.txt").write_text("Endpunkt\n", encoding="utf-8")
    Path("locale/de/ui-labels.txt").write_text("# Placetel\nURL of your API endpoint\n", encoding="utf-8")
    write(RIGHT)
    return tmp_path


def write(texts, fuzzy=()):
    catalog = Catalog(locale="de")
    for number, (english, german) in enumerate(texts.items(), 1):
        catalog.add(
            english,
            german,
            locations=[("placetel_tools/check.py", number)],
            flags=["fuzzy"] if english in fuzzy else [],
        )
    Path(CHECK_PO).parent.mkdir(parents=True, exist_ok=True)
    with Path(CHECK_PO).open("wb") as out:
        write_po(out, catalog, width=76)


def check():
    return catalogue_spelling.check([Path(CHECK_PO)], Path("docs/spelling_wordlist.txt"))


def test_right_german_and_what_is_not_prose_pass(project):
    assert check() == []


def test_a_misspelt_word_fails_at_its_line_with_suggestions(project):
    write({**RIGHT, "{file} is empty.": "{file} ist lehr."})
    [problem] = check()
    assert problem.startswith(f"{CHECK_PO}:{line_of(CHECK_PO, 'ist lehr')}: misspelt: 'lehr' (perhaps ")
    assert problem.endswith(
        "— correct it, or add it to locale/de/spelling_wordlist.txt if it is right (English the translation "
        "keeps as it is: locale/de/spelling_english.txt)"
    )


def test_a_misspelt_part_of_a_compound_fails(project):
    write({**RIGHT, "the Placetel account": "das Placetel-Kontto"})
    [problem] = check()
    assert "misspelt: 'Kontto'" in problem


def test_a_word_in_a_long_message_is_named_at_its_own_line(project):
    long = "Prüfen Sie die Adresse. " * 6 + "Dann prüffen Sie sie erneut."
    write({**RIGHT, "Check it.": long})
    [problem] = check()
    assert problem.startswith(f"{CHECK_PO}:{line_of(CHECK_PO, 'prüffen')}:")
    assert line_of(CHECK_PO, "prüffen") > line_of(CHECK_PO, 'msgid "Check it."') + 1


def test_fuzzy_entries_are_left_to_the_catalogue_lint(project):
    write({**RIGHT, "{file} is empty.": "{file} ist lehr."}, fuzzy=["{file} is empty."])
    assert check() == []


def test_a_translated_placetel_label_is_checked_as_prose(project):
    write({**RIGHT, "in Placetel's field URL of your API endpoint": "im Feld URL of your API endpunkt"})
    assert [p.split(": misspelt: ")[1].split()[0] for p in check()] == ["'of'", "'your'", "'endpunkt'"]


def test_the_command_line(project, capsys):
    assert catalogue_spelling.main([CHECK_PO]) == 0
    write({**RIGHT, "{file} is empty.": "{file} ist lehr."})
    assert catalogue_spelling.main([CHECK_PO]) == 1
    assert capsys.readouterr().out.startswith(f"{CHECK_PO}:")
    Path("locale/xx/LC_MESSAGES").mkdir(parents=True)
    Path("locale/xx/LC_MESSAGES/check.po").write_bytes(Path(CHECK_PO).read_bytes())
    assert catalogue_spelling.main(["locale/xx/LC_MESSAGES/check.po"]) == 2
    assert "no xx_XX dictionary" in capsys.readouterr().err
