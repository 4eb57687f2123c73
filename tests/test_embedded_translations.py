"""placetel_tools.lint.embedded_translations: a check tool whose embedded translations and catalogue
agree passes; each way they part fails at the line to fix. A tiny tool of the tests' own."""

from pathlib import Path

import pytest
from check_tool_tree import EMPTY, GERMAN, TOOL, translate
from project_copy import edit, line_of

from placetel_tools import check_translations
from placetel_tools.lint import embedded_translations

PO = "locale/de/LC_MESSAGES/check.po"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """tool.py with its German embedded, as `make translations` leaves it; paths relative to it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tool.py").write_text(TOOL, encoding="utf-8")
    translate(tmp_path, GERMAN)
    check_translations.write("tool.py", "locale")
    return tmp_path


def check():
    return embedded_translations.check("tool.py", "locale")


def embedded_line(text):
    """The line of the embedded translation whose English starts with ``text``."""
    lines = Path("tool.py").read_text(encoding="utf-8").splitlines()
    return max(
        i
        for i, line in enumerate(lines, 1)
        if line.lstrip().startswith(f'"{text}') or line.lstrip().startswith(f"'{text}")
    )


def test_a_tool_that_embeds_its_catalogue_passes(project):
    assert check() == []
    assert embedded_translations.main(["--tool", "tool.py", "--locale", "locale"]) == 0


def test_a_translation_changed_in_the_catalogue_but_not_embedded_fails_at_its_line(project, capsys):
    edit(PO, 'msgstr "Fehlerbehebung"', 'msgstr "Problembehebung"')
    assert check() == [
        f'{PO}:{line_of(PO, "Problembehebung")}: the translation of "Troubleshooting" is not the one '
        f"tool.py:{embedded_line('Troubleshooting')} embeds — run `make check-translations`"
    ]
    assert embedded_translations.main(["--tool", "tool.py", "--locale", "locale"]) == 1
    assert capsys.readouterr().out.startswith(f"{PO}:")
    check_translations.write("tool.py", "locale")  # the fix the message names
    assert check() == []


def test_a_new_english_message_fails_at_the_tools_line(project):
    edit("tool.py", "PAGE = N_(", 'SEE = N_("See {page}.")\nPAGE = N_(')
    line = line_of("tool.py", 'SEE = N_("See {page}.")')
    assert check() == [
        f'tool.py:{line}: "See {{page}}." has no translation in {PO} — run `make translations`, translate it '
        "there, then run `make check-translations`"
    ]


def test_a_translated_message_not_yet_embedded_fails_at_the_catalogues_line(project):
    edit("tool.py", "PAGE = N_(", 'SEE = N_("See {page}.")\nPAGE = N_(')
    translate(project, {**GERMAN, "See {page}.": "Siehe {page}."})
    assert check() == [
        f'{PO}:{line_of(PO, "Siehe {page}.")}: "See {{page}}." is not embedded in tool.py — run '
        "`make check-translations`"
    ]


def test_a_message_the_tool_no_longer_has_fails_at_its_embedded_line(project):
    edit("tool.py", "    return _('200 with <Reject reason=\"busy\"/>') + ", "    return ")
    line = embedded_line("200 with <Reject")
    assert check() == [
        f'tool.py:{line}: a translation of "200 with <Reject reason="busy"/>", a message tool.py no longer '
        "has — run `make translations`"
    ]


def test_a_translation_that_went_fuzzy_is_no_longer_embedded(project):
    translate(project, GERMAN, fuzzy=[EMPTY])
    assert check() == [
        f'tool.py:{embedded_line("{file} is empty")}: the translation of "{EMPTY[:59]}…" is not in {PO} '
        "(or is empty or fuzzy there) — run `make check-translations`"
    ]


def test_a_hand_edited_translation_fails(project):
    edit("tool.py", '"Fehlerbehebung"', '"Fehler beheben"')
    line = line_of(PO, 'msgstr "Fehlerbehebung"')
    [problem] = check()
    assert problem.startswith(f"{PO}:{line}: the translation of")


def test_generated_lines_laid_out_by_hand_fail(project):
    edit("tool.py", "TRANSLATIONS = {", "TRANSLATIONS = {  # by hand")
    assert check() == [
        f"tool.py:{line_of('tool.py', check_translations.BEGIN)}: the generated lines are not as "
        "run `make check-translations` writes them — run `make check-translations`"
    ]


def test_an_f_string_is_never_translated(project):
    edit("tool.py", 'PAGE = N_("Troubleshooting")', 'PAGE = N_("Troubleshooting")\nNAME = _(f"{PAGE}")')
    [problem] = check()
    assert problem.startswith(f"tool.py:{line_of('tool.py', 'NAME = ')}: an f-string in _() or N_()")


def test_embedded_languages_without_a_catalogue_fail(project):
    (project / PO).unlink()
    assert check() == [
        "tool.py:1: embeds translations into 'de', which has no catalogue locale/de/LC_MESSAGES/check.po — "
        "run `make check-translations`"
    ]


def test_a_tool_that_does_not_parse_exits_2(project, capsys):
    edit("tool.py", "def N_(message):", "def N_(message:")
    assert embedded_translations.main(["--tool", "tool.py", "--locale", "locale"]) == 2
    assert capsys.readouterr().err.startswith("tool.py:1: cannot read the check tool")
