"""placetel_tools.check: every outcome over real HTTP on 127.0.0.1, in English and German; the token
never in full."""

import base64
import http.server
import io
import json
import re
import socket
import ssl
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from placetel_tools import check
from placetel_tools.examples.doctest_env import DEFAULT
from placetel_tools.loopback import LoopbackServer, refused_port
from placetel_tools.simulator import EXAMPLE_TOKEN, Server, make_app

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "kP4vZr8sQ2mXw7LcN9tB"  # the token of the misbehaving servers' addresses
BLOCKING = json.loads((ROOT / "doctests" / "blocking.json").read_text(encoding="utf-8"))
BLOCKED = BLOCKING["inbound"]["block_caller_ids"][0]["caller_id"]


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Loopback requests never go through a proxy a developer's shell may set."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    """The tool speaks English unless a test asks for German (a developer's shell may be German)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


# Lines printed whole, however long: the address, Zammad's answers, the curl commands.
UNWRAPPED = (
    "Sending a test call to ",
    "Testanruf wird gesendet an ",
    "IncomingCall: ",
    "HungUp: ",
    "    ",
    "curl ",
)


def run(*argv):
    """check.main in this process: (exit status, stdout, stderr). Asserts the token stays masked."""
    out, err = io.StringIO(), io.StringIO()
    code = check.main([str(arg) for arg in argv], out=out, err=err)
    printed = out.getvalue() + err.getvalue()
    if "--show-token" not in argv:
        for secret in (TOKEN, EXAMPLE_TOKEN, "Wr0ngT0kenFromAnOldSetup", "pa55-w0rd", "s3cr3t-shared"):
            assert secret not in printed, f"token printed in full:\n{printed}"
    for line in printed.splitlines():  # sentences are wrapped; addresses, answers and commands are not
        # (a word longer than a line, such as a long file name, stands alone on its line)
        assert len(line) <= check.WIDTH or line.startswith(UNWRAPPED) or len(line.split()) == 1, line
    return code, unwrap(out.getvalue()), unwrap(err.getvalue())


def unwrap(text):
    """Join the lines the tool wrapped (continued with two spaces) back into one line each."""
    return re.sub(r"\n  (?! )", " ", text)


def last_lines(text, count):
    return text.rstrip("\n").split("\n")[-count:]


# --- small misbehaving servers --------------------------------------------------------


@contextmanager
def http_server(answer):
    """An HTTP server on 127.0.0.1 answering every POST with answer(path) -> (status, headers, body).

    Yields (address of an endpoint with TOKEN, list of the paths requested)."""
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append(self.path)
            status, headers, body = answer(self.path)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with LoopbackServer(Handler) as server:
        yield f"{server.url}/api/v1/placetel/{TOKEN}", seen


def fixed(status, content_type, body):
    return lambda path: (status, {"Content-Type": content_type} if content_type else {}, body.encode())


@contextmanager
def tcp_server(handle=None):
    """A bare listener on 127.0.0.1; ``handle(connection)`` runs for the first connection in a thread
    (without one, connections wait in the kernel's queue forever). Yields the endpoint address."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def first():
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        with connection:
            handle(connection)

    thread = threading.Thread(target=first, daemon=True) if handle else None
    if thread:
        thread.start()
    try:
        yield f"127.0.0.1:{listener.getsockname()[1]}/api/v1/placetel/{TOKEN}"
    finally:
        if thread:
            thread.join(5)
        listener.close()


# --- against the simulator --------------------------------------------------------------


@pytest.fixture(scope="module")
def simulator():
    """One simulator server for this module (starting and stopping one costs half a second)."""
    with Server(make_app()) as server:
        yield server


@pytest.fixture
def serve(simulator):
    """serve(**situation) -> the module's simulator, switched to make_app(**situation) (an empty caller log)."""

    @contextmanager
    def switch(**situation):
        simulator.app = make_app(**situation)
        yield simulator

    return switch


# --- every way a run can end ---------------------------------------------------------------
# OUTCOMES: name -> (exit status, scenario), run in English and in German below. A scenario
# takes pytest's request (for the fixtures it needs) and is a context manager that yields the
# arguments of one run; each run gets a fresh one.

NOT_ZAMMADS_XML = [
    (200, "text/plain", "OK", "IncomingCall: 200, text/plain, not XML"),
    (200, "", "", "IncomingCall: 200, no content type, not XML"),
    (
        404,
        "application/json",
        '{"error":"No route matches [POST] /api/v1/placetell"}',
        "IncomingCall: 404, application/json, not XML",
    ),
    (200, "application/xml", "<Envelope/>", "<Envelope> instead of <Response>"),
]

BAD_ADDRESSES = [
    (f"http://zammad.example.com/api/v1/placetel/{TOKEN}", "Plain http:// is allowed only for"),
    (f"http://10.0.0.5/api/v1/placetel/{TOKEN}", "Plain http:// is allowed only for"),
    (f"https://zammad.example.com/api/v1/placetell/{TOKEN}", "must end with /api/v1/placetel/ and the token"),
    (f"https://zammad.example.com/{TOKEN}", "must end with /api/v1/placetel/ and the token"),
    ("https://zammad.example.com/api/v1/placetel/", "The token after /api/v1/placetel/ is missing"),
    (f"https://zammad.example.com/api/v1/placetel/{TOKEN}/calls", "with nothing after it"),
    (f"https://zammad.example.com/api/v1/placetel/{TOKEN}?x=1", "without a ? or # part"),
    (f"zammad.example.com/api/v1/placetel/{TOKEN}", "starting with https://"),
    (f"ftp://zammad.example.com/api/v1/placetel/{TOKEN}", "starting with https://"),
    (f"https://zammad.example.com:99999/api/v1/placetel/{TOKEN}", "port"),
    (f"https:///api/v1/placetel/{TOKEN}", "starting with https://"),
    (f"http://[::1/api/v1/placetel/{TOKEN}", "not a valid URL"),
]

BAD_OPTIONS = [
    (["--timeout", "0"], "--timeout must be"),
    (["--timeout", "nan"], "--timeout must be"),
    (["--from", "anonymous caller"], "--from must be a phone number"),
    (["--check-block", "+49 30 609854189"], "--check-block must be a phone number"),
    (["--from", "1", "--check-block", "2"], "Use either --from or --check-block"),
]


@contextmanager
def simulated(request, situation, *options, token=EXAMPLE_TOKEN):
    with request.getfixturevalue("serve")(**situation) as server:
        yield [f"{server.url}/api/v1/placetel/{token}", *options]


def answering(status, content_type, body, *options, headers=None):
    @contextmanager
    def scenario(request):
        def answer(path):
            return (
                status,
                {**({"Content-Type": content_type} if content_type else {}), **(headers or {})},
                body.encode(),
            )

        with http_server(answer) as (url, _):
            yield [url, *options]

    return scenario


@contextmanager
def two_zammads(request):
    zammads = [make_app(config=DEFAULT), make_app(config=DEFAULT)]
    turn = iter(range(10))
    with Server(lambda environ, start_response: zammads[next(turn) % 2](environ, start_response)) as server:
        yield [f"{server.url}/api/v1/placetel/{EXAMPLE_TOKEN}"]


@contextmanager
def never_answering(request):
    with tcp_server() as address:  # accepted in the kernel, never answered
        yield [f"http://{address}", "--timeout", "0.2"]


@contextmanager
def hanging_up(request):
    with tcp_server(lambda connection: connection.recv(65536)) as address:  # reads, then hangs up
        yield [f"http://{address}", "--timeout", "5"]


@contextmanager
def closed_port(request):
    with refused_port() as port:
        yield [f"http://127.0.0.1:{port}/api/v1/placetel/{TOKEN}"]


@contextmanager
def unknown_host(request):
    def no_such_host(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    request.getfixturevalue("monkeypatch").setattr(socket, "getaddrinfo", no_such_host)
    yield [f"https://zammad.invalid/api/v1/placetel/{TOKEN}"]


@contextmanager
def self_signed_server(request):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*request.getfixturevalue("self_signed"))

    def serve_tls(connection):
        try:
            with context.wrap_socket(connection, server_side=True) as tls:
                tls.recv(1)
        except OSError:
            pass

    with tcp_server(serve_tls) as address:
        yield [f"https://{address}", "--timeout", "5"]


@contextmanager
def plain_http_on_https(request):
    with http_server(fixed(200, "application/xml", "<Response/>")) as (url, _):
        yield [url.replace("http://", "https://"), "--timeout", "5"]


@contextmanager
def broken_requests(request):
    def broken(*args, **kwargs):
        raise RuntimeError(f"cannot send to /api/v1/placetel/{TOKEN}")

    request.getfixturevalue("monkeypatch").setattr(check.requests.Session, "post", broken)
    yield [f"https://zammad.example.com/api/v1/placetel/{TOKEN}"]


@contextmanager
def nothing_to_send(request, *argv):
    yield list(argv)


LOGIN_PAGE = "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in</body></html>"
SOME_ADDRESS = f"https://zammad.example.com/api/v1/placetel/{TOKEN}"


def nginx_page(status, reason):
    """The error page nginx writes itself (1.22), for example for 403 Forbidden."""
    return (
        f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )


BASIC_REALM = {"WWW-Authenticate": 'Basic realm="Placetel endpoint"'}
# What a proxy in front of Zammad answers itself (docs/protect-endpoint.rst): status, nginx's reason, headers.
PROXY_ANSWERS = [
    (401, "Authorization Required", BASIC_REALM),
    (403, "Forbidden", {}),
    (405, "Not Allowed", {}),
    (413, "Request Entity Too Large", {}),
    (429, "Too Many Requests", {}),
    (503, "Service Temporarily Unavailable", {}),
]
WITH_LOGIN = f"https://placetel:pa55-w0rd@zammad.example.com/api/v1/placetel/{TOKEN}"


@contextmanager
def logged_in(request, *options):
    """The simulator behind an address with a user name and password (a proxy would check them)."""
    with request.getfixturevalue("serve")(config=DEFAULT) as server:
        host = server.url.removeprefix("http://")
        yield [f"http://placetel:pa55-w0rd@{host}/api/v1/placetel/{EXAMPLE_TOKEN}", *options]


OUTCOMES = {
    "works": (0, lambda r: simulated(r, dict(config=DEFAULT))),
    "works, --from a blocked number": (0, lambda r: simulated(r, dict(config=BLOCKING), "--from", BLOCKED)),
    "--check-block, blocked": (0, lambda r: simulated(r, dict(config=BLOCKING), "--check-block", BLOCKED)),
    "--check-block, not blocked": (
        0,
        lambda r: simulated(r, dict(config=BLOCKING), "--check-block", "+49301"),
    ),
    "switched off": (1, lambda r: simulated(r, dict(config=DEFAULT, enabled=False))),
    "configuration emptied": (1, lambda r: simulated(r, dict(config={}))),
    "wrong token": (1, lambda r: simulated(r, dict(config=DEFAULT), token="Wr0ngT0kenFromAnOldSetup")),
    "lost call": (1, two_zammads),
    "login page": (1, answering(200, "text/html; charset=utf-8", LOGIN_PAGE)),
    "HTML page without a title": (1, answering(200, "text/plain", "<html><body>Hello</body></html>")),
    "redirect": (1, answering(302, "text/plain", "Found", headers={"Location": "/login"})),
    "redirect without a Location": (1, answering(307, "text/plain", "")),
    "server error": (1, answering(500, "", "")),
    **{
        f"{status} {content_type or 'without content type'} {body[:10]}": (
            1,
            answering(status, content_type, body),
        )
        for status, content_type, body, _ in NOT_ZAMMADS_XML
    },
    "unknown Zammad error": (
        1,
        answering(422, "application/xml", "<Response><Error>Something new</Error></Response>"),
    ),
    "XML with an unexpected status": (1, answering(403, "application/xml", "<Response/>")),
    "timeout": (3, never_answering),
    "connection refused": (3, closed_port),
    "DNS": (3, unknown_host),
    "TLS certificate": (3, self_signed_server),
    "TLS version": (3, plain_http_on_https),
    "connection closed": (3, hanging_up),
    "any other failure": (3, broken_requests),
    **{
        f"proxy {status} {reason}": (
            1,
            answering(status, "text/html", nginx_page(status, reason), headers=headers),
        )
        for status, reason, headers in PROXY_ANSWERS
    },
    "proxy 403, signed": (
        1,
        answering(
            403,
            "text/plain",
            "Forbidden: X-PLACETEL-SIGNATURE does not match the body",
            "--secret",
            "not-the-secret",
        ),
    ),
    "works, signed, with a login": (0, lambda r: logged_in(r, "--secret", "s3cr3t-shared")),
    "dry run, signed, with a login": (
        0,
        lambda r: nothing_to_send(r, WITH_LOGIN, "--dry-run", "--secret", "s3cr3t-shared"),
    ),
    "bad options --secret empty": (2, lambda r: nothing_to_send(r, SOME_ADDRESS, "--secret", "")),
    "dry run": (0, lambda r: nothing_to_send(r, SOME_ADDRESS, "--dry-run")),
    "dry run, --check-block": (
        0,
        lambda r: nothing_to_send(r, SOME_ADDRESS, "--dry-run", "--check-block", BLOCKED),
    ),
    **{f"bad address {url}": (2, lambda r, url=url: nothing_to_send(r, url)) for url, _ in BAD_ADDRESSES},
    **{
        f"bad options {' '.join(options)}": (
            2,
            lambda r, options=options: nothing_to_send(r, SOME_ADDRESS, *options),
        )
        for options, _ in BAD_OPTIONS
    },
}


# --- against the simulator: each outcome in English ------------------------------------------


def test_works_and_leaves_one_missed_call_in_the_caller_log(serve):
    with serve(config=DEFAULT) as server:
        code, out, err = run(server.endpoint)
        calls = server.app.calls
    assert code == 0 and err == ""
    masked = server.url + "/api/v1/placetel/****************Yc5N"
    assert out.splitlines() == [
        f"Sending a test call to {masked}",
        "Agents will see it in Zammad's caller log: one missed call from 490000000000 to 490000000001.",
        "IncomingCall: 200, <Response/>",
        "HungUp: 200, <Response/>",
        "The endpoint works: Zammad accepted both events of the test call.",
        "If agents do not see the test call, see Troubleshooting › The caller log stays empty "
        "(trouble-empty-caller-log).",
    ]
    assert [(c["state"], c["from"], c["comment"]) for c in calls] == [
        ("newCall", check.DEFAULT_FROM, ""),
        ("hangup", check.DEFAULT_FROM, "cancel"),
    ]
    assert calls[0]["call_id"] == calls[1]["call_id"]
    assert re.fullmatch(r"[0-9a-f]{64}", calls[0]["call_id"])
    assert calls[0]["call_id"] not in out  # nothing random is printed


def test_each_run_uses_a_fresh_call_id_and_the_given_from(serve):
    with serve(config=DEFAULT) as server:
        code, out, _ = run(server.endpoint, "--from", "4930600000000")
        assert code == 0 and run(server.endpoint)[0] == 0
        calls = server.app.calls
    assert len({c["call_id"] for c in calls}) == 2
    assert calls[0]["from"] == "4930600000000" and calls[2]["from"] == check.DEFAULT_FROM
    # a number of the reader's choice: how the call ends is said after Zammad answered
    assert (
        out.index("how it ends depends on Zammad's answer")
        < out.index("IncomingCall: ")
        < out.index("Agents see the test call in Zammad's caller log as one missed call.")
    )


@pytest.mark.parametrize(
    "situation, label, problem",
    [
        (dict(config=DEFAULT, enabled=False), "trouble-disabled", "switched off"),
        (dict(config={}), "trouble-not-configured", "empty or lacks its inbound or outbound part"),
    ],
)
def test_switched_off_or_configuration_emptied(situation, label, problem, serve):
    with serve(**situation) as server:
        code, out, _ = run(server.endpoint)
    assert code == 1
    assert "IncomingCall: 422, <Response><Error>" in out
    assert "HungUp" not in out  # stops at the first problem
    assert problem in out and out.rstrip().endswith(f"({label}).")


def test_wrong_token(serve):
    with serve(config=DEFAULT) as server:
        code, out, _ = run(server.url + "/api/v1/placetel/Wr0ngT0kenFromAnOldSetup")
        assert server.app.calls == []
    assert code == 1
    assert "/api/v1/placetel/********************etup" in out
    assert (
        "IncomingCall: 401, <Response><Error>Invalid token, please contact your admin!</Error></Response>"
        in out
    )
    assert last_lines(out, 3) == [
        "Problem: the token at the end of the address is not the one this Zammad expects.",
        "Fix: copy the whole address from the field Endpoint on Zammad's Placetel page, "
        "and paste it into Placetel's field URL of your API endpoint.",
        "See Troubleshooting › 401 Invalid token (trouble-invalid-token).",
    ]


def test_lost_call_when_hungup_reaches_another_zammad(request):
    """Two Zammads behind one address: the HungUp lands where the IncomingCall never arrived, and that
    Zammad answers with its error page (the HungUp carries a direction, as Placetel's does)."""
    with two_zammads(request) as argv:
        code, out, _ = run(*argv)
    assert code == 1
    assert "IncomingCall: 200, <Response/>" in out
    assert "HungUp: 500, text/html; charset=utf-8" in out
    assert "it accepted the IncomingCall, but has no entry" in out
    assert "reaches the same Zammad" in out
    assert out.rstrip().endswith("(trouble-server-error).")


def test_check_block_for_a_blocked_number_exits_0(serve):
    with serve(config=BLOCKING) as server:
        code, out, _ = run(server.endpoint, "--check-block", BLOCKED)
        calls = server.app.calls
    assert code == 0
    masked = server.url + "/api/v1/placetel/****************Yc5N"
    assert out.splitlines() == [
        f"Checking whether Zammad would reject a call from {BLOCKED}.",
        f"Sending a test call to {masked}",
        f"The test call comes from {BLOCKED} and goes to 490000000001; how it ends depends on Zammad's answer.",
        'IncomingCall: 200, <Response><Reject reason="busy"/></Response>',
        "HungUp: 200, <Response/>",
        f"Zammad would reject a call from {BLOCKED}: it is on the list of blocked caller IDs.",
        "Agents see the test call in Zammad's caller log as one blocked call.",
        "Placetel follows a rejection only for numbers routed to the External API; confirm with a real call.",
        'See Troubleshooting › 200 with <Reject reason="busy"/>, but the call still rings '
        "(trouble-blocked-still-rings).",
    ]
    # Placetel ends a call Zammad rejected as "blocked"
    assert [(c["from"], c["comment"]) for c in calls] == [(BLOCKED, "reject, busy"), (BLOCKED, "blocked")]


def test_check_block_for_a_number_not_on_the_list_exits_0(serve):
    with serve(config=BLOCKING) as server:
        code, out, _ = run(server.endpoint, "--check-block", "+" + BLOCKED)
        calls = server.app.calls
    assert code == 0
    assert "IncomingCall: 200, <Response/>" in out
    assert f"Zammad would put a call from +{BLOCKED} through" in out
    assert f"Zammad would reject a call from +{BLOCKED}:" not in out
    assert "Agents see the test call in Zammad's caller log as one missed call." in out
    assert "as one blocked call" not in out
    assert out.rstrip().endswith("(trouble-not-blocked).")
    # the call went through and nobody answered: Placetel ends it as "missed", Zammad logs "cancel"
    assert [c["comment"] for c in calls] == ["", "cancel"]


def test_check_block_claims_nothing_before_zammad_answers(serve):
    """What agents see depends on Zammad's answer: nothing before it may say blocked or missed."""
    with serve(config=BLOCKING) as server:
        for number in (BLOCKED, "4930600000000"):
            code, out, _ = run(server.endpoint, "--check-block", number)
            before = out.split("IncomingCall: ")[0]
            assert code == 0 and "IncomingCall: " in out
            assert "blocked" not in before and "missed" not in before, before


def test_check_block_still_reports_a_broken_endpoint(serve):
    with serve(config=BLOCKING, enabled=False) as server:
        code, out, _ = run(server.endpoint, "--check-block", BLOCKED)
    assert code == 1 and "(trouble-disabled)." in out and "would" not in out.split("\n", 2)[2]


def test_a_blocked_from_number_still_counts_as_working(serve):
    with serve(config=BLOCKING) as server:
        code, out, _ = run(server.endpoint, "--from", BLOCKED)
        calls = server.app.calls
    assert code == 0
    assert f"Zammad rejected the call because {BLOCKED} is on the list of blocked caller IDs" in out
    assert "Agents see the test call in Zammad's caller log as one blocked call." in out
    assert "missed" not in out  # the number is the reader's: nothing was promised before Zammad answered
    assert [c["comment"] for c in calls] == ["reject, busy", "blocked"]


def test_show_token_prints_it(serve):
    with serve(config=DEFAULT) as server:
        code, out, _ = run(server.endpoint, "--show-token")
    assert code == 0 and f"Sending a test call to {server.endpoint}\n" in out


def test_command_line_entry_exit_status(serve):
    with serve(config=DEFAULT) as server:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "placetel_tools",
                "check",
                server.url + "/api/v1/placetel/Wr0ngT0kenFromAnOldSetup",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            env={"PATH": "/usr/bin:/bin", "NO_PROXY": "127.0.0.1"},
        )
    assert proc.returncode == 1, proc.stderr
    assert "(trouble-invalid-token)" in proc.stdout
    assert "Wr0ngT0kenFromAnOldSetup" not in proc.stdout + proc.stderr


# --- against servers that are not Zammad's endpoint ---------------------------------


def test_html_page_such_as_a_login_page():
    with http_server(fixed(200, "text/html; charset=utf-8", LOGIN_PAGE)) as (url, seen):
        code, out, _ = run(url)
    assert code == 1 and len(seen) == 1
    assert 'IncomingCall: 200, an HTML page titled "Sign in"' in out
    assert "login page" in out and out.rstrip().endswith("(trouble-wrong-url).")


def test_redirect_is_named_and_not_followed():
    def answer(path):  # back to the same server, the token in the new address
        return 302, {"Location": f"/login?return_to={path}", "Content-Type": "text/plain"}, b"Found"

    with http_server(answer) as (url, seen):
        code, out, _ = run(url)
    assert code == 1
    assert seen == [f"/api/v1/placetel/{TOKEN}"]  # not followed
    assert "IncomingCall: 302, a redirect to /login?return_to=/api/v1/placetel/" + check.mask(TOKEN) in out
    assert "does not follow redirects" in out and out.rstrip().endswith("(trouble-wrong-url).")


def test_server_error():
    with http_server(fixed(500, "text/html", "<html><title>Internal Server Error</title></html>")) as (
        url,
        _,
    ):
        code, out, _ = run(url)
    assert code == 1
    assert "IncomingCall: 500, text/html" in out and "failed with status 500" in out
    assert out.rstrip().endswith("See Troubleshooting › 5xx or a timeout (trouble-server-error).")


@pytest.mark.parametrize("status, content_type, body, expected", NOT_ZAMMADS_XML)
def test_answers_that_are_not_zammads_xml(status, content_type, body, expected):
    with http_server(fixed(status, content_type, body)) as (url, _):
        code, out, _ = run(url)
    assert code == 1 and expected in out
    assert out.rstrip().endswith("(trouble-wrong-url).")


def test_unknown_zammad_error_points_to_the_list_of_answers():
    body = '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Error>Something new</Error>\n</Response>\n'
    with http_server(fixed(422, "application/xml; charset=UTF-8", body)) as (url, _):
        code, out, _ = run(url)
    assert code == 1 and "IncomingCall: 422, <Response><Error>Something new</Error></Response>" in out
    assert out.rstrip().endswith("(endpoint-responses).")


# --- network failures ----------------------------------------------------------------


def test_never_answering_times_out(request):
    with never_answering(request) as argv:
        start = time.monotonic()
        code, out, _ = run(*argv)
        elapsed = time.monotonic() - start
    assert code == 3 and elapsed < 2  # honours --timeout (the default is 10 s)
    assert "Network failure (timeout): no answer from 127.0.0.1 within 0.2 seconds." in out
    assert out.rstrip().endswith("(trouble-server-error).")


def test_closed_port_is_connection_refused(request):
    with closed_port(request) as argv:
        code, out, _ = run(*argv)
    port = urlsplit(argv[0]).port
    assert code == 3
    assert (
        f"Network failure (connection refused): nothing accepts connections on 127.0.0.1 port {port}." in out
    )
    assert out.rstrip().endswith("(trouble-no-requests).")


def test_unknown_host_is_dns(monkeypatch):
    asked = []

    def no_such_host(host, *args, **kwargs):
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    code, out, _ = run(f"https://zammad.invalid/api/v1/placetel/{TOKEN}")
    assert asked and asked[0] == "zammad.invalid"
    assert code == 3
    assert "Network failure (DNS): the host name zammad.invalid could not be resolved." in out
    assert out.rstrip().endswith("(trouble-no-requests).")


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            folder / "key.pem",
            "-out",
            folder / "cert.pem",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return folder / "cert.pem", folder / "key.pem"


def test_self_signed_certificate_is_tls(self_signed):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed)
    handshakes = []

    def serve_tls(connection):  # a real TLS server: the client must refuse its certificate
        try:
            with context.wrap_socket(connection, server_side=True) as tls:
                handshakes.append("done")
                tls.recv(1)
        except OSError as error:
            handshakes.append(type(error).__name__)

    with tcp_server(serve_tls) as address:
        code, out, _ = run(f"https://{address}", "--timeout", "5")
    assert handshakes and handshakes != ["done"]  # the handshake started and failed
    assert code == 3
    assert (
        "Network failure (TLS): the HTTPS connection to 127.0.0.1 failed: "
        "its certificate could not be verified (self-signed certificate)." in out
    )
    assert out.rstrip().endswith("(trouble-no-requests).")


def test_plain_http_on_an_https_address_is_tls(request):
    with plain_http_on_https(request) as argv:
        code, out, _ = run(*argv)
    assert code == 3
    assert "Network failure (TLS): the HTTPS connection to 127.0.0.1 port" in out
    assert "(wrong version number)" in out and out.rstrip().endswith("(trouble-no-requests).")


def test_closing_without_an_answer_is_a_connection_failure(request):
    with hanging_up(request) as argv:
        code, out, _ = run(*argv)
    assert code == 3
    assert (
        "Network failure (connection failed): the connection to 127.0.0.1 failed (the server "
        "closed the connection) before an answer came." in out
    )


def test_any_other_failure_is_told_without_a_traceback_or_the_token(request):
    with broken_requests(request) as argv:
        code, out, _ = run(*argv)
    assert code == 3
    assert "RuntimeError: cannot send to /api/v1/placetel/" + check.mask(TOKEN) in out


# --- input checks (nothing is sent) --------------------------------------------------------


@pytest.mark.parametrize("url, says", BAD_ADDRESSES)
def test_bad_addresses_exit_2_with_one_sentence(url, says):
    code, out, err = run(url)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and says in err


@pytest.mark.parametrize("options, says", BAD_OPTIONS)
def test_bad_options_exit_2_and_send_nothing(options, says):
    with http_server(fixed(200, "application/xml", "<Response/>")) as (url, seen):
        code, _, err = run(url, *options)
    assert code == 2 and says in err and seen == []


def test_loopback_hosts_may_use_http():
    for host in ("127.0.0.1", "127.8.9.10", "[::1]", "localhost", "LOCALHOST"):
        assert check.parse_endpoint(f"http://{host}:8000/api/v1/placetel/{TOKEN}") == TOKEN


def test_usage_errors_and_help():
    assert run()[0] == 2
    assert run("--help")[0] == 0


def test_mask_keeps_only_the_last_four():
    assert check.mask(EXAMPLE_TOKEN) == "****************Yc5N"
    assert check.mask("abcdef") == "***def"  # short tokens: at most half shown


# --- dry run ------------------------------------------------------------------------


def test_dry_run_sends_nothing_and_masks_the_token():
    with http_server(fixed(200, "application/xml", "<Response/>")) as (url, seen):
        code, out, _ = run(url, "--dry-run", "--timeout", "7")
    assert code == 0 and seen == []
    assert out.count("curl --silent --show-error --max-time 7") == 2
    assert f"'{url[: -len(TOKEN)]}" + check.mask(TOKEN) + "'" in out
    assert "--show-token" in out


def shell_script(out):
    """The commands of a dry run's output: from the call_id line to the last continued curl line."""
    lines = out.splitlines()
    start = lines.index("call_id=$(openssl rand -hex 32)")
    end = max(i for i, line in enumerate(lines) if line.startswith("    "))
    return "\n".join(lines[start : end + 1]) + "\n"


def run_dry_run(printed):
    """Run the curl commands a --dry-run printed, as a reader pastes them, with only loopback reachable."""
    return subprocess.run(
        ["bash", "-c", shell_script(printed)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "NO_PROXY": "127.0.0.1"},
    )


def test_dry_run_commands_run_as_printed(tmp_path, serve):
    """With --show-token the printed commands are a working shell script (curl against the simulator)."""
    with serve(config=BLOCKING) as server:
        code, out, _ = run(server.endpoint, "--dry-run", "--show-token")
        proc = run_dry_run(out)
        calls = server.app.calls
    assert code == 0 and proc.returncode == 0, proc.stderr
    assert proc.stdout.count("200 application/xml; charset=UTF-8") == 2
    assert [(c["state"], c["comment"]) for c in calls] == [("newCall", ""), ("hangup", "cancel")]
    assert out.rstrip().endswith(
        f"Running them adds one missed call from {check.DEFAULT_FROM} to Zammad's caller log."
    )
    assert calls[0]["call_id"] == calls[1]["call_id"] and re.fullmatch(r"[0-9a-f]{64}", calls[0]["call_id"])


def test_dry_run_of_check_block_says_the_end_depends_on_the_answer(serve):
    """The dry run cannot know Zammad's answer: it sends "missed" and says when Placetel sends "blocked"."""
    with serve(config=BLOCKING) as server:
        code, out, _ = run(server.endpoint, "--dry-run", "--show-token", "--check-block", BLOCKED)
        proc = run_dry_run(out)
        calls = server.app.calls
    assert code == 0 and proc.returncode == 0, proc.stderr
    assert "--data-urlencode 'type=missed'" in out and "'type=blocked'" not in out
    assert f"Running them adds one call from {BLOCKED} to Zammad's caller log." in out
    assert (
        'if Zammad answers the first with <Reject reason="busy"/>, send the second with type=blocked instead'
        in out
    )
    assert [c["comment"] for c in calls] == [
        "reject, busy",
        "cancel",
    ]  # as printed: a rejected call, ended missed


# --- in German -------------------------------------------------------------------------------

# German the reader may see; option names, event names and Zammad's answers stay as they are.
SAME_IN_BOTH_LANGUAGES = ("IncomingCall: ", "HungUp: ", "curl ", "    ", "call_id=", "body=")


def without_options(text):
    return " ".join(re.sub(r"--[a-z-]+", " ", text).split())


def english_in(text):
    """The English parts of the tool's messages (those their German text does not keep) found in text."""
    text = without_options(text)
    found = []
    for message, german in sorted(check.TRANSLATIONS["de"].items()):
        for part in re.split(r"\{\w+\}", message):
            part = without_options(part)
            if re.search(r"[A-Za-z]{3,}", part) and part not in german and part in text:
                found.append(part)
    return found


def section_labels(text):
    return re.findall(r"\(((?:trouble|setting|endpoint)-[a-z-]+)\)", text)


def german(how, monkeypatch):
    """Ask for German the way ``how`` says; return the options to add."""
    if how == "--lang de":
        return ["--lang", "de"]
    monkeypatch.setenv("LANG", how.split("=", 1)[1])
    return []


@pytest.mark.parametrize("how", ["LANG=de_DE.UTF-8", "--lang de"])
@pytest.mark.parametrize("name", list(OUTCOMES))
def test_every_outcome_in_german(name, how, request, monkeypatch):
    status, scenario = OUTCOMES[name]
    with scenario(request) as argv:
        english_code, out, err = run(*argv)
    english = out + err
    options = german(how, monkeypatch)
    with scenario(request) as argv:
        german_code, out, err = run(*argv, *options)  # run() also proves the token stays masked
    deutsch = out + err
    assert english_code == status and german_code == status, (english, deutsch)
    assert deutsch.strip(), "nothing printed in German"
    assert english_in(deutsch) == [], f"English in the German output:\n{deutsch}"
    untranslated = [
        line
        for line in deutsch.splitlines()
        if line in english.splitlines() and not line.startswith(SAME_IN_BOTH_LANGUAGES)
    ]
    assert untranslated == [], f"lines printed the same in English and German:\n{deutsch}"
    assert section_labels(deutsch) == section_labels(english)  # the same sections, named in German


def test_works_in_german(serve, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with serve(config=DEFAULT) as server:
        code, out, err = run(server.endpoint)
    assert code == 0 and err == ""
    masked = server.url + "/api/v1/placetel/****************Yc5N"
    assert out.splitlines() == [
        f"Testanruf wird gesendet an {masked}",
        "Die Agenten sehen den Testanruf im Anrufprotokoll von Zammad als verpassten Anruf von 490000000000 "
        "an 490000000001.",
        "IncomingCall: 200, <Response/>",
        "HungUp: 200, <Response/>",
        "Der Endpunkt funktioniert: Zammad hat beide Ereignisse des Testanrufs angenommen.",
        "Sehen die Agenten den Testanruf nicht, siehe Fehlerbehebung › Das Anrufprotokoll bleibt leer "
        "(trouble-empty-caller-log).",
    ]


def test_check_block_in_german(serve, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with serve(config=BLOCKING) as server:
        code, out, _ = run(server.endpoint, "--check-block", BLOCKED)
        calls = server.app.calls
    assert code == 0
    assert out.splitlines()[3:] == [
        'IncomingCall: 200, <Response><Reject reason="busy"/></Response>',
        "HungUp: 200, <Response/>",
        f"Zammad würde einen Anruf von {BLOCKED} abweisen: Die Nummer steht auf der Liste der blockierten "
        "Caller-IDs.",
        "Die Agenten sehen den Testanruf im Anrufprotokoll von Zammad als blockierten Anruf.",
        "Placetel befolgt eine Abweisung nur bei Nummern, die auf External API geroutet sind; bestätigen Sie "
        "das Ergebnis mit einem echten Anruf.",
        'Siehe Fehlerbehebung › 200 mit <Reject reason="busy"/>, aber der Anruf klingelt trotzdem '
        "(trouble-blocked-still-rings).",
    ]
    assert [c["comment"] for c in calls] == ["reject, busy", "blocked"]


def test_the_token_stays_masked_in_german(serve, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with serve(config=DEFAULT) as server:
        code, out, _ = run(server.url + "/api/v1/placetel/Wr0ngT0kenFromAnOldSetup")
    assert code == 1
    assert "Wr0ngT0kenFromAnOldSetup" not in out
    assert f"Testanruf wird gesendet an {server.url}/api/v1/placetel/********************etup\n" in out
    assert "Lösung: Kopieren Sie die vollständige Adresse aus dem Feld Endpunkt" in out


@pytest.mark.parametrize(
    "environment, options, expected",
    [
        ({}, [], "en"),
        ({"LANG": "de_DE.UTF-8"}, [], "de"),
        ({"LANG": "de_AT"}, [], "de"),
        ({"LANG": "de"}, [], "de"),
        ({"LANG": "en_US.UTF-8"}, [], "en"),
        ({"LANG": "C"}, [], "en"),
        ({"LANG": "POSIX"}, [], "en"),
        ({"LANG": "C.UTF-8"}, [], "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, [], "en"),  # LC_ALL beats LANG
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, [], "de"),
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, [], "en"),
        ({"LC_ALL": "", "LANG": "de_DE.UTF-8"}, [], "de"),  # an empty LC_ALL is skipped
        ({"LC_MESSAGES": "de_DE.UTF-8", "LANG": "en_GB.UTF-8"}, [], "de"),  # LC_MESSAGES beats LANG
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, [], "en"),  # LC_ALL beats LC_MESSAGES
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "de_CH.UTF-8"}, [], "de"),
        ({"LANG": "de_DE.UTF-8"}, ["--lang", "en"], "en"),  # --lang beats the environment
        ({"LC_ALL": "C"}, ["--lang", "de"], "de"),
        ({"LC_ALL": "POSIX"}, ["--lang=de"], "de"),
        ({"LANG": "de_DE.UTF-8"}, ["--la", "en"], "en"),  # an abbreviation argparse accepts
    ],
)
def test_the_locale_or_lang_chooses_the_language(environment, options, expected, monkeypatch):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    code, out, _ = run(SOME_ADDRESS, "--dry-run", *options)
    assert code == 0
    first = {"en": "Dry run: nothing was sent.", "de": "Probelauf: Es wurde nichts gesendet."}
    assert out.startswith(first[expected]), out.splitlines()[0]


def test_an_unknown_lang_is_a_usage_error(capsys):
    code = check.main([SOME_ADDRESS, "--lang", "fr"])
    assert code == 2 and "--lang" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["LANG=de_DE.UTF-8", "--lang de"])
def test_help_in_german(how, monkeypatch, capsys):
    options = german(how, monkeypatch)
    assert check.main([*options, "--help"]) == 0
    shown = capsys.readouterr().out
    flat = " ".join(shown.split())
    for german_text in (
        "Sendet einen Testanruf an den Placetel-Endpunkt",
        "Exit-Status: 0 funktioniert",
        "Argumente:",
        "Optionen:",
        "diese Hilfe anzeigen und beenden",
        "die Adresse aus dem Feld Endpunkt",
        "Standard: 490000000000",
        "Standard: 10)",
        "blockierte Caller-IDs",
        "als curl-Befehle ausgeben",
        "vollständig ausgeben",
        "die Sprache der Ausgabe",
    ):
        assert german_text in flat, shown
    for option in (
        "--from NUMBER",
        "--check-block NUMBER",
        "--timeout SECONDS",
        "--dry-run",
        "--show-token",
        "--lang {en,de}",
        "ENDPOINT_URL",
    ):
        assert option in flat, shown
    assert english_in(shown) == [], shown


def test_help_in_english(capsys):
    assert check.main(["--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "Send one test call to your Zammad's Placetel endpoint" in shown
    assert "positional arguments:" in shown and "options:" in shown and "Optionen" not in shown


# --- the file the pages offer for download ------------------------------------------------


def run_downloaded(tmp_path, *argv, isolated=True, **environment):
    """Run a copy of check.py alone in tmp_path: no PYTHONPATH, the project not importable."""
    downloaded = tmp_path / "check.py"
    downloaded.write_bytes((ROOT / "placetel_tools" / "check.py").read_bytes())
    env = {"PATH": "/usr/bin:/bin", "NO_PROXY": "127.0.0.1", **environment}
    return subprocess.run(
        [sys.executable, *(["-I"] if isolated else []), "check.py", *argv],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
    )


def test_the_downloaded_file_runs_alone(tmp_path, serve):
    """Readers download check.py by itself: it must run outside the project, with only requests."""
    with serve(config=DEFAULT) as server:
        proc = run_downloaded(tmp_path, server.endpoint)
    out = proc.stdout.decode()
    assert proc.returncode == 0, out + proc.stderr.decode()
    assert "The endpoint works" in out and EXAMPLE_TOKEN not in out
    usage = run_downloaded(tmp_path, "--help")
    assert usage.stdout.decode().startswith("usage: check.py "), usage.stdout


def test_the_downloaded_file_runs_alone_in_german(tmp_path, serve):
    with serve(config=DEFAULT) as server:
        works = run_downloaded(tmp_path, server.endpoint, LANG="de_DE.UTF-8")
        wrong = run_downloaded(
            tmp_path, server.url + "/api/v1/placetel/Wr0ngT0kenFromAnOldSetup", LANG="de_DE.UTF-8"
        )
    out, told = unwrap(works.stdout.decode()), unwrap(wrong.stdout.decode())
    assert works.returncode == 0, out + works.stderr.decode()
    assert "Der Endpunkt funktioniert: Zammad hat beide Ereignisse" in out and EXAMPLE_TOKEN not in out
    assert "siehe Fehlerbehebung › Das Anrufprotokoll bleibt leer (trouble-empty-caller-log)." in out
    assert wrong.returncode == 1 and "Wr0ngT0kenFromAnOldSetup" not in told
    assert "Siehe Fehlerbehebung › 401 Invalid token (trouble-invalid-token)." in told
    usage = run_downloaded(tmp_path, "--help", LC_ALL="de_AT.UTF-8").stdout.decode()
    assert usage.startswith("usage: check.py ") and "Sendet einen Testanruf" in usage, usage


def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark(tmp_path, serve):
    """German in a Latin-1 terminal: › cannot be shown there, the check still runs to its verdict."""
    with serve(config=DEFAULT) as server:
        proc = run_downloaded(
            tmp_path, server.endpoint, isolated=False, LANG="de_DE", PYTHONIOENCODING="latin-1"
        )
    out = unwrap(proc.stdout.decode("latin-1"))
    assert proc.returncode == 0, out + proc.stderr.decode("latin-1")
    assert "Der Endpunkt funktioniert" in out and "siehe Fehlerbehebung ? Das Anrufprotokoll" in out


def test_the_default_timeout_is_ten_seconds(monkeypatch, serve):
    sent = []
    real_post = requests.Session.post

    def post(self, url, **kwargs):
        sent.append(kwargs["timeout"])
        return real_post(self, url, **kwargs)

    monkeypatch.setattr(requests.Session, "post", post)
    with serve(config=DEFAULT) as server:
        assert run(server.endpoint)[0] == 0
        code, out, _ = run(server.endpoint, "--dry-run")
    assert sent == [10, 10]
    assert code == 0 and out.count("curl --silent --show-error --max-time 10 ") == 2


def test_the_standalone_tool_and_the_simulator_agree_on_the_path():
    from placetel_tools import simulator  # check.py repeats the prefix: it must run without the package

    assert check.PATH_PREFIX == simulator.PATH_PREFIX


# --- a proxy in front of Zammad (docs/protect-endpoint.rst; tests/test_recipes.py runs the real one) ---

PLACETEL_EXAMPLE_BODY = (
    "call_id=4a4cbb39578170aed9a2761a7bec8c7e704a541f52291ef603d6f5f152980c3c"
    "&event=CallAccepted&from=0123456789&to=0987654321"
)


def test_the_signature_is_placetels_published_example():
    """Placetel's API description: secret 12345 and this body give this X-PLACETEL-SIGNATURE."""
    assert check.signature("12345", PLACETEL_EXAMPLE_BODY) == (
        "c4f823c5b8806432fe2b83b1fc2ee714422e0cdfb4b5129152a7d0bbcd7792d0"
    )
    assert check.signature("12345", PLACETEL_EXAMPLE_BODY.encode()) == check.signature(
        "12345", PLACETEL_EXAMPLE_BODY
    )


def test_secret_signs_the_bytes_it_sends(monkeypatch, serve):
    sent = []
    real_post = requests.Session.post

    def post(self, url, **kwargs):
        sent.append((kwargs["data"], kwargs["headers"]))
        return real_post(self, url, **kwargs)

    monkeypatch.setattr(requests.Session, "post", post)
    with serve(config=DEFAULT) as server:
        code, out, _ = run(server.endpoint, "--secret", "s3cr3t-shared", "--from", "+4930609854189")
        received = server.app.received
    assert code == 0, out
    assert len(sent) == 2 and len(received) == 2
    for (body, headers), request in zip(sent, received, strict=True):
        assert headers["X-PLACETEL-SIGNATURE"] == check.signature("s3cr3t-shared", body)
        assert request.headers["X-Placetel-Signature"] == headers["X-PLACETEL-SIGNATURE"]
        assert headers["Content-Type"] == "application/x-www-form-urlencoded"
        assert b"from=%2B4930609854189" in body  # form-encoded as requests would, then signed
    unsigned = []
    monkeypatch.setattr(
        requests.Session, "post", lambda self, url, **kw: unsigned.append(kw) or real_post(self, url, **kw)
    )
    with serve(config=DEFAULT) as server:
        assert run(server.endpoint)[0] == 0
    assert all("X-PLACETEL-SIGNATURE" not in kw["headers"] for kw in unsigned)


def test_a_login_in_the_address_is_sent_and_masked(request):
    with logged_in(request) as argv:
        code, out, _ = run(*argv)
        received = request.getfixturevalue("simulator").app.received
    assert code == 0 and "pa55-w0rd" not in out
    assert "Sending a test call to http://placetel:********@127.0.0.1:" in out
    assert [r.headers["Authorization"] for r in received] == [
        "Basic " + base64.b64encode(b"placetel:pa55-w0rd").decode()
    ] * 2
    code, out, _ = run(*argv, "--show-token")
    assert code == 0 and "placetel:pa55-w0rd@" in out


def test_a_signed_dry_run_masks_the_login_and_the_secret():
    code, out, _ = run(WITH_LOGIN, "--dry-run", "--secret", "s3cr3t-shared")
    assert code == 0
    assert out.count("openssl dgst -sha256 -hmac '********' -r") == 2
    assert "'https://placetel:********@zammad.example.com/api/v1/placetel/" + check.mask(TOKEN) + "'" in out
    assert out.count('--data-binary "$body"') == 2
    assert 'body="event=IncomingCall&call_id=$call_id&from=490000000000&to=490000000001&direction=in"' in out


def test_signed_dry_run_commands_sign_as_the_tool_does(serve):
    """The printed shell commands compute the same signature as check.signature (openssl, run as printed)."""
    with serve(config=DEFAULT) as server:
        code, out, _ = run(server.endpoint, "--dry-run", "--show-token", "--secret", "s3cr3t-shared")
        proc = run_dry_run(out)
        received = server.app.received
    assert code == 0 and proc.returncode == 0, proc.stderr
    assert proc.stdout.count("200 application/xml; charset=UTF-8") == 2
    call_id = server.app.calls[0]["call_id"]
    body = f"event=IncomingCall&call_id={call_id}&from=490000000000&to=490000000001&direction=in"
    assert received[0].headers["X-Placetel-Signature"] == check.signature("s3cr3t-shared", body)


@pytest.mark.parametrize("status, reason, headers", PROXY_ANSWERS)
def test_a_proxys_own_answer_is_named(status, reason, headers):
    page = nginx_page(status, reason)
    with http_server(lambda path: (status, {"Content-Type": "text/html", **headers}, page.encode())) as (
        url,
        seen,
    ):
        code, out, _ = run(url)
    assert code == 1 and len(seen) == 1
    assert f'IncomingCall: {status}, an HTML page titled "{status} {reason}"' in out
    assert out.rstrip().endswith(
        f"See Troubleshooting › {status} {reason} from the proxy (trouble-proxy-{status})."
    )


def test_a_401_without_www_authenticate_is_no_proxy_login():
    page = nginx_page(401, "Unauthorized")
    with http_server(fixed(401, "text/html", page)) as (url, _):
        code, out, _ = run(url)
    assert code == 1 and out.rstrip().endswith("(trouble-wrong-url).")


def test_the_403_says_whether_the_call_was_signed():
    body = "Forbidden: X-PLACETEL-SIGNATURE is missing"
    with http_server(fixed(403, "text/plain; charset=utf-8", body)) as (url, _):
        unsigned = run(url)[1]
        signed = run(url, "--secret", "s3cr3t-shared")[1]
    assert f"IncomingCall: 403, text/plain; charset=utf-8, {body}" in unsigned
    assert "this test call was not signed" in unsigned and "--secret" in unsigned
    assert "refused the signed request" in signed


def test_secret_is_refused_where_nothing_is_sent():
    code, _, err = run("--recognise", "030 609854189", "--secret", "s3cr3t-shared")
    assert code == 2 and "--secret signs the test call" in err
    code, _, err = run(SOME_ADDRESS, "--secret", "")
    assert code == 2 and "--secret must not be empty" in err
