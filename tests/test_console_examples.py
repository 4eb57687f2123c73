"""The runnable examples fail on a page that no longer shows what the endpoint does, naming file and line.

Console blocks are run by placetel_tools.examples.console, doctest blocks by Sphinx's doctest builder (with
placetel_tools.examples.doctest_env); both are proven on small pages of their own: console blocks in a project
under tmp_path, doctests in the Sphinx test roots tests/roots/test-doctest-*/. The real pages' examples run
in `make doctest` (part of make check).
"""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from catalogue_files import save
from commands import python_module
from sphinx.util.console import strip_colors

from placetel_tools.examples import console, doctest_env
from placetel_tools.examples.console import examples, run

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "Sx7uLqkA9pW3rT2vYc5N"
CURL = """\
   $ curl --silent --show-error \\
       --data-urlencode 'event=IncomingCall' \\
       --data-urlencode 'call_id={call_id}' \\
       --data-urlencode 'from=491715000000' \\
       --data-urlencode 'to=4930600000000' \\
       --write-out '%{{http_code}} %{{content_type}}\\n' \\
       https://zammad.example.com/api/v1/placetel/{token}
"""
# Two commands, at lines 6 and 17, each followed by the output the simulator gives.
PAGE = (
    "Examples\n========\n\n.. code-block:: console\n\n"
    + CURL.format(call_id="c1", token=TOKEN)
    + """\
   <?xml version="1.0" encoding="UTF-8"?>
   <Response/>
   200 application/xml; charset=UTF-8

"""
    + CURL.format(call_id="c2", token="wrong")
    + """\
   <?xml version="1.0" encoding="UTF-8"?>
   <Response>
     <Error>Invalid token, please contact your admin!</Error>
   </Response>
   401 application/xml; charset=UTF-8
"""
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project root: commands run in its placetel_tools/, situations name JSON files in its doctests/."""
    (tmp_path / "placetel_tools").mkdir()
    (tmp_path / "doctests").mkdir()
    return tmp_path


def page(project: Path, text: str, name: str = "page.rst") -> Path:
    path = project / "doctests" / name
    path.write_text(text, encoding="utf-8")
    return path


# --- console blocks ----------------------------------------------------------------------------------


def test_the_examples_of_a_page_run_as_shown(project):
    assert run([page(project, PAGE)], root=project) == ([], 2)


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("200 application/xml", "201 application/xml", 6),  # a status
        ("<Response/>", "<Response></Response>", 6),  # a body
        ("please contact your admin!", "please contact us!", 17),  # an error text
        ("200 application/xml; charset=UTF-8", "200 text/xml; charset=UTF-8", 6),  # the content type
    ],
)
def test_a_changed_output_fails_naming_file_and_line(project, old, new, line):
    problems, count = run([page(project, PAGE.replace(old, new))], root=project)
    assert count == 2 and len(problems) == 1, problems
    assert problems[0].startswith(
        f"doctests/page.rst:{line}: output differs from the page — fix the page or the simulator\n"
    )
    assert re.search(rf"^    -.*{re.escape(new)}", problems[0], re.M), problems[0]  # the page's line
    assert re.search(rf"^    \+.*{re.escape(old)}", problems[0], re.M), problems[0]  # what the simulator said


def test_the_difference_is_shown_as_a_diff(project):
    [problem], _ = run([page(project, PAGE.replace("<Response/>", "<Response></Response>"))], root=project)
    assert problem == textwrap.dedent("""\
        doctests/page.rst:6: output differs from the page — fix the page or the simulator
            --- doctests/page.rst:6 (the page)
            +++ actual output
            @@ -1,3 +1,3 @@
             <?xml version="1.0" encoding="UTF-8"?>
            -<Response></Response>
            +<Response/>
             200 application/xml; charset=UTF-8""")


def test_a_changed_endpoint_path_fails(project):
    changed = PAGE.replace(f"/api/v1/placetel/{TOKEN}", f"/api/v1/placetel/integration/{TOKEN}")
    [problem], _ = run([page(project, changed)], root=project)
    assert problem.startswith("doctests/page.rst:6: output differs from the page")
    assert problem.endswith("\n    +Not Found\n    +404 text/plain; charset=utf-8"), problem


def test_the_situation_comment_is_obeyed(project):
    problems, _ = run([page(project, ".. simulator: disabled\n\n" + PAGE)], root=project)
    assert [problem.split(" —")[0] for problem in problems] == [
        "doctests/page.rst:8: output differs from the page",
        "doctests/page.rst:19: output differs from the page",
    ]
    disabled = "\n    +  <Error>Feature is disabled, please contact your administrator!</Error>\n"
    assert disabled in problems[0] and disabled in problems[1], problems


def test_each_situation_holds_until_the_next_and_starts_with_an_empty_caller_log(project):
    (project / "doctests" / "blocking.json").write_text(
        '{"inbound": {"block_caller_ids": [{"caller_id": "491715000000"}]},'
        ' "outbound": {"routing_table": [], "default_caller_id": ""}}',
        encoding="utf-8",
    )

    def block(event: str, *answer: str, status: int = 422) -> str:
        command = CURL.format(call_id="k", token=TOKEN).replace("event=IncomingCall", f"event={event}")
        output = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            *answer,
            f"{status} application/xml; charset=UTF-8",
        ]
        return "\n.. code-block:: console\n\n" + command + "".join(f"   {line}\n" for line in output) + "\n"

    def error(text: str) -> tuple[str, str, str]:
        return "<Response>", f"  <Error>{text}</Error>", "</Response>"

    text = (
        block("IncomingCall", "<Response/>", status=200)  # enabled, until the first comment
        + block("HungUp", "<Response/>", status=200)  # the call is in this situation's caller log
        + ".. simulator: config=blocking.json\n"
        + block("HungUp", *error("Invalid 'direction'!"))  # ... but not in the next one's
        + block("IncomingCall", "<Response>", '  <Reject reason="busy"/>', "</Response>", status=200)
        + ".. simulator: disabled\n"
        + block("IncomingCall", *error("Feature is disabled, please contact your administrator!"))
        + ".. simulator: unconfigured\n"
        + block("IncomingCall", *error("Feature not configured, please contact your admin!"))
    )
    assert run([page(project, text)], root=project) == ([], 6)


def test_an_unknown_situation_or_config_file_fails(project):
    fixture = ".. simulator: {}\n\n.. code-block:: console\n   :caption: selftest\n\n   $ true\n"
    assert run([page(project, fixture.format("switched-on"))], root=project) == (
        [
            "doctests/page.rst:1: unknown simulator situation 'switched-on' — write enabled, disabled, "
            "unconfigured or config=NAME.json"
        ],
        0,
    )
    [problem], _ = run([page(project, fixture.format("config=missing.json"))], root=project)
    assert problem.startswith("doctests/page.rst:6: cannot use doctests/missing.json (")
    assert problem.endswith(" — name a placetel_config JSON file in doctests/")


def test_an_example_naming_a_real_host_fails_without_reaching_it(project):
    offsite = (
        ".. code-block:: console\n\n   $ curl --silent --show-error https://zammad.example.org/\n   ok\n"
    )
    [problem], _ = run([page(project, offsite)], root=project)
    assert problem.startswith("doctests/page.rst:3: output differs from the page")
    assert "127.0.0.1 port 9" in problem, problem  # refused by the runner's dead proxy, not sent out


def test_commands_run_in_the_folder_of_check_py(project):
    (project / "placetel_tools" / "check.py").write_text("", encoding="utf-8")
    assert run([page(project, ".. code-block:: console\n\n   $ ls\n   check.py\n")], root=project) == ([], 1)


def test_parsing(tmp_path):
    path = tmp_path / "page.rst"
    path.write_text(
        textwrap.dedent("""\
        Text.

        .. code-block:: console

           $ echo one \\
               two
           one two

           $ printf 'a\\n\\nb\\n'
           a

           b

        .. simulator: unconfigured

        .. tabs::

           .. code-block:: console
              :caption: with an option

              $ true

        .. code-block:: text

           $ not run
        """),
        encoding="utf-8",
    )
    assert list(examples(path, tmp_path)) == [
        (5, "enabled", "echo one \\\n    two", ["one two"]),
        (9, "enabled", "printf 'a\\n\\nb\\n'", ["a", "", "b"]),
        (21, "unconfigured", "true", []),
    ]


# --- the command line --------------------------------------------------------------------------------


def test_the_command_sums_up(tmp_path, capsys):
    good, bad = tmp_path / "good.rst", tmp_path / "bad.rst"
    good.write_text(".. code-block:: console\n\n   $ echo hello\n   hello\n", encoding="utf-8")
    bad.write_text(".. code-block:: console\n\n   $ echo hello\n   goodbye\n", encoding="utf-8")
    assert console.main([str(good)]) == 0
    assert capsys.readouterr().out == "console examples: 1 commands in 1 files ran as shown\n"
    assert console.main([str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{bad}:3: output differs from the page — fix the page or the simulator\n")
    assert out.endswith("\nconsole examples: 1 of 2 commands do not run as shown\n")


def test_the_command_exits_1_on_a_problem_and_2_on_a_wrong_language_option(tmp_path):
    (tmp_path / "bad.rst").write_text(
        ".. code-block:: console\n\n   $ echo hello\n   goodbye\n", encoding="utf-8"
    )

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return python_module("placetel_tools.examples.console", *args, cwd=tmp_path)

    broken = command("bad.rst")
    assert broken.returncode == 1, broken
    assert broken.stdout.endswith("console examples: 1 of 1 commands do not run as shown\n"), broken.stdout
    usage = command("--language")
    assert (usage.returncode, usage.stdout) == (2, "")
    assert usage.stderr == "usage: python -m placetel_tools.examples.console --language LANG\n"


# --- translated console blocks (the check tool's output on the German pages) ---------------------


def _translated_project(tmp_path: Path, german_output: str) -> Path:
    """A tiny project: one English console block and its German translation in a catalogue."""
    (tmp_path / "placetel_tools").mkdir()
    (tmp_path / "doctests").mkdir()
    (tmp_path / "doctests" / "x.rst").write_text(
        ".. simulator: disabled\n\n.. code-block:: console\n\n   $ echo $LANG\n   C.UTF-8\n", encoding="utf-8"
    )
    catalogue = Catalog(fuzzy=False)
    catalogue.add(
        "$ echo $LANG\nC.UTF-8", f"$ echo $LANG\n{german_output}", locations=[("../../doctests/x.rst", 3)]
    )
    return save(catalogue, tmp_path / "locale" / "de" / "LC_MESSAGES" / "x.po")


def test_a_translated_block_runs_in_the_readers_language(tmp_path):
    _translated_project(tmp_path, "de_DE.UTF-8")
    assert run([], root=tmp_path, language="de") == ([], 1)


def test_a_translated_block_that_shows_other_output_fails_at_its_catalogue_line(tmp_path):
    po_file = _translated_project(tmp_path, "en_US.UTF-8")
    problems, count = run([], root=tmp_path, language="de")
    assert count == 1 and len(problems) == 1
    assert problems[0].startswith(f"{po_file}:") and "output differs from the page" in problems[0]
    assert "-en_US.UTF-8" in problems[0] and "+de_DE.UTF-8" in problems[0]


# --- Sphinx's doctest builder with placetel_tools.examples.doctest_env --------------------------------


@pytest.mark.sphinx("doctest", testroot="doctest-pass", srcdir="doctest-pass")
def test_sphinx_doctests_reach_the_simulator_in_each_situation(app, warning, monkeypatch):
    """The global setup's situation, a group's own (disabled; settings from a JSON file via doctest_config),
    in a page and in snippets it includes; the cleanup stops the simulator (the autouse fixture checks)."""
    monkeypatch.setattr(doctest_env, "DOCTESTS", app.srcdir / "snippets")
    app.build()
    report = (app.outdir / "output.txt").read_text(encoding="utf-8")
    assert app.builder.total_failures == 0, report
    assert app.builder.setup_failures == app.builder.cleanup_failures == 0, report
    passed = (
        "3 items passed all tests:\n   4 tests in blocking\n   5 tests in default\n   4 tests in disabled\n"
    )
    assert passed in report, report
    assert strip_colors(warning.getvalue()) == ""


@pytest.mark.sphinx("doctest", testroot="doctest-fail", srcdir="doctest-fail")
def test_sphinx_doctests_fail_on_a_changed_status_or_error_text_naming_file_and_line(app, status, warning):
    app.build()
    report = (app.outdir / "output.txt").read_text(encoding="utf-8")
    assert (app.builder.total_failures, app.statuscode) == (2, 1), report
    assert re.search(r"Document: good\n-+\n1 items passed all tests", report), report
    bad = report.split("Document: bad\n")[1].split("Document: ")[0]
    assert 'File "bad.rst", line 11, in default\nFailed example:\n' in bad, report
    assert "Expected:\n    (200, 'application/xml; charset=UTF-8')\nGot:\n    (422, " in bad, report
    included = report.split("Document: index\n")[1]  # a snippet is named by its own path
    assert 'File "snippets/error.rst", line 8, in default\nFailed example:\n' in included, report
    assert "      <Error>Something else!</Error>" in included, report
    assert "      <Error>Feature not configured, please contact your admin!</Error>" in included, report
    assert 'File "bad.rst", line 11' in strip_colors(status.getvalue())  # what `make doctest` prints
    assert strip_colors(warning.getvalue()) == ""
