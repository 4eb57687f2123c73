"""placetel_tools.check: every outcome over real HTTP on 127.0.0.1, and the token never shown in full."""

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

import pytest
import requests

from placetel_tools import check
from placetel_tools.doctest_env import DEFAULT
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


def run(*argv):
    """check.main in this process: (exit status, stdout, stderr). Asserts the token stays masked."""
    out, err = io.StringIO(), io.StringIO()
    code = check.main([str(arg) for arg in argv], out=out, err=err)
    printed = out.getvalue() + err.getvalue()
    if "--show-token" not in argv:
        for secret in (TOKEN, EXAMPLE_TOKEN, "Wr0ngT0kenFromAnOldSetup"):
            assert secret not in printed, f"token printed in full:\n{printed}"
    for line in printed.splitlines():  # sentences are wrapped; addresses, answers and commands are not
        assert len(line) <= check.WIDTH or line.startswith(("Sending a test call to ", "IncomingCall: ",
                                                            "HungUp: ", "    ", "curl ")), line
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

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/v1/placetel/{TOKEN}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


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
        ("newCall", check.DEFAULT_FROM, ""), ("hangup", check.DEFAULT_FROM, "cancel")]
    assert calls[0]["call_id"] == calls[1]["call_id"]
    assert re.fullmatch(r"[0-9a-f]{64}", calls[0]["call_id"])
    assert calls[0]["call_id"] not in out  # nothing random is printed


def test_each_run_uses_a_fresh_call_id_and_the_given_from(serve):
    with serve(config=DEFAULT) as server:
        assert run(server.endpoint, "--from", "4930600000000")[0] == 0
        assert run(server.endpoint)[0] == 0
        calls = server.app.calls
    assert len({c["call_id"] for c in calls}) == 2
    assert calls[0]["from"] == "4930600000000" and calls[2]["from"] == check.DEFAULT_FROM


@pytest.mark.parametrize("situation, label, problem", [
    (dict(config=DEFAULT, enabled=False), "trouble-disabled", "switched off"),
    (dict(config={}), "trouble-not-configured", "never saved"),
])
def test_switched_off_or_never_saved(situation, label, problem, serve):
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
    assert "IncomingCall: 401, <Response><Error>Invalid token, please contact your admin!</Error></Response>" in out
    assert last_lines(out, 3) == [
        "Problem: the token at the end of the address is not the one this Zammad expects.",
        "Fix: copy the whole address from the field Endpoint on Zammad's Placetel page, "
        "and paste it into Placetel's field URL of your API endpoint.",
        "See Troubleshooting › 401 Invalid token (trouble-invalid-token).",
    ]


def test_invalid_direction_when_hungup_reaches_another_zammad():
    """Two Zammads behind one address: the HungUp lands where the IncomingCall never arrived."""
    zammads = [make_app(config=DEFAULT), make_app(config=DEFAULT)]
    turn = iter(range(10))

    def balancer(environ, start_response):
        return zammads[next(turn) % 2](environ, start_response)

    with Server(balancer) as server:
        code, out, _ = run(f"{server.url}/api/v1/placetel/{EXAMPLE_TOKEN}")
    assert code == 1
    assert "IncomingCall: 200, <Response/>" in out
    assert "HungUp: 422, <Response><Error>Invalid direction!</Error></Response>" in out
    assert out.rstrip().endswith("(trouble-invalid-direction).")


def test_check_block_for_a_blocked_number_exits_0(serve):
    with serve(config=BLOCKING) as server:
        code, out, _ = run(server.endpoint, "--check-block", BLOCKED)
        calls = server.app.calls
    assert code == 0
    assert 'IncomingCall: 200, <Response><Reject reason="busy"/></Response>' in out
    assert f"Zammad would reject a call from {BLOCKED}: it is on the list of blocked caller IDs." in out
    assert out.rstrip().endswith("(trouble-blocked-still-rings).")
    assert [(c["from"], c["comment"]) for c in calls] == [(BLOCKED, "reject, busy"), (BLOCKED, "blocked")]


def test_check_block_for_a_number_not_on_the_list_exits_0(serve):
    with serve(config=BLOCKING) as server:
        code, out, _ = run(server.endpoint, "--check-block", "+" + BLOCKED)
        calls = server.app.calls
    assert code == 0
    assert "IncomingCall: 200, <Response/>" in out
    assert f"Zammad would put a call from +{BLOCKED} through" in out
    assert f"Zammad would reject a call from +{BLOCKED}:" not in out
    assert out.rstrip().endswith("(trouble-not-blocked).")
    assert [c["comment"] for c in calls] == ["", "blocked"]


def test_check_block_still_reports_a_broken_endpoint(serve):
    with serve(config=BLOCKING, enabled=False) as server:
        code, out, _ = run(server.endpoint, "--check-block", BLOCKED)
    assert code == 1 and "(trouble-disabled)." in out and "would" not in out.split("\n", 2)[2]


def test_a_blocked_from_number_still_counts_as_working(serve):
    with serve(config=BLOCKING) as server:
        code, out, _ = run(server.endpoint, "--from", BLOCKED)
    assert code == 0
    assert f"Zammad rejected the call because {BLOCKED} is on the list of blocked caller IDs" in out


def test_show_token_prints_it(serve):
    with serve(config=DEFAULT) as server:
        code, out, _ = run(server.endpoint, "--show-token")
    assert code == 0 and f"Sending a test call to {server.endpoint}\n" in out


def test_command_line_entry_exit_status(serve):
    with serve(config=DEFAULT) as server:
        proc = subprocess.run([sys.executable, "-m", "placetel_tools", "check",
                               server.url + "/api/v1/placetel/Wr0ngT0kenFromAnOldSetup"],
                              cwd=ROOT, capture_output=True, text=True, timeout=60,
                              env={"PATH": "/usr/bin:/bin", "NO_PROXY": "127.0.0.1"})
    assert proc.returncode == 1, proc.stderr
    assert "(trouble-invalid-token)" in proc.stdout
    assert "Wr0ngT0kenFromAnOldSetup" not in proc.stdout + proc.stderr


# --- against servers that are not Zammad's endpoint ---------------------------------

def test_html_page_such_as_a_login_page():
    page = "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in</body></html>"
    with http_server(fixed(200, "text/html; charset=utf-8", page)) as (url, seen):
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
    with http_server(fixed(500, "text/html", "<html><title>Internal Server Error</title></html>")) as (url, _):
        code, out, _ = run(url)
    assert code == 1
    assert "IncomingCall: 500, text/html" in out and "failed with status 500" in out
    assert out.rstrip().endswith("See Troubleshooting › 5xx or a timeout (trouble-server-error).")


@pytest.mark.parametrize("status, content_type, body, expected", [
    (200, "text/plain", "OK", "IncomingCall: 200, text/plain, not XML"),
    (200, "", "", "IncomingCall: 200, no content type, not XML"),
    (404, "application/json", '{"error":"No route matches [POST] /api/v1/placetell"}',
     "IncomingCall: 404, application/json, not XML"),
    (200, "application/xml", "<Envelope/>", "<Envelope> instead of <Response>"),
])
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

def test_never_answering_times_out():
    with tcp_server() as address:  # accepted in the kernel, never answered
        start = time.monotonic()
        code, out, _ = run(f"http://{address}", "--timeout", "0.5")
        elapsed = time.monotonic() - start
    assert code == 3 and elapsed < 2  # honours --timeout (the default is 10 s)
    assert "Network failure (timeout): no answer from 127.0.0.1 within 0.5 seconds." in out
    assert out.rstrip().endswith("(trouble-server-error).")


def test_closed_port_is_connection_refused():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    code, out, _ = run(f"http://127.0.0.1:{port}/api/v1/placetel/{TOKEN}")
    assert code == 3
    assert f"Network failure (connection refused): nothing accepts connections on 127.0.0.1 port {port}." in out
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
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", folder / "key.pem", "-out", folder / "cert.pem"],
                   check=True, capture_output=True, timeout=60)
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
    assert "Network failure (TLS): the HTTPS connection to 127.0.0.1 failed: " \
           "its certificate could not be verified (self-signed certificate)." in out
    assert out.rstrip().endswith("(trouble-no-requests).")


def test_plain_http_on_an_https_address_is_tls():
    with http_server(fixed(200, "application/xml", "<Response/>")) as (url, _):
        code, out, _ = run(url.replace("http://", "https://"), "--timeout", "5")
    assert code == 3
    assert "Network failure (TLS): the HTTPS connection to 127.0.0.1 port" in out
    assert "(wrong version number)" in out and out.rstrip().endswith("(trouble-no-requests).")


def test_closing_without_an_answer_is_a_connection_failure():
    with tcp_server(lambda connection: connection.recv(65536)) as address:  # reads, then hangs up
        code, out, _ = run(f"http://{address}", "--timeout", "5")
    assert code == 3
    assert "Network failure (connection failed): the connection to 127.0.0.1 failed (the server " \
           "closed the connection) before an answer came." in out


def test_any_other_failure_is_told_without_a_traceback_or_the_token(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError(f"cannot send to /api/v1/placetel/{TOKEN}")

    monkeypatch.setattr(check.requests.Session, "post", broken)
    code, out, _ = run(f"https://zammad.example.com/api/v1/placetel/{TOKEN}")
    assert code == 3
    assert "RuntimeError: cannot send to /api/v1/placetel/" + check.mask(TOKEN) in out


# --- input checks (nothing is sent) --------------------------------------------------------

@pytest.mark.parametrize("url, says", [
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
])
def test_bad_addresses_exit_2_with_one_sentence(url, says):
    code, out, err = run(url)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and says in err


@pytest.mark.parametrize("options, says", [
    (["--timeout", "0"], "--timeout must be"),
    (["--timeout", "nan"], "--timeout must be"),
    (["--from", "anonymous caller"], "--from must be a phone number"),
    (["--check-block", "+49 30 609854189"], "--check-block must be a phone number"),
    (["--from", "1", "--check-block", "2"], "Use either --from or --check-block"),
])
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
    assert f"'{url[:-len(TOKEN)]}" + check.mask(TOKEN) + "'" in out
    assert "--show-token" in out


def test_dry_run_commands_run_as_printed(tmp_path, serve):
    """With --show-token the printed commands are a working shell script (curl against the simulator)."""
    with serve(config=BLOCKING) as server:
        code, out, _ = run(server.endpoint, "--dry-run", "--show-token", "--check-block", BLOCKED)
        lines = out.splitlines()
        script = "\n".join(lines[1:-1]) + "\n"  # between the sentence before and the one after
        proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60,
                              env={"PATH": "/usr/bin:/bin", "NO_PROXY": "127.0.0.1"})
        calls = server.app.calls
    assert code == 0 and proc.returncode == 0, proc.stderr
    assert proc.stdout.count("200 application/xml; charset=UTF-8") == 2
    assert [(c["state"], c["comment"]) for c in calls] == [
        ("newCall", "reject, busy"), ("hangup", "blocked")]
    assert calls[0]["call_id"] == calls[1]["call_id"] and re.fullmatch(r"[0-9a-f]{64}", calls[0]["call_id"])


# --- the documentation sections the messages name ----------------------------------------

def words(text):
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


@pytest.mark.parametrize("label", sorted(check.SECTIONS))
def test_named_sections_exist(label):
    page, section = check.SECTIONS[label]
    for file in sorted((ROOT / "docs").glob("*.rst")):
        lines = file.read_text(encoding="utf-8").splitlines()
        if f".. _{label}:" in lines:
            break
    else:
        pytest.fail(f"no page has the label {label}: update check.SECTIONS or the page")
    at = lines.index(f".. _{label}:")
    heading = next(line for line in lines[at + 1:] if line.strip() and not line.startswith(".. _"))
    title = next(line for i, line in enumerate(lines) if i + 1 < len(lines) and re.fullmatch(r"=+", lines[i + 1]))
    assert title == page, f"{file.name}: the page is called {title!r}, check.py says {page!r}"
    assert words(section) in words(heading), f"{file.name}: heading {heading!r} does not say {section!r}"


# --- the file the pages offer for download ------------------------------------------------

def test_the_downloaded_file_runs_alone(tmp_path, serve):
    """Readers download check.py by itself: it must run outside the project, with only requests."""
    downloaded = tmp_path / "check.py"
    downloaded.write_bytes((ROOT / "placetel_tools" / "check.py").read_bytes())
    env = {"PATH": "/usr/bin:/bin", "NO_PROXY": "127.0.0.1"}  # no PYTHONPATH: the project is not importable
    with serve(config=DEFAULT) as server:
        proc = subprocess.run([sys.executable, "-I", "check.py", server.endpoint], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "The endpoint works" in proc.stdout and EXAMPLE_TOKEN not in proc.stdout
    usage = subprocess.run([sys.executable, "-I", "check.py", "--help"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=60)
    assert usage.stdout.startswith("usage: check.py "), usage.stdout


def test_the_pages_offer_the_tool_for_download(tree):
    status, output = tree.sphinx("html")
    assert status == 0, output
    html = tree / "_build" / "html"
    for page in ("setup.html", "troubleshooting.html"):
        links = re.findall(r'href="(_downloads/[0-9a-f]+/check\.py)"', (html / page).read_text(encoding="utf-8"))
        assert links, f"{page} offers no download of check.py"
        assert (html / links[0]).read_bytes() == (ROOT / "placetel_tools" / "check.py").read_bytes()


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
