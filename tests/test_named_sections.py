"""placetel_tools.lint.named_sections: the sections the check tool names, on a page and in catalogues the
test writes; each broken copy fails at the line to fix."""

import textwrap
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from project_copy import edit, line_of

from placetel_tools.lint import named_sections

SECTIONS = {
    "trouble-no-requests": ("Troubleshooting", "No requests reach Zammad"),
    "trouble-blocked-still-rings": (
        "Troubleshooting",
        '200 with <Reject reason="busy"/>, but the call still rings',
    ),
}
PAGE = textwrap.dedent(
    """\
    Troubleshooting
    ===============

    .. _trouble-no-requests:

    No requests reach Zammad
    ------------------------

    Text.

    .. _trouble-blocked-still-rings:

    200 with ``<Reject reason="busy"/>``, but the call still rings
    --------------------------------------------------------------
    """
)
PAGE_GERMAN = {
    "Troubleshooting": "Fehlerbehebung",
    "No requests reach Zammad": "Keine Anfragen erreichen Zammad",
    '200 with ``<Reject reason="busy"/>``, but the call still rings': (
        '200 mit ``<Reject reason="busy"/>``, aber der Anruf klingelt trotzdem'
    ),
    "Text.": "Text.",
}
TOOL_GERMAN = {
    "Troubleshooting": "Fehlerbehebung",
    "No requests reach Zammad": "Keine Anfragen erreichen Zammad",
    '200 with <Reject reason="busy"/>, but the call still rings': (
        '200 mit <Reject reason="busy"/>, aber der Anruf klingelt trotzdem'
    ),
}
TOOL_SOURCE = 'SECTIONS = {\n    "trouble-no-requests": ...,\n    "trouble-blocked-still-rings": ...,\n}\n'
TROUBLE_PO = "locale/de/LC_MESSAGES/troubleshooting.po"
CHECK_PO = "locale/de/LC_MESSAGES/check.po"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """docs/troubleshooting.rst, its German catalogue, the tool's German catalogue; paths relative."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "troubleshooting.rst").write_text(PAGE, encoding="utf-8")
    (tmp_path / "check.py").write_text(TOOL_SOURCE, encoding="utf-8")
    catalogue(TROUBLE_PO, PAGE_GERMAN, "docs/troubleshooting.rst:1")
    catalogue(CHECK_PO, TOOL_GERMAN, "placetel_tools/check.py:1")
    return tmp_path


def catalogue(path, texts, place, fuzzy=()):
    """Write the catalogue ``path``: {English: translation} ``texts``, each from ``place``."""
    catalog = Catalog(locale="de")
    for english, german in texts.items():
        file, line = place.rsplit(":", 1)
        catalog.add(
            english, german, locations=[(file, int(line))], flags=["fuzzy"] if english in fuzzy else []
        )
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with Path(path).open("wb") as out:
        write_po(out, catalog, width=76)


def check(sections=SECTIONS):
    return named_sections.check(sections, "check.py", "docs", "locale")


def test_sections_named_as_the_page_and_the_catalogues_name_them_pass(project):
    assert check() == []


def test_a_german_heading_changed_in_the_pages_catalogue_fails_at_its_line(project):
    edit(TROUBLE_PO, 'msgstr "Keine Anfragen erreichen Zammad"', 'msgstr "Zammad erreicht keine Anfrage"')
    page_line = line_of(TROUBLE_PO, "Zammad erreicht keine Anfrage")
    tool_line = line_of(CHECK_PO, 'msgstr "Keine Anfragen')
    assert check() == [
        f"{TROUBLE_PO}:{page_line}: the heading of trouble-no-requests translates as "
        '"Zammad erreicht keine Anfrage", but the check tool names it by the words "Keine Anfragen erreichen '
        f'Zammad" ({CHECK_PO}:{tool_line}) — make them agree: change one translation (after check.po, '
        "`make check-translations`)"
    ]


def test_the_tools_german_heading_changed_fails_too(project):
    edit(CHECK_PO, 'msgstr "Keine Anfragen erreichen Zammad"', 'msgstr "Keine Anfrage erreicht Zammad"')
    page_line = line_of(TROUBLE_PO, 'msgstr "Keine Anfragen')
    [problem] = check()
    assert problem.startswith(f"{TROUBLE_PO}:{page_line}: the heading of")
    assert f'"Keine Anfrage erreicht Zammad" ({CHECK_PO}:' in problem


def test_a_german_heading_may_say_more_than_the_tools_words(project):
    edit(
        TROUBLE_PO,
        'msgstr "Keine Anfragen erreichen Zammad"',
        'msgstr "Keine Anfragen erreichen Zammad (gar keine)"',
    )
    assert check() == []


def test_a_german_page_title_changed_fails_once_for_the_page(project):
    edit(TROUBLE_PO, 'msgstr "Fehlerbehebung"', 'msgstr "Probleme lösen"')
    page_line, tool_line = line_of(TROUBLE_PO, "Probleme lösen"), line_of(CHECK_PO, 'msgstr "Fehlerbehebung')
    assert check() == [
        f'{TROUBLE_PO}:{page_line}: the title of the page translates as "Probleme lösen", but the check tool '
        f'calls it "Fehlerbehebung" ({CHECK_PO}:{tool_line}) — make them agree: change one translation '
        "(after check.po, `make check-translations`)"
    ]


def test_an_english_heading_without_the_tools_words_fails_at_its_line(project):
    edit("docs/troubleshooting.rst", "No requests reach Zammad\n", "Zammad gets no requests\n")
    assert check() == [
        'docs/troubleshooting.rst:6: the heading of trouble-no-requests, "Zammad gets no requests", lacks the '
        'words "No requests reach Zammad" the check tool names it by (check.py:2) — keep them in the heading, '
        "or change SECTIONS"
    ]


def test_an_english_page_title_that_differs_fails(project):
    edit("docs/troubleshooting.rst", "Troubleshooting\n===", "Problems\n========\n===")
    [problem] = check()
    assert problem == (
        'docs/troubleshooting.rst:1: the page is called "Problems", but the check tool names it '
        '"Troubleshooting" (SECTIONS in check.py) — make them agree'
    )


def test_a_label_no_page_has_fails_at_the_tools_line(project):
    sections = {**SECTIONS, "trouble-gone": ("Troubleshooting", "Gone")}
    (project / "check.py").write_text(
        TOOL_SOURCE.replace("}\n", '    "trouble-gone": ...,\n}\n'), encoding="utf-8"
    )
    assert check(sections) == [
        "check.py:4: no page has the label trouble-gone, or no heading follows it — add it, or fix SECTIONS"
    ]


def test_untranslated_or_fuzzy_titles_are_left_to_the_catalogue_lint(project):
    catalogue(TROUBLE_PO, {**PAGE_GERMAN, "No requests reach Zammad": ""}, "docs/troubleshooting.rst:1")
    catalogue(
        CHECK_PO,
        {**TOOL_GERMAN, "Troubleshooting": "Probleme"},
        "placetel_tools/check.py:1",
        fuzzy=["Troubleshooting"],
    )
    assert check() == []


def test_the_command_line_reads_the_tools_sections(project, capsys):
    (project / "check.py").write_text(f"SECTIONS = {SECTIONS!r}\n", encoding="utf-8")
    assert named_sections.main(["--tool", "check.py", "docs", "locale"]) == 0
    edit(TROUBLE_PO, 'msgstr "Fehlerbehebung"', 'msgstr "Probleme lösen"')
    assert named_sections.main(["--tool", "check.py", "docs", "locale"]) == 1
    assert capsys.readouterr().out.startswith(f"{TROUBLE_PO}:")
    (project / "check.py").write_text("SECTIONS = {\n", encoding="utf-8")
    assert named_sections.main(["--tool", "check.py", "docs", "locale"]) == 2
    assert capsys.readouterr().err.startswith("check.py:1: cannot read SECTIONS")
