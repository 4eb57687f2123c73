"""lint/readthedocs.py: .readthedocs.yaml builds exactly the languages of locale/ (make translations
writes its build commands, make lint-ci-config checks them); tested on a configuration of its own."""

import pytest

from placetel_tools.lint import readthedocs

CONFIG = """\
version: 2
build:
  os: ubuntu-24.04
  commands:
    - python -m pip install -r requirements.txt
{builds}    - echo done
"""


def tree(tmp_path, languages, builds):
    for lang in languages:
        (tmp_path / "locale" / lang / "LC_MESSAGES").mkdir(parents=True)
    config = tmp_path / "rtd.yaml"
    config.write_text(CONFIG.format(builds="".join(f"    - {b}\n" for b in builds)), encoding="utf-8")
    return config, tmp_path / "locale"


def test_the_commands_build_each_language_where_the_site_has_it():
    assert readthedocs.command("en").endswith("-d _build/doctrees/en docs $READTHEDOCS_OUTPUT/html")
    assert "-D language=" not in readthedocs.command("en")
    assert readthedocs.command("fr").endswith(
        " -D language=fr -d _build/doctrees/fr docs $READTHEDOCS_OUTPUT/html/fr"
    )


def test_exactly_the_languages_of_locale_pass(tmp_path):
    config, locale = tree(tmp_path, ["fr"], [readthedocs.command("en"), readthedocs.command("fr")])
    assert readthedocs.problems(config, locale) == []
    assert readthedocs.main([str(config), str(locale)]) == 0


def test_a_language_without_a_build_fails_at_the_last_build(tmp_path, capsys):
    config, locale = tree(tmp_path, ["fr", "it"], [readthedocs.command("en"), readthedocs.command("fr")])
    assert readthedocs.problems(config, locale) == [
        f"{config}:7: no build of 'it' ({locale}/it/LC_MESSAGES) — run make translations"
    ]
    assert readthedocs.main([str(config), str(locale)]) == 1
    assert "run make translations" in capsys.readouterr().out


def test_a_build_of_a_language_the_site_lacks_fails_at_its_line(tmp_path):
    config, locale = tree(tmp_path, [], [readthedocs.command("en"), readthedocs.command("fr")])
    (problem,) = readthedocs.problems(config, locale)
    assert problem.startswith(f"{config}:7: `{readthedocs.command('fr')}` builds more than")
    assert problem.endswith("— run make translations")


def test_a_changed_build_fails_at_its_line(tmp_path):
    broken = readthedocs.command("fr").replace("html/fr", "html/francais")
    config, locale = tree(tmp_path, ["fr"], [readthedocs.command("en"), broken])
    (problem,) = readthedocs.problems(config, locale)
    assert problem.startswith(f"{config}:7: `{broken}` should be `{readthedocs.command('fr')}`")


def test_no_build_at_all_fails(tmp_path):
    config, locale = tree(tmp_path, [], [])
    assert readthedocs.problems(config, locale)[0].startswith(f"{config}:1: no `python -m sphinx` build")
    assert readthedocs.write(config, locale) is False


@pytest.mark.parametrize(
    "languages, builds",
    [
        (["de", "fr"], ["en"]),  # make translations ADD=fr: a language more
        ([], ["en", "de"]),  # a language removed
        (["de"], ["de", "en"]),  # out of order
    ],
)
def test_writing_puts_the_wanted_builds_in_place_and_leaves_the_rest(tmp_path, languages, builds):
    config, locale = tree(tmp_path, languages, [readthedocs.command(lang) for lang in builds])
    assert readthedocs.write(config, locale) is True
    assert readthedocs.problems(config, locale) == []
    wanted = "".join(f"    - {readthedocs.command(lang)}\n" for lang in ["en", *languages])
    assert config.read_text(encoding="utf-8") == CONFIG.format(builds=wanted)
    assert readthedocs.write(config, locale) is False  # nothing to change: the file is not touched


def test_the_command_line_writes_then_checks(tmp_path, capsys):
    config, locale = tree(tmp_path, ["de"], [readthedocs.command("en")])
    assert readthedocs.main(["--write", str(config), str(locale)]) == 0
    assert capsys.readouterr().out == f"Update: {config} (its build commands)\n"
    assert readthedocs.command("de") in config.read_text(encoding="utf-8")
