"""`make lint` answer check: statuses, error texts, path and content type written in prose, on broken copies."""

from test_build import append  # noqa: E402 (tests/ is on sys.path)


def run(tree):
    return tree.module("placetel_tools.lint.answer_check", "docs", "doctests")


def test_the_pages_pass(tree):
    assert run(tree) == (0, "")


def test_each_contradiction_fails_with_file_and_line(tree):
    tree.edit("docs/endpoint.rst", "     - 401\n", "     - 403\n")  # the summary table of responses
    tree.edit("docs/troubleshooting.rst", '422 "Feature not configured, please contact your admin!"',
              '422 "Feature not configured, please contact your administrator!"')
    tree.edit("docs/endpoint.rst", "/api/v1/placetel/<token>", "/api/v2/placetel/<token>")
    tree.edit("docs/endpoint.rst", "``Content-Type: application/xml; charset=UTF-8``",
              "``Content-Type: application/xml; charset=utf8``")
    tree.edit("docs/troubleshooting.rst", '200 with ``<Reject reason="busy"/>``, but the call still rings',
              '200 with ``<Reject reason="rejected"/>``, but the call still rings')
    tree.edit("docs/troubleshooting.rst", '200 with ``<Dial callerId="…">`` on outgoing calls',
              '200 with ``<Dial caller="…">`` on outgoing calls')
    reject = tree.line_of("docs/troubleshooting.rst", 'reason="rejected"')
    dial = tree.line_of("docs/troubleshooting.rst", '<Dial caller="…">')
    table = tree.line_of("docs/endpoint.rst", "``Invalid token, please contact your admin!``")
    heading = tree.line_of("docs/troubleshooting.rst", "Feature not configured, please contact your administrator!")
    path = tree.line_of("docs/endpoint.rst", "/api/v2/placetel/<token>")
    content_type = tree.line_of("docs/endpoint.rst", "charset=utf8")

    status, output = run(tree)

    assert status == 1
    lines = output.splitlines()
    assert (f"docs/endpoint.rst:{table}: status 403 is written before 'Invalid token, please contact "
            f"your admin!', which Zammad sends with 401 — write 401") in lines
    assert (f"docs/troubleshooting.rst:{heading}: the answer is written 'Feature not configured, please "
            f"contact your administrator!' — write 'Feature not configured, please contact your admin!' "
            f"exactly, or a shorter start of it") in lines
    assert (f"docs/endpoint.rst:{path}: endpoint path '/api/v2/placetel' — Zammad's path is "
            f"'/api/v1/placetel'") in lines
    assert any(line.startswith(f"docs/endpoint.rst:{content_type}: content type "
                               f"'application/xml; charset=utf8'") for line in lines)
    assert (f"docs/troubleshooting.rst:{reject}: the answer is written '<Reject reason=\"rejected\"/>' — "
            f"write '<Reject reason=\"busy\"/>' exactly") in lines
    assert (f"docs/troubleshooting.rst:{dial}: the answer is written '<Dial caller=\"…\">' — "
            f"write '<Dial callerId=\"…\">' exactly") in lines
    assert len(lines) == 6, output


def test_a_wrong_status_in_running_text_fails(tree):
    line = append(tree, "docs/overview.rst", 'A wrong token gets 422 "Invalid token" back, or\n'
                                             '403: "Invalid token, please contact your admin!".\n')
    status, output = run(tree)
    assert status == 1
    assert output.splitlines() == [
        f"docs/overview.rst:{line}: status 422 is written before 'Invalid token, please contact your "
        "admin!', which Zammad sends with 401 — write 401",
        f"docs/overview.rst:{line + 1}: status 403 is written before 'Invalid token, please contact your "
        "admin!', which Zammad sends with 401 — write 401"]


def test_correct_and_shortened_statements_pass(tree):
    append(tree, "docs/overview.rst",
           'A wrong token gets 401 "Invalid token" back; a fresh installation answers\n'
           '422, "Feature not configured, please contact your admin!". Accepted events get\n'
           "200 with ``<Response/>``, blocked callers ``<Reject reason=\"busy\"/>``, and the\n"
           "caller ID rule ``<Dial callerId=\"41715880339000\">``. Placetel calls\n"
           "``https://zammad.example.com/api/v1/placetel/<token>`` and expects\n"
           "``application/xml``. In 2019 the invalid token case was rare.\n\n"
           'If Placetel lists a 404 instead of "Feature is disabled", the URL is wrong. A 404\n'
           "here is not an invalid token. Placetel retries up to 10 times, 100 ms apart; when\n"
           "Zammad answers ``<Response/>`` it stops. Dial 0800 123 456, \"Invalid token\" means\n"
           'the address is wrong. "Feature not configured." and "Invalid token, please …" are\n'
           "short forms. Placetel lists ``<Reject>`` as coming soon, and ``<Dial>`` sets the\n"
           'caller ID. "Invalid direction!" comes with 422, "Feature is disabled" with\n'
           "422.\n")
    assert run(tree) == (0, "")
