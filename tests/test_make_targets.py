"""The make-targets lint on a Makefile and texts of its own."""

import pytest

from placetel_tools.lint import make_targets

MAKEFILE = """\
.PHONY: help html hidden
help: ## List the targets
html: deps ## Build the site
hidden: deps
deps:
VAR := value
"""


@pytest.fixture
def makefile(tmp_path):
    path = tmp_path / "Makefile"
    path.write_text(MAKEFILE, encoding="utf-8")
    return path


def run(makefile, text, capsys):
    readme = makefile.parent / "README.md"
    readme.write_text(text, encoding="utf-8")
    status = make_targets.main([str(makefile), str(readme)])
    return status, capsys.readouterr().out


def test_rules_and_their_help(makefile):
    assert make_targets.rules(makefile) == {"help": True, "html": True, "hidden": False, "deps": False}


def test_listed_targets_pass(makefile, capsys):
    text = 'Run `make html SPHINXOPTS="-j auto"`, then `make help`.\nmake -s html\nfoo && make html\n'
    assert run(makefile, text, capsys) == (0, "")


def test_prose_is_not_a_command(makefile, capsys):
    assert run(makefile, "These checks make sure the pages build; make it so.\n", capsys) == (0, "")


def test_a_target_without_help_fails(makefile, capsys):
    status, out = run(makefile, "intro\n\n    make html hidden\n", capsys)
    assert status == 1
    assert out == (
        f"{makefile.parent / 'README.md'}:3: `make hidden` is not listed by `make help` — "
        f"give its rule in {makefile} a `## what it runs` comment\n"
    )


def test_an_unknown_target_fails(makefile, capsys):
    status, out = run(makefile, "- run: make tset\n", capsys)
    assert status == 1
    assert "README.md:1: `make tset` names no rule of" in out


def test_usage_without_files(makefile, capsys):
    with pytest.raises(SystemExit) as exit_:
        make_targets.main([str(makefile)])
    assert exit_.value.code == 2
