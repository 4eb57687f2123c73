"""The runnable examples fail on a page that no longer shows what the endpoint does, and name the file and line.

Console blocks are run by placetel_tools.examples.console, doctest blocks by
Sphinx's doctest builder (with placetel_tools.examples.doctest_env); both are proven
here on broken copies of the tree.
"""

import re
import subprocess
import sys
import textwrap

import pytest

from placetel_tools.examples.console import examples

CURL = """\
   $ curl --silent --show-error \\
       --data-urlencode 'event={event}' \\
       --data-urlencode 'call_id=0b7c2e4f5a3d8e1f6a9b2c4d7e0f1a3b5c8d9e2f4a6b7c0d1e3f5a7b9c2d4e6f' \\
       --data-urlencode 'from=491715000000' \\
       --data-urlencode 'to=4930600000000' \\
       --write-out '%{{http_code}} %{{content_type}}\\n' \\
       https://zammad.example.com/api/v1/placetel/{token}
"""
# Used only when the real pages have no example of a kind (they are written in parallel).
FIXTURE = ".. simulator: enabled\n\n.. code-block:: console\n   :caption: selftest\n\n" + CURL.format(
    event="IncomingCall", token="Sx7uLqkA9pW3rT2vYc5N") + """\
   <?xml version="1.0" encoding="UTF-8"?>
   <Response/>
   200 application/xml; charset=UTF-8
""" + CURL.format(event="IncomingCall", token="wrong") + """\
   <?xml version="1.0" encoding="UTF-8"?>
   <Response>
     <Error>Invalid token, please contact your admin!</Error>
   </Response>
   401 application/xml; charset=UTF-8
"""


def run_examples(tree):
    """Run the copy's console examples the way `make doctest` does; return (exit status, output)."""
    proc = subprocess.run([sys.executable, "-m", "placetel_tools.examples.console"], cwd=tree.path,
                          capture_output=True, text=True, timeout=240)
    return proc.returncode, proc.stdout + proc.stderr


def find(tree, wanted):
    """(file name, line number of the command, line number of the output line) of the first console
    example whose output has a line containing ``wanted``; adds a fixture page if no page has one."""
    for attempt in range(2):
        for path in sorted((tree / "doctests").glob("*.rst")):
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, _, _, expected in examples(path, tree.path):
                for offset, text in enumerate(expected):
                    if wanted in text:
                        # the output follows the command's lines; find it in the file
                        line = next(i for i in range(number, len(lines)) if lines[i].strip() == text.strip())
                        return f"doctests/{path.name}", number, line + 1
        (tree / "doctests" / "zz-selftest.rst").write_text(FIXTURE, encoding="utf-8")
    raise AssertionError(f"no console example shows {wanted!r}")


def edit_line(tree, name, line, old, new):
    path = tree / name
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (name, line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_examples_run_as_shown_after_a_benign_edit(tree):
    name, _, _ = find(tree, "application/xml; charset=UTF-8")
    path = tree / name
    path.write_text(path.read_text(encoding="utf-8") + "\nA new paragraph after the example.\n",
                    encoding="utf-8")
    status, output = run_examples(tree)
    assert status == 0, output
    assert re.fullmatch(r"console examples: \d+ commands in \d+ files ran as shown\n", output)


@pytest.mark.parametrize("wanted, old, new", [
    ("200 application/xml; charset=UTF-8", "200", "201"),  # a status
    ("<Response/>", "<Response/>", "<Response></Response>"),  # a body
    ("Invalid token, please contact your admin!", "please contact your admin", "please contact us"),  # error text
    ("application/xml; charset=UTF-8", "application/xml", "text/xml"),  # the content type
])
def test_a_changed_output_fails_naming_file_and_line(tree, wanted, old, new):
    name, command, line = find(tree, wanted)
    edit_line(tree, name, line, old, new)
    status, output = run_examples(tree)
    assert status == 1
    assert f"{name}:{command}: output differs from the page — fix the page or the simulator" in output
    assert re.search(rf"^    -.*{re.escape(new)}", output, re.M), output  # the diff shows the page's line
    assert output.count("output differs") == 1, output


def test_a_changed_endpoint_path_fails(tree):
    name, command, _ = find(tree, "<Response/>")
    lines = (tree / name).read_text(encoding="utf-8").split("\n")
    url_line = next(i for i in range(command - 1, len(lines)) if "/api/v1/placetel/" in lines[i]) + 1
    edit_line(tree, name, url_line, "/api/v1/placetel/", "/api/v1/placetel/integration/")
    status, output = run_examples(tree)
    assert status == 1
    assert f"{name}:{command}: output differs from the page" in output
    assert "\n    +404 text/plain; charset=utf-8\n" in output, output


def test_the_situation_comment_is_obeyed(tree):
    name, command, _ = find(tree, "200 application/xml; charset=UTF-8")
    text = (tree / name).read_text(encoding="utf-8")
    (tree / name).write_text(re.sub(r"(?m)^\.\. simulator: .*$", ".. simulator: disabled", text)
                             if ".. simulator:" in text else ".. simulator: disabled\n\n" + text,
                             encoding="utf-8")
    status, output = run_examples(tree)
    assert status == 1 and f"{name}:{command}: output differs" in output
    assert "    +  <Error>Feature is disabled, please contact your administrator!</Error>" in output


def test_an_unknown_situation_or_config_file_fails(tree):
    (tree / "doctests" / "zz-selftest.rst").write_text(
        FIXTURE.replace("simulator: enabled", "simulator: switched-on"), encoding="utf-8")
    status, output = run_examples(tree)
    assert status == 1
    assert "doctests/zz-selftest.rst:1: unknown simulator situation 'switched-on'" in output
    (tree / "doctests" / "zz-selftest.rst").write_text(
        FIXTURE.replace("simulator: enabled", "simulator: config=missing.json"), encoding="utf-8")
    status, output = run_examples(tree)
    assert status == 1 and "doctests/zz-selftest.rst:6: cannot use doctests/missing.json" in output


def test_parsing(tmp_path):
    page = tmp_path / "page.rst"
    page.write_text(textwrap.dedent("""\
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
        """), encoding="utf-8")
    assert list(examples(page, tmp_path)) == [
        (5, "enabled", "echo one \\\n    two", ["one two"]),
        (9, "enabled", "printf 'a\\n\\nb\\n'", ["a", "", "b"]),
        (21, "unconfigured", "true", []),
    ]


# --- Sphinx's doctest builder with placetel_tools.examples.doctest_env --------------------------------

DOCTEST_PAGE = """\
:orphan:

Self-test
=========

.. testsetup::

   use_simulator(disabled=True)

.. doctest::

   >>> import requests
   >>> answer = requests.post("https://zammad.example.com/api/v1/placetel/Sx7uLqkA9pW3rT2vYc5N",
   ...                        data={"event": "IncomingCall", "call_id": "c1"}, timeout=10)
   >>> answer.status_code, answer.headers["Content-Type"], answer.url
   (STATUS, 'application/xml; charset=UTF-8', 'https://zammad.example.com/api/v1/placetel/Sx7uLqkA9pW3rT2vYc5N')
   >>> print(answer.text, end="")
   <?xml version="1.0" encoding="UTF-8"?>
   <Response>
     <Error>Feature is disabled, please contact your administrator!</Error>
   </Response>
"""


def test_sphinx_doctest_fails_on_a_changed_status(tree):
    (tree / "docs" / "selftest-good.rst").write_text(DOCTEST_PAGE.replace("STATUS", "422"), encoding="utf-8")
    (tree / "docs" / "selftest-bad.rst").write_text(DOCTEST_PAGE.replace("STATUS", "200"), encoding="utf-8")
    status, output = tree.sphinx("doctest")
    assert status != 0
    assert 'File "selftest-bad.rst", line 13, in default' in output and "Failed example:" in output, output
    assert "selftest-good.rst" not in output
    report = (tree / "_build" / "doctest" / "output.txt").read_text(encoding="utf-8")
    assert re.search(r"Document: selftest-good\n-+\n1 items passed all tests", report), report


def test_sphinx_doctest_fails_on_a_changed_error_text_in_a_page(tree):
    for path in sorted((tree / "doctests").glob("*.rst")):
        text = path.read_text(encoding="utf-8")
        doctest = re.search(r"\.\. doctest::.*?(<Error>(.*?)</Error>)", text, re.S)
        if doctest:
            break
    else:
        raise AssertionError("no doctest in doctests/*.rst shows an <Error>: update the test")
    start, end = doctest.span(2)
    path.write_text(text[:start] + "Something else!" + text[end:], encoding="utf-8")
    status, output = tree.sphinx("doctest")
    assert status != 0
    assert f'File "../doctests/{path.name}", line' in output and "Something else!" in output, output


def test_an_example_naming_a_real_host_fails_without_reaching_it(tree):
    (tree / "doctests" / "zz-offsite.rst").write_text(
        ".. code-block:: console\n\n   $ curl --silent --show-error https://zammad.example.org/\n   ok\n",
        encoding="utf-8")
    status, output = run_examples(tree)
    assert status == 1
    assert "doctests/zz-offsite.rst:3: output differs from the page" in output
    assert "127.0.0.1 port 9" in output, output  # refused by the runner's dead proxy, not sent out


# --- translated console blocks (the check tool's output on the German pages) ---------------------

def _translated_project(tmp_path, german_output):
    """A tiny project: one English console block and its German translation in a catalogue."""
    import polib

    (tmp_path / "placetel_tools").mkdir()
    (tmp_path / "doctests").mkdir()
    (tmp_path / "doctests" / "x.rst").write_text(
        ".. simulator: disabled\n\n.. code-block:: console\n\n   $ echo $LANG\n   C.UTF-8\n", encoding="utf-8")
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="$ echo $LANG\nC.UTF-8", msgstr=f"$ echo $LANG\n{german_output}",
                                   occurrences=[("../../doctests/x.rst", "3")]))
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue.save(str(folder / "x.po"))
    return folder / "x.po"


def test_a_translated_block_runs_in_the_readers_language(tmp_path):
    from placetel_tools.examples.console import run

    _translated_project(tmp_path, "de_DE.UTF-8")
    assert run([], root=tmp_path, language="de") == ([], 1)


def test_a_translated_block_that_shows_other_output_fails_at_its_catalogue_line(tmp_path):
    from placetel_tools.examples.console import run

    po_file = _translated_project(tmp_path, "en_US.UTF-8")
    problems, count = run([], root=tmp_path, language="de")
    assert count == 1 and len(problems) == 1
    assert problems[0].startswith(f"{po_file}:") and "output differs from the page" in problems[0]
    assert "-en_US.UTF-8" in problems[0] and "+de_DE.UTF-8" in problems[0]
