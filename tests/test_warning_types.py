"""One warning scheme for the project's Sphinx extensions: type "placetel", subtype the extension's
name, so that suppress_warnings = ["placetel.figure_check"] silences one extension, "placetel" all."""

import ast
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from placetel_tools import sphinxext

EXTENSIONS = Path(sphinxext.__file__).parent


def warning_calls(path: Path):
    """The keyword arguments of each logger.warning(...) call in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "logger.warning":
            yield (
                node.lineno,
                {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg in ("type", "subtype")},
            )


def test_every_warning_of_an_extension_is_placetel_and_names_the_extension():
    found = {
        (path.stem, line): kinds for path in EXTENSIONS.glob("*.py") for line, kinds in warning_calls(path)
    }
    assert len(found) >= 10
    for (name, line), kinds in found.items():
        assert kinds == {"type": "placetel", "subtype": name}, f"{name}.py:{line}"


def warnings(stream) -> list[str]:
    return [line for line in strip_colors(stream.getvalue()).splitlines() if "WARNING" in line]


@pytest.mark.sphinx("html", testroot="figure-alt", srcdir="warning-types-shown")
def test_a_warning_carries_placetel_and_the_extensions_name(app, warning):
    app.build()
    found = warnings(warning)
    assert found and all(line.endswith("[placetel.figure_check]") for line in found), found


SUPPRESSED = [
    pytest.param(
        setting,
        marks=pytest.mark.sphinx(
            "html",
            testroot="figure-alt",
            srcdir=f"warning-types-suppressed-{n}",
            confoverrides={"suppress_warnings": [setting]},
        ),
    )
    for n, setting in enumerate(["placetel.figure_check", "placetel", "placetel.*"])
]


@pytest.mark.parametrize("setting", SUPPRESSED)
def test_suppress_warnings_silences_one_extension_or_all(app, warning, setting):
    app.build()
    assert warnings(warning) == []


@pytest.mark.sphinx(
    "html",
    testroot="figure-alt",
    srcdir="warning-types-other",
    confoverrides={"suppress_warnings": ["placetel.link_record"]},
)
def test_suppressing_another_extension_leaves_its_warnings(app, warning):
    app.build()
    assert len(warnings(warning)) == 5
