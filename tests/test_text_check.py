"""`make lint` text checks (placetel_tools.lint.text_check, and sphinx-lint): mojibake, doubled words, UI
labels and bold text spelled two ways, in pages, figure sources and translations.

Each detector is fed small files of its own under tmp_path, with a label list of its own; the real pages are
only read, by the one test that proves they pass.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from commands import python_module
from sphinxlint.cli import main as sphinx_lint

from placetel_tools.lint import text_check

LABELS = """\
# a comment, not a label
Save
Recent Logs
Integrations
Partner integrations
Web API
Create a new API token
API Token
Enable Call Control / Notify API
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project root with its own label lists: docs/ui-labels.txt and locale/de/ui-labels.txt."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ui-labels.txt").write_text(LABELS, encoding="utf-8")
    (tmp_path / "locale" / "de" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "ui-labels.txt").write_text(
        "Speichern\nAktuellste Protokolle\n", encoding="utf-8"
    )
    return tmp_path


def write(project: Path, name: str, text: str) -> Path:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(project: Path, *paths: Path, figures: Path | None = None) -> list[str]:
    return text_check.check(paths, figures, root=project)


# --- mojibake --------------------------------------------------------------------------------------


def test_mojibake_is_named_with_what_was_meant(project):
    page = write(
        project,
        "docs/page.rst",
        "Title\n=====\n\n"
        "Zammad f\u00c3\u00bcr Teams \u00e2\u20ac\u201c and a grin \u00f0\u0178\u00a4\u201c.\n"
        "A lost space:\u00c2 here, and a lost quote \u00e2\u20ac here.\n",
    )
    assert lint(project, page) == [
        f"{page}:4: mojibake 'Ã¼' (UTF-8 read as Windows-1252) — write 'ü' instead",
        f"{page}:4: mojibake '\u00e2\u20ac\u201c' (UTF-8 read as Windows-1252) — write '\u2013' instead",
        f"{page}:4: mojibake 'ðŸ¤“' (UTF-8 read as Windows-1252) — write '🤓' instead",
        f"{page}:5: mojibake 'Â' (UTF-8 read as Windows-1252) — write a no-break space instead",
        f"{page}:5: mojibake 'â€' (UTF-8 read as Windows-1252) — write a quote or dash instead",
    ]


def test_a_file_that_is_not_utf8_is_named(project):
    page = project / "docs" / "latin1.rst"
    page.write_bytes("Zammad f\u00fcr Teams.\n".encode("latin-1"))
    [problem] = lint(project, page)
    assert problem.startswith(f"{page}:1: not valid UTF-8 (")
    assert problem.endswith(" — save the file as UTF-8")


# --- doubled words ---------------------------------------------------------------------------------


def test_a_word_written_twice_is_found_across_lines_and_in_list_items(project):
    page = write(
        project,
        "docs/page.rst",
        "Paste the token into the\nthe field.\n\n"
        "#. Open the page and press the\n   the button.\n\n"
        "* Open the page and press the\n  the button.\n",
    )
    assert lint(project, page) == [
        f"{page}:1: doubled word 'the the' — delete one of them",
        f"{page}:4: doubled word 'the the' — delete one of them",
        f"{page}:7: doubled word 'the the' — delete one of them",
    ]


def test_benign_text_passes(project):
    """Labels spelled right, emphasis, correct non-ASCII text, allowed doubles, and code, literals, URLs
    and table columns (which are not prose) pass."""
    page = write(
        project,
        "docs/page.rst",
        "Open *Integrations → Web API*, press **Create a new API token**, then paste it\n"
        "into **API Token** and press **Save**. This is **important**: the API token is a\n"
        "secret. Straße, naïve, café and “quotes” \u2013 fine. He said that that works.\n\n"
        "Type this::\n\n   echo the the\n\n"
        ".. code-block:: text\n\n   Save save\n\n"
        "The ``the the`` literal and https://example.org/the/the are not prose;\n"
        "see https://example.org/the the page.\n\n"
        "=====  =====\nthe    the\n=====  =====\n\n"
        "Term\n   Term is defined here, and **important** is bold again.\n",
    )
    assert lint(project, page) == []


# --- UI labels ---------------------------------------------------------------------------------------


def test_a_misspelt_label_in_bold_or_a_menu_path_is_named_with_the_product_spelling(project):
    page = write(
        project,
        "docs/page.rst",
        "Open **Recent logs** and press **save**.\n\nGo to *Integrations → Partner Integration*.\n",
    )
    assert lint(project, page) == [
        f"{page}:1: UI label 'Recent logs' is spelled 'Recent Logs' in the product — "
        "write 'Recent Logs' exactly as docs/ui-labels.txt has it",
        f"{page}:1: UI label 'save' is spelled 'Save' in the product — "
        "write 'Save' exactly as docs/ui-labels.txt has it",
        f"{page}:3: UI label 'Partner Integration' is spelled 'Partner integrations' in the product — "
        "write 'Partner integrations' exactly as docs/ui-labels.txt has it",
    ]


def test_a_guilabel_or_menuselection_must_be_a_known_label():
    lines = [
        ":guilabel:`Frobnicate` and :guilabel:`Save`",
        "",
        ":menuselection:`Integrations --> Frobnicate`",
    ]
    unknown = (
        "'Frobnicate' is marked as a UI label but is not in docs/ui-labels.txt — use the product's "
        "spelling, or add the label there after checking it in the product"
    )
    assert list(text_check.label_problems(lines, ["Save", "Integrations"])) == [(1, unknown), (3, unknown)]


def test_other_bold_text_is_spelled_one_way_on_every_page(project):
    write(project, "docs/setup.rst", "Set **Frobnication level** here.\n")
    settings = write(project, "docs/settings.rst", "Then **Frobnication level** again.\n")
    odd = write(project, "docs/troubleshooting.rst", "Title\n=====\n\nCheck **Frobnication Level**.\n")
    assert lint(project, project / "docs") == [
        f"{odd}:4: 'Frobnication Level' is spelled 'Frobnication level' elsewhere ({settings}:1)"
        " — spell it one way on every page (and add it to docs/ui-labels.txt if it is a UI label)"
    ]


# --- figure sources ----------------------------------------------------------------------------------

FIGURE = """\
# Placetel: Integrations -> Partner integration (a comment is not checked)
figure 400 520
frame 16 280 368 224 | Placetel › Integration › Zammad
button 16 44 80 28 | Save
arrow 200 244 200 280
check 16 60 on | Enable call control / notify API
"""


def test_figure_sources_must_spell_labels_as_the_product(project):
    figures = project / "images" / "src"
    source = write(project, "images/src/figure.txt", FIGURE)
    write(project, "images/src/fine.txt", "frame 0 0 10 10 | Placetel › Integrations\n")
    assert lint(project, figures, figures=figures) == [
        f"{source}:3: UI label 'Integration' is spelled 'Integrations' in the product — write "
        "'Integrations' exactly as docs/ui-labels.txt has it, then run make images",
        f"{source}:6: UI label 'Enable call control / notify API' is spelled 'Enable Call Control / "
        "Notify API' in the product — write 'Enable Call Control / Notify API' exactly as docs/ui-labels.txt "
        "has it, then run make images",
    ]


def test_text_files_outside_the_figure_sources_are_not_read(project):
    write(project, "images/src/figure.txt", FIGURE)
    assert lint(project, project / "images" / "src") == []  # no --figures: not figure sources
    assert lint(project, project / "docs", figures=project / "images" / "src") == []  # ui-labels.txt


def test_the_command_line_takes_the_figure_sources_folder(project, monkeypatch, capsys):
    monkeypatch.setattr(text_check, "ROOT", project)
    figures = project / "images" / "src"
    source = write(project, "images/src/figure.txt", "button 0 0 10 10 | save\n")
    page = write(project, "docs/page.rst", "Press **save**.\n")
    assert text_check.main(["--figures", str(figures), str(project / "docs"), str(figures)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{page}:1: UI label 'save' is spelled 'Save' in the product — write 'Save' exactly as "
        "docs/ui-labels.txt has it",
        f"{source}:1: UI label 'save' is spelled 'Save' in the product — write 'Save' exactly as "
        "docs/ui-labels.txt has it, then run make images",
    ]
    assert err == ""


# --- translations ------------------------------------------------------------------------------------


def catalogue(project: Path, name: str, entries: list[tuple[str, str, str]]) -> Path:
    """locale/de/LC_MESSAGES/``name``: (English place, msgid, msgstr) entries, one line each, so the msgstr
    of entry i (from 0) is on line 5 + 4 * i."""
    text = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
    for place, msgid, msgstr in entries:
        text += f'\n#: ../../{place}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
    return write(project, f"locale/de/LC_MESSAGES/{name}", text)


def test_translations_are_checked_against_their_own_label_list(project):
    po_file = catalogue(
        project,
        "setup.po",
        [
            ("docs/setup.rst:3", "Press **Save**.", "Klicken Sie auf **speichern**."),
            ("docs/setup.rst:5", "See it in the field.", "Es steht in in dem Feld, das das zeigt."),
            ("docs/setup.rst:7", "Zammad für Teams.", "Zammad f\u00c3\u00bcr Teams."),
            ("docs/setup.rst:9", "Press **Save**.", "Klicken Sie auf **Speichern**."),
        ],
    )
    assert lint(project, project / "locale") == [
        f"{po_file}:6: UI label 'speichern' is spelled 'Speichern' in the product — write 'Speichern' "
        "exactly as locale/de/ui-labels.txt has it (English: docs/setup.rst:3)",
        f"{po_file}:10: doubled word 'in in' — delete one of them (English: docs/setup.rst:5)",
        f"{po_file}:14: mojibake 'Ã¼' (UTF-8 read as Windows-1252) — write 'ü' instead "
        "(English: docs/setup.rst:7)",
    ]


def test_figure_texts_in_a_catalogue_are_held_to_the_labels(project):
    po_file = write(
        project,
        "locale/de/LC_MESSAGES/images.po",
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#. button\n#: ../../images/src/zammad.txt:7\nmsgid "Recent Logs"\n'
        'msgstr "Aktuellste protokolle"\n',
    )
    assert lint(project, po_file) == [
        f"{po_file}:7: UI label 'Aktuellste protokolle' is spelled 'Aktuellste Protokolle' in the product — "
        "write 'Aktuellste Protokolle' exactly as locale/de/ui-labels.txt has it, then run make images "
        "(English: images/src/zammad.txt:7)"
    ]


def test_bold_text_of_translations_is_spelled_one_way_in_each_language(project):
    first = catalogue(
        project,
        "a.po",
        [
            ("docs/a.rst:1", "The **block list**.", "Die **Sperrliste**."),
            ("docs/a.rst:2", "A **block list**.", "Eine **Sperrliste**."),
        ],
    )
    odd = catalogue(project, "b.po", [("docs/b.rst:1", "The **block list**.", "Die **SperrListe**.")])
    assert lint(project, project / "locale") == [
        f"{odd}:6: 'SperrListe' is spelled 'Sperrliste' elsewhere ({first}:6) — spell it one way on every "
        "page (and add it to locale/de/ui-labels.txt if it is a UI label)"
    ]


# --- sphinx-lint, which `make lint` runs first ---------------------------------------------------------


def test_sphinx_lint_fails_on_broken_markup(tmp_path, capsys):
    page = tmp_path / "page.rst"
    page.write_text("Title\n=====\n\nSee :ref`setup-step-1` for details.\n", encoding="utf-8")
    assert sphinx_lint(["sphinx-lint", str(page)]) != 0  # argv[0] is the program name
    out, err = capsys.readouterr()
    assert f"{page}:4:" in err and "role" in err, (out, err)


# --- the command line --------------------------------------------------------------------------------


def test_the_command_exits_1_on_a_problem_and_2_without_arguments(tmp_path):
    page = tmp_path / "page.rst"
    page.write_text("Press the\nthe button.\n", encoding="utf-8")

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return python_module("placetel_tools.lint.text_check", *args, cwd=tmp_path)

    broken = command("page.rst")
    assert (broken.returncode, broken.stdout, broken.stderr) == (
        1,
        "page.rst:1: doubled word 'the the' — delete one of them\n",
        "",
    )
    assert command("--figures", ".", "page.rst").returncode == 1
    assert command("page.rst", "--figures", ".").returncode == 1  # options anywhere, as argparse allows
    assert (command().returncode, command().stdout) == (2, "")
    assert command("--figures").returncode == 2  # an option without its folder
    assert command("--bogus", "page.rst").returncode == 2
    clean = tmp_path / "clean.rst"
    clean.write_text("Press the button.\n", encoding="utf-8")
    assert (command("clean.rst").returncode, command("clean.rst").stdout) == (0, "")
