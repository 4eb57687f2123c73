"""placetel_tools.languages: the source language, the translations (every folder
locale/LANG/LC_MESSAGES) and the folder each language's pages go to; its command line, which the
Makefile reads."""

import subprocess
import sys
from pathlib import Path

import pytest

from placetel_tools import languages

ROOT = Path(__file__).resolve().parent.parent


def locale(tmp_path, *names):
    for name in names:
        (tmp_path / "locale" / name / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale").mkdir(exist_ok=True)
    return tmp_path / "locale"


@pytest.mark.parametrize(
    "folders, translations",
    [((), []), (("de",), ["de"]), (("fr", "de"), ["de", "fr"])],
)
def test_the_translations_are_the_catalogue_folders_sorted(tmp_path, folders, translations):
    found = locale(tmp_path, *folders)
    assert languages.translations(found) == translations
    assert languages.site_languages(found) == [languages.SOURCE, *translations]


def test_what_is_not_a_catalogue_folder_is_no_language(tmp_path):
    found = locale(tmp_path, "de")
    (found / "README.md").write_text("not a language", encoding="utf-8")
    (found / "it").mkdir()  # no LC_MESSAGES
    (found / "es" / "LC_MESSAGES").parent.mkdir()
    (found / "es" / "LC_MESSAGES").write_text("a file, not a folder", encoding="utf-8")
    (found / languages.SOURCE / "LC_MESSAGES").mkdir(parents=True)  # the source is no translation
    assert languages.translations(found) == ["de"]
    assert languages.site_languages(tmp_path / "missing") == [languages.SOURCE]


def test_the_source_language_is_at_the_root_each_translation_in_its_folder():
    assert languages.html_dir(languages.SOURCE) == ""
    assert languages.html_dir("de") == "de"
    assert languages.html_dir("pt_BR") == "pt_BR"


def test_conf_py_takes_its_language_from_here():
    assert "language = languages.SOURCE" in (ROOT / "conf.py").read_text(encoding="utf-8")


def run(cwd, *args):
    """The command line as the Makefile runs it: the standard library's interpreter, no venv."""
    return subprocess.run(
        [sys.executable, "-S", "-m", "placetel_tools.languages", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT)},
    )


@pytest.mark.parametrize("folders", [(), ("de",), ("fr", "de")])
def test_the_command_prints_the_languages_on_one_line(tmp_path, folders):
    locale(tmp_path, *folders)
    translations = sorted(folders)
    assert run(tmp_path).stdout == " ".join(translations) + "\n"
    assert run(tmp_path, "--site").stdout == " ".join([languages.SOURCE, *translations]) + "\n"
    other = tmp_path / "elsewhere"
    (other / "it" / "LC_MESSAGES").mkdir(parents=True)
    assert run(tmp_path, "--site", str(other)).stdout == f"{languages.SOURCE} it\n"


def test_the_makefile_builds_the_languages_of_locale(tmp_path):
    """`make` reads the languages from the command, before any virtual environment exists."""
    (tmp_path / "Makefile").write_text(
        (ROOT / "Makefile").read_text(encoding="utf-8")
        + "\nshow-languages:\n\t@echo $(SITE_LANGUAGES) / $(LANGUAGES) / $(call site_dir,fr)\n",
        encoding="utf-8",
    )
    (tmp_path / "placetel_tools").symlink_to(ROOT / "placetel_tools")
    locale(tmp_path, "fr", "de")
    proc = subprocess.run(
        ["make", "--no-print-directory", "show-languages", f"PYTHON={sys.executable}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert proc.stdout == f"{languages.SOURCE} de fr / de fr / _build/html/fr\n", proc.stderr
