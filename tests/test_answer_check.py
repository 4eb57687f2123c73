"""`make lint` answer check (placetel_tools.lint.answer_check): statuses, error texts, XML elements,
endpoint path and content type written in tables and prose must be what the simulator answers.

Each rule is fed small files of its own under tmp_path; the real pages are only read, by the one test that
proves they pass.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from commands import python_module

from placetel_tools.lint import answer_check

ROOT = Path(__file__).resolve().parent.parent


def check(tmp_path: Path, text: str, name: str = "page.rst") -> tuple[Path, list[str]]:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return page, list(answer_check.check_files([page]))


def test_the_real_sources_pass(capsys):
    """What `make lint` runs: pages, snippets and translations of the real site."""
    status = answer_check.main([str(ROOT / name) for name in ("docs", "doctests", "locale")])
    assert (status, *capsys.readouterr()) == (0, "", "")


CONTRADICTIONS = """\
Responses
=========

.. list-table::
   :header-rows: 1

   * - Status
     - Answer
   * - 403
     - ``Invalid token, please contact your admin!``

422 "Feature not configured, please contact your administrator!"
----------------------------------------------------------------

Placetel posts to ``https://zammad.example.com/api/v2/placetel/<token>`` and reads
``Content-Type: application/xml; charset=utf8``.

* 200 with ``<Reject reason="rejected"/>``, but the call still rings.
* 200 with ``<Dial caller="…">`` on outgoing calls.
"""


def test_each_contradiction_fails_with_file_and_line(tmp_path):
    page, problems = check(tmp_path, CONTRADICTIONS)
    assert problems == [
        f"{page}:10: status 403 is written before 'Invalid token, please contact your admin!', which Zammad "
        "sends with 401 — write 401",
        f"{page}:12: the answer is written 'Feature not configured, please contact your administrator!' — "
        "write 'Feature not configured, please contact your admin!' exactly, or a shorter start of it",
        f"{page}:15: endpoint path '/api/v2/placetel' — Zammad's path is '/api/v1/placetel'",
        f"{page}:16: content type 'application/xml; charset=utf8' — Zammad sends "
        "'application/xml; charset=UTF-8'",
        f"{page}:18: the answer is written '<Reject reason=\"rejected\"/>' — "
        "write '<Reject reason=\"busy\"/>' exactly",
        f"{page}:19: the answer is written '<Dial caller=\"…\">' — write '<Dial callerId=\"…\">' exactly",
    ]


def test_a_wrong_status_in_running_text_fails(tmp_path):
    page, problems = check(
        tmp_path,
        'Tokens\n======\n\nA wrong token gets 422 "Invalid token" back, or\n'
        '403: "Invalid token, please contact your admin!".\n',
    )
    assert problems == [
        f"{page}:4: status 422 is written before 'Invalid token, please contact your admin!', which Zammad "
        "sends with 401 — write 401",
        f"{page}:5: status 403 is written before 'Invalid token, please contact your admin!', which Zammad "
        "sends with 401 — write 401",
    ]


def test_correct_and_shortened_statements_pass(tmp_path):
    _, problems = check(
        tmp_path,
        'A wrong token gets 401 "Invalid token" back; a fresh installation answers\n'
        '422, "Feature not configured, please contact your admin!". Accepted events get\n'
        '200 with ``<Response/>``, blocked callers ``<Reject reason="busy"/>``, and the\n'
        'caller ID rule ``<Dial callerId="41715880339000">``. Placetel calls\n'
        "``https://zammad.example.com/api/v1/placetel/<token>`` and expects\n"
        "``application/xml``. In 2019 the invalid token case was rare.\n\n"
        'If Placetel lists a 404 instead of "Feature is disabled", the URL is wrong. A 404\n'
        "here is not an invalid token. Placetel retries up to 10 times, 100 ms apart; when\n"
        'Zammad answers ``<Response/>`` it stops. Dial 0800 123 456, "Invalid token" means\n'
        'the address is wrong. "Feature not configured." and "Invalid token, please …" are\n'
        "short forms. Placetel lists ``<Reject>`` as coming soon, and ``<Dial>`` sets the\n"
        'caller ID. "Invalid direction!" comes with 422, "Feature is disabled" with\n'
        "422. Zammad sends ``Content-Type: application/xml; charset=UTF-8``.\n",
    )
    assert problems == []


def test_a_translation_states_the_same_answers(tmp_path):
    """Each translated message is checked like a paragraph, German quotes included, at its msgstr line;
    Zammad's answers stay in English."""
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po_file = folder / "setup.po"
    po_file.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#: ../../docs/setup.rst:5\n"
        'msgid "Zammad answers 401 \\"Invalid token, please contact your admin!\\""\n'
        'msgstr "Zammad antwortet 422 „Invalid token, please contact your admin!“"\n\n'
        "#: ../../docs/setup.rst:7\n"
        'msgid "Zammad answers \\"Feature is disabled\\"."\n'
        'msgstr "Zammad antwortet „Feature is disabled, bitte Admin fragen!“."\n',
        encoding="utf-8",
    )
    assert list(answer_check.check_files([tmp_path / "locale"])) == [
        f"{po_file}:6: status 422 is written before 'Invalid token, please contact your admin!', which "
        "Zammad sends with 401 — write 401 (English: docs/setup.rst:5)",
        f"{po_file}:10: the answer is written 'Feature is disabled, bitte Admin fragen!' — write 'Feature is "
        "disabled, please contact your administrator!' exactly, or a shorter start of it "
        "(English: docs/setup.rst:7)",
    ]


def test_the_command_exits_1_on_a_problem_and_2_without_arguments(tmp_path):
    (tmp_path / "page.rst").write_text("It posts to /api/v2/placetel/TOKEN.\n", encoding="utf-8")

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return python_module("placetel_tools.lint.answer_check", *args, cwd=tmp_path)

    broken = command("page.rst")
    assert (broken.returncode, broken.stdout, broken.stderr) == (
        1,
        "page.rst:1: endpoint path '/api/v2/placetel' — Zammad's path is '/api/v1/placetel'\n",
        "",
    )
    usage = command()
    assert (usage.returncode, usage.stdout) == (2, "")
    assert usage.stderr == "usage: python -m placetel_tools.lint.answer_check DIR_OR_FILE ...\n"
