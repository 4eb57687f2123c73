"""placetel_tools.check_translations: the check tool's messages extracted into a template, merged like
the pages' catalogues, and embedded into the tool as generated lines. A tiny tool of the tests' own."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from check_tool_tree import EMPTY, GERMAN, TOOL, load, translate

from placetel_tools import check_translations

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path):
    """tmp_path/tool.py and its German catalogue, complete, merged the way `make translations` does."""
    (tmp_path / "tool.py").write_text(TOOL, encoding="utf-8")
    translate(tmp_path, GERMAN)
    return tmp_path


def test_every_message_is_extracted_with_its_line():
    found = check_translations.extract_source(TOOL)
    assert found == [
        (13, "Troubleshooting"),
        (18, EMPTY),
        (25, '200 with <Reject reason="busy"/>'),
        (25, "it's \\ here"),
    ]
    assert 'N_("Troubleshooting")' in TOOL.splitlines()[12]
    assert '"{file} is empty; save' in TOOL.splitlines()[17]  # its first string, joined as Python joins it


def test_the_template_names_each_place_and_flags_placeholders(tmp_path):
    (tmp_path / "tool.py").write_text(TOOL, encoding="utf-8")
    assert check_translations.write_template(tmp_path / "check.pot", tmp_path / "tool.py") == 4
    with (tmp_path / "check.pot").open("rb") as file:
        template = read_po(file)
    entry = template[
        "{file} is empty; save it again as CSV in UTF-8, with one first line naming its columns, then check it again."
    ]
    assert entry.locations == [(str(tmp_path / "tool.py"), 18)]  # its first string
    assert "python-brace-format" in entry.flags
    assert "{names} in braces" in template.header_comment  # the translator's guide travels with it


def test_the_real_tool_names_its_places_relative_to_the_project(tmp_path):
    check_translations.write_template(tmp_path / "check.pot")
    with (tmp_path / "check.pot").open("rb") as file:
        template = read_po(file)
    assert len(template) > 100
    assert all(path == "placetel_tools/check.py" for m in template for path, _ in m.locations)


def test_embedding_writes_every_translation_and_the_tool_uses_it(project):
    assert check_translations.write(project / "tool.py", project / "locale") is True
    tool = load(project / "tool.py")
    assert tool["TRANSLATIONS"] == {"de": GERMAN}
    tool["language"] = "de"
    assert tool["empty"]("x.csv") == GERMAN[EMPTY].format(file="x.csv")
    assert tool["quoted"]() == '200 mit <Reject reason="busy"/>es ist \\ hier'
    tool["language"] = "en"
    assert tool["empty"]("x.csv") == EMPTY.format(file="x.csv")


def test_embedding_again_changes_nothing_and_sorts(project):
    check_translations.write(project / "tool.py", project / "locale")
    before = (project / "tool.py").read_text(encoding="utf-8")
    assert check_translations.write(project / "tool.py", project / "locale") is False
    assert (project / "tool.py").read_text(encoding="utf-8") == before
    [assignment] = [n for n in ast.parse(before).body if isinstance(n, ast.Assign)][-1:]
    keys = [ast.literal_eval(key) for key in assignment.value.values[0].keys]
    assert keys == sorted(GERMAN)
    assert before.startswith(TOOL.split(check_translations.BEGIN)[0])  # nothing else touched
    assert "Generated from locale/LANG/LC_MESSAGES/check.po" in before


def test_the_generated_lines_are_as_ruff_formats_them(project):
    check_translations.write(project / "tool.py", project / "locale")
    ruff = Path(sys.executable).with_name("ruff")
    proc = subprocess.run(
        [str(ruff), "format", "--check", "--diff", "--config", str(ROOT / "pyproject.toml"), "tool.py"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    "text",
    ['say "hi"', "it's", 'both \' and ""', "back\\slash", "tab\tand\nnew line", "bell\x07", "ümlaut ›"],
)
def test_literals_read_back_as_the_text(text):
    assert ast.literal_eval(check_translations.literal(text)) == text


def test_fuzzy_and_empty_entries_are_left_out(project):
    translate(project, {**GERMAN, "Troubleshooting": ""}, fuzzy=[EMPTY])
    check_translations.write(project / "tool.py", project / "locale")
    assert set(load(project / "tool.py")["TRANSLATIONS"]["de"]) == {
        '200 with <Reject reason="busy"/>',
        "it's \\ here",
    }


def test_a_new_language_is_embedded_beside_the_others(project):
    translate(project, {"Troubleshooting": "Dépannage"}, language="fr")
    check_translations.write(project / "tool.py", project / "locale")
    assert load(project / "tool.py")["TRANSLATIONS"]["fr"] == {"Troubleshooting": "Dépannage"}


def test_a_tool_without_the_markers_is_refused(tmp_path, capsys):
    (tmp_path / "tool.py").write_text("x = 1\n", encoding="utf-8")
    code = check_translations.main(["--tool", str(tmp_path / "tool.py"), "--locale", str(tmp_path)])
    assert code == 1
    assert f"{tmp_path / 'tool.py'}:1: cannot embed the translations" in capsys.readouterr().err
    assert (tmp_path / "tool.py").read_text(encoding="utf-8") == "x = 1\n"


def test_the_command_line(project, capsys):
    tool, locale = str(project / "tool.py"), str(project / "locale")
    assert check_translations.main(["--tool", tool, "--locale", locale]) == 0
    assert capsys.readouterr().out == f"{tool}: updated (languages: de)\n"
    assert check_translations.main(["--tool", tool, "--locale", locale]) == 0
    assert capsys.readouterr().out == f"{tool}: up to date (languages: de)\n"
    assert check_translations.main(["--pot", str(project / "x.pot"), "--tool", tool]) == 0
    assert "(4 messages of" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        check_translations.main(["--no-such-option"])
    assert stop.value.code == 2
