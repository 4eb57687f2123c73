"""The CI configuration (GitHub Actions workflows, Read the Docs, pre-commit) is validated offline by
`make lint-ci-config` against the schemas published for it; a broken file fails there."""

import shutil
from pathlib import Path

import pytest
from commands import make

ROOT = Path(__file__).resolve().parent.parent
# What `make lint-ci-config` reads (locale/: the languages, the translators' guides), and the package
# its lints run from.
FILES = [".github", ".ci", ".readthedocs.yaml", ".pre-commit-config.yaml", "Makefile", "requirements.txt"]
FILES += ["README.md", "placetel_tools", "locale"]


@pytest.fixture
def ci(tmp_path):
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, tmp_path / name)
    return tmp_path


def lint(folder):
    return make(folder, "lint-ci-config", timeout=120)


def test_the_workflows_run_the_makefile_targets():
    test = (ROOT / ".github/workflows/test.yml").read_text(encoding="utf-8")
    linkcheck = (ROOT / ".github/workflows/linkcheck.yml").read_text(encoding="utf-8")
    assert "run: make test" in test and "pull_request" in test
    assert "make linkcheck" in linkcheck and "schedule" in linkcheck and "docs/links.json" in linkcheck
    upstream = (ROOT / ".github/workflows/upstream.yml").read_text(encoding="utf-8")
    assert "python -m placetel_tools.upstream" in upstream and "make install upstream-packages" in upstream
    assert "schedule" in upstream and "workflow_dispatch" in upstream and "docs/upstream.json" in upstream


@pytest.mark.parametrize(
    "name, old, new, expected",
    [
        (".github/workflows/test.yml", "    steps:", "    step:", "'step' was unexpected"),
        (".github/workflows/linkcheck.yml", "runs-on: ubuntu-24.04", "runs-on: [", "linkcheck.yml"),
        (
            ".github/workflows/upstream.yml",
            "  pull-requests: write",
            "  pull-requests: always",
            "upstream.yml",
        ),
        (".readthedocs.yaml", "version: 2", "version: 3", ".readthedocs.yaml"),
        (
            ".pre-commit-config.yaml",
            "        language: system\n",
            "        language: nosuchlanguage\n",
            "nosuchlanguage",
        ),
    ],
)
def test_a_broken_file_fails(ci, name, old, new, expected):
    path = ci / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} no longer contains {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    status, output = lint(ci)
    assert status != 0 and expected in output, output


def test_a_language_that_read_the_docs_does_not_build_fails(ci):
    (ci / "locale/fr/LC_MESSAGES").mkdir(parents=True)
    status, output = lint(ci)
    assert status != 0 and ".readthedocs.yaml:" in output and "no build of 'fr'" in output, output
    assert "run make translations" in output
