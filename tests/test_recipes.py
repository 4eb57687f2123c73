"""The reverse-proxy recipes of docs/protect-endpoint.rst in a real nginx in front of the simulator:
each promise proven on the recipe as the page includes it, and shown failing on a copy without the
line that keeps it; the check tool against the same nginx."""

import base64
import http.client
import io
import itertools
import math
import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from nginx_proxy import RECIPES, Proxy, nginx_version, recipe, require_nginx, without_line

from placetel_tools import check
from placetel_tools.examples.doctest_env import DEFAULT
from placetel_tools.simulator import EXAMPLE_TOKEN, Server, make_app

TOKEN = EXAMPLE_TOKEN
PATH = f"/api/v1/placetel/{TOKEN}"
USER, PASSWORD = "placetel", "c0rrect-h0rse-battery"
SECRET = "Zs9-shared-secret-4Placetel"
HTTP = "nginx-placetel-http.conf"
PLAIN, BASIC_AUTH, SIGNATURE = (
    "nginx-placetel.conf",
    "nginx-placetel-basic-auth.conf",
    "nginx-placetel-signature.conf",
)
SCRIPT = "placetel-signature.js"

# What the page tells a reader to edit, and nothing else: where the logs and files are, the secret.
EDITS = {
    PLAIN: {"/var/log/nginx/": "@PREFIX@/logs/"},
    BASIC_AUTH: {"/var/log/nginx/": "@PREFIX@/logs/", "/etc/nginx/": "@PREFIX@/etc/"},
    SIGNATURE: {
        "/var/log/nginx/": "@PREFIX@/logs/",
        "/etc/nginx/": "@PREFIX@/etc/",
        "PASTE-THE-SHARED-SECRET-HERE": SECRET,
    },
}

# The rate limit (nginx-placetel-http.conf and the locations): 10 requests a second, a burst of 50.
RATE, BURST = 10, 50
CALLS, EVENTS = 16, 3  # real calls at the same moment, events each: 48 requests, within the burst
FLOOD = 300  # requests as fast as 16 clients can send them

sources = (f"127.0.{n // 200}.{n % 200 + 2}" for n in itertools.count())  # one rate bucket each


def htpasswd():
    """The password file as the page makes it (openssl passwd -apr1), for USER and PASSWORD."""
    proc = subprocess.run(
        ["openssl", "passwd", "-apr1", "-stdin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    return f"{USER}:{proc.stdout.strip()}\n"


class Setup:
    """A running nginx with one recipe (``name``) in front of the module's simulator."""

    def __init__(self, name, location, script, simulator, http=None):
        self.name, self.simulator = name, simulator
        self.login = name in (BASIC_AUTH, SIGNATURE)
        self.signed = name == SIGNATURE
        files = {"placetel.htpasswd": htpasswd(), "placetel-signature.js": script}
        upstream = simulator.url.removeprefix("http://")
        self.proxy = Proxy(http or recipe(HTTP), location, upstream, files)

    def reset(self):
        """An empty caller log and request list (the endpoint switched on and configured)."""
        self.simulator.app = make_app(config=DEFAULT)
        return self.simulator.app

    def send(self, fields=None, method="POST", body=None, login=None, sign=None, source=None, path=PATH):
        """One request through nginx, valid for every layer unless told otherwise: (status, headers, body)."""
        if body is None:
            body = urlencode(fields or incoming())
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        login = self.login if login is None else login
        if login:
            headers["Authorization"] = basic(*(login if isinstance(login, tuple) else (USER, PASSWORD)))
        sign = self.signed if sign is None else sign
        if sign:
            headers[check.SIGNATURE_HEADER] = sign if isinstance(sign, str) else check.signature(SECRET, body)
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.proxy.port, timeout=30, source_address=(source or next(sources), 0)
        )
        try:
            connection.request(method, path, body=body.encode() if method != "GET" else None, headers=headers)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
        finally:
            connection.close()


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


calls = itertools.count()


def incoming(call_id=None):
    return {
        "event": "IncomingCall",
        "call_id": call_id or f"{next(calls):064x}",
        "from": "4930609854189",
        "to": "4930600000000",
    }


def one_call(setup, source):
    """The three events of one answered incoming call, in order: their statuses."""
    call_id = f"{next(calls):064x}"
    events = [
        incoming(call_id),
        {
            "event": "CallAccepted",
            "call_id": call_id,
            "from": "4930609854189",
            "to": "4930600000000",
            "peer": "777042617425@fpbx.de",
        },
        {
            "event": "HungUp",
            "call_id": call_id,
            "from": "4930609854189",
            "to": "4930600000000",
            "type": "accepted",
            "duration": "42",
        },
    ]
    return [setup.send(fields, source=source)[0] for fields in events]


# --- the promises: each returns its problems ("what — what to do"), empty when it is kept ------


def token_out_of_access_log(setup):
    setup.reset()
    before = setup.proxy.access_logs().count("\n")
    answers = [
        setup.send()[0],
        setup.send(method="GET")[0],
        setup.send(path="/api/v1/placetel/Wr0ngT0kenFromAnOldSetup")[0],
    ]
    logged = setup.proxy.access_logs(lines=before + len(answers))  # nginx logs after it answered
    problems = []
    for token in (TOKEN, "Wr0ngT0kenFromAnOldSetup"):
        if token in logged:
            problems.append(
                f"{setup.name}: the access log holds the token {token} — log the endpoint with log_format placetel"
            )
    if logged.count("/api/v1/placetel/[token]") < len(answers):
        problems.append(
            f"{setup.name}: the access log does not show all {len(answers)} requests (answers {answers})"
        )
    return problems


def only_post(setup):
    app = setup.reset()
    answers = {method: setup.send(method=method)[0] for method in ("GET", "PUT", "DELETE", "PATCH")}
    problems = [
        f"{setup.name}: {method} got {status}, not 405" for method, status in answers.items() if status != 405
    ]
    if app.received:
        problems.append(
            f"{setup.name}: {[r.method for r in app.received]} reached Zammad — refuse all but POST"
        )
    if setup.send()[0] != 200:
        problems.append(f"{setup.name}: a POST no longer gets through")
    return problems


def bounded_body(setup):
    app = setup.reset()
    fields = {**incoming(), "padding": "x" * 9000}  # 9 KB: above the 8 KB limit
    status, _, _ = setup.send(fields)
    problems = [] if status == 413 else [f"{setup.name}: a 9 KB body got {status}, not 413"]
    if app.received:
        problems.append(f"{setup.name}: a 9 KB body reached Zammad — set client_max_body_size 8k")
    return problems


def rate_limited(setup):
    """CALLS real calls at once (EVENTS each) never limited; FLOOD requests from one address cut off."""
    app = setup.reset()
    source = next(sources)
    with ThreadPoolExecutor(CALLS) as pool:
        real = [
            status
            for statuses in pool.map(lambda _: one_call(setup, source), range(CALLS))
            for status in statuses
        ]
    problems = []
    if real != [200] * CALLS * EVENTS:
        problems.append(
            f"{setup.name}: {CALLS} calls at once, {real.count(429)} of {len(real)} events limited"
        )
    reached = len(app.received)
    flooder = next(sources)
    start = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        flood = list(pool.map(lambda _: setup.send(source=flooder)[0], range(FLOOD)))
    elapsed = time.monotonic() - start
    passed = flood.count(200)
    allowed = BURST + 1 + math.ceil(RATE * elapsed) + 1  # the bucket, refilled while the flood ran
    if passed > allowed or set(flood) - {200, 429}:
        problems.append(
            f"{setup.name}: a flood of {FLOOD} in {elapsed:.2f} s: {passed} passed (at most {allowed} may), "
            f"answers {sorted(set(flood))} — set limit_req zone=placetel burst={BURST} nodelay"
        )
    if len(app.received) - reached != passed:
        problems.append(
            f"{setup.name}: Zammad got {len(app.received) - reached} of the flood, nginx let {passed} pass"
        )
    setup.figures = dict(
        real=len(real), real_limited=real.count(429), flood=FLOOD, flood_passed=passed, elapsed=elapsed
    )
    return problems


def login_required(setup):
    app = setup.reset()
    problems = []
    for login, what in ((False, "without a login"), (("placetel", "wrong"), "with a wrong password")):
        status, headers, _ = setup.send(login=login)
        if status != 401 or "WWW-Authenticate" not in headers:
            problems.append(
                f"{setup.name}: {what}: {status} {headers.get('WWW-Authenticate')!r}, not 401 with WWW-Authenticate"
            )
    if app.received:
        problems.append(f"{setup.name}: requests without a valid login reached Zammad — set auth_basic")
    status, _, _ = setup.send()
    seen = [r.headers for r in app.received]
    if status != 200 or len(seen) != 1:
        problems.append(f"{setup.name}: with the login: {status}, {len(seen)} requests reached Zammad")
    elif any(name.lower() == "authorization" for name in seen[0]):
        problems.append(
            f'{setup.name}: the Authorization header reached Zammad — proxy_set_header Authorization ""'
        )
    return problems


def signature_required(setup):
    app = setup.reset()
    body = urlencode(incoming())
    problems = []
    for sign, what in (
        (False, "without X-PLACETEL-SIGNATURE"),
        ("0" * 64, "with a wrong signature"),
        (check.signature("not-the-secret", body), "signed with another secret"),
        (check.signature(SECRET, body + "&x=1"), "signed for another body"),
    ):
        status, _, _ = setup.send(body=body, sign=sign)
        if status != 403:
            problems.append(f"{setup.name}: a request {what} got {status}, not 403")
    if app.received:
        problems.append(f"{setup.name}: {len(app.received)} unsigned or badly signed requests reached Zammad")
    status, _, _ = setup.send(body=body)
    if status != 200 or len(app.received) != 1:
        problems.append(f"{setup.name}: a request Placetel signed got {status}")
    return problems


PROMISES = {
    PLAIN: [token_out_of_access_log, only_post, bounded_body, rate_limited],
    BASIC_AUTH: [token_out_of_access_log, only_post, bounded_body, rate_limited, login_required],
    SIGNATURE: [
        token_out_of_access_log,
        only_post,
        bounded_body,
        rate_limited,
        login_required,
        signature_required,
    ],
}


@pytest.fixture(scope="module")
def simulator():
    require_nginx()
    with Server(make_app(config=DEFAULT)) as server:
        yield server


def location(name, edits=None):
    return recipe(name, **{**EDITS[name], **(edits or {})})


@pytest.fixture(scope="module")
def setups(simulator):
    """One nginx per recipe, exactly as the page shows it (only the lines the page says to edit)."""
    started = {}
    try:
        for name in PROMISES:
            setup = Setup(name, location(name), recipe(SCRIPT), simulator)
            setup.proxy.start()
            started[name] = setup
        yield started
    finally:
        for setup in started.values():
            setup.proxy.__exit__(None, None, None)


@pytest.mark.parametrize(
    "name, promise",
    [(n, p) for n, ps in PROMISES.items() for p in ps],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_the_recipe_keeps_its_promise(name, promise, setups):
    assert promise(setups[name]) == []


# Each promise fails on a copy of the recipe without the line that keeps it.
BROKEN = [
    (PLAIN, "access_log", 1, token_out_of_access_log),
    (PLAIN, "return 405;", 1, only_post),
    (PLAIN, "client_max_body_size 8k;", 1, bounded_body),
    (PLAIN, "limit_req zone=placetel", 1, rate_limited),
    (BASIC_AUTH, 'auth_basic "', 1, login_required),
    (BASIC_AUTH, 'proxy_set_header Authorization ""', 1, login_required),
    (SIGNATURE, "access_log", 1, token_out_of_access_log),
    (SIGNATURE, "access_log", 2, token_out_of_access_log),
    (SIGNATURE, 'proxy_set_header Authorization ""', 1, login_required),
    (SIGNATURE, "js_content placetel.verify;", 1, signature_required),
    (SCRIPT, "return refuse(r, found);", 1, signature_required),
]


def nth_without(text, part, occurrence, name):
    """``text`` without the ``occurrence``-th line that contains ``part``."""
    lines = text.splitlines(True)
    found = [i for i, line in enumerate(lines) if part in line]
    assert len(found) >= occurrence, f"{name}: fewer than {occurrence} lines contain {part!r}"
    if occurrence == 1 and len(found) == 1:
        return without_line(text, part, name)
    del lines[found[occurrence - 1]]
    return "".join(lines)


@pytest.mark.parametrize(
    "name, line, occurrence, promise", BROKEN, ids=lambda v: getattr(v, "__name__", str(v))
)
def test_the_promise_fails_without_its_line(name, line, occurrence, promise, simulator):
    conf = SIGNATURE if name == SCRIPT else name
    text, script = location(conf), recipe(SCRIPT)
    if name == SCRIPT:
        script = nth_without(script, line, occurrence, name)
    else:
        text = nth_without(text, line, occurrence, name)
    setup = Setup(conf, text, script, simulator)
    with setup.proxy:
        assert promise(setup) != [], (
            f"{name} without {line!r}: {promise.__name__} still holds — the test proves nothing"
        )


def test_nginx_version_and_configuration_test(setups):
    """nginx -t passes on every recipe inside the server block shaped like Zammad's."""
    assert re.fullmatch(r"nginx/\d+\.\d+\.\d+", nginx_version())
    for setup in setups.values():
        code, output = setup.proxy.test()
        assert code == 0 and "test is successful" in output, output


def test_every_recipe_file_is_on_the_page():
    page = (RECIPES.parent / "protect-endpoint.rst").read_text(encoding="utf-8")
    for path in sorted(RECIPES.iterdir()):
        assert f"literalinclude:: recipes/{path.name}" in page, (
            f"docs/protect-endpoint.rst does not include {path.name}"
        )


# --- the check tool against the same nginx --------------------------------------------------


def run_check(*argv):
    """check.main in English: (exit status, output with wrapped lines joined)."""
    out = io.StringIO()
    code = check.main([*argv, "--lang", "en"], out=out, err=out)
    return code, re.sub(r"\n  (?! )", " ", out.getvalue())


def address(setup, login=True, user=USER, password=PASSWORD):
    host = setup.proxy.url.removeprefix("http://")
    return f"http://{user}:{password}@{host}{PATH}" if login else f"http://{host}{PATH}"


def test_the_check_tool_names_the_proxy_login(setups):
    setup = setups[BASIC_AUTH]
    app = setup.reset()
    code, out = run_check(address(setup, login=False))
    assert code == 1 and 'IncomingCall: 401, an HTML page titled "401 Authorization Required"' in out
    assert "asks for a login (basic auth)" in out and out.rstrip().endswith("(trouble-proxy-401).")
    code, out = run_check(address(setup, password="wrong-password"))
    assert code == 1 and "does not accept the user name and password" in out and "wrong-password" not in out
    code, out = run_check(address(setup))
    assert code == 0, out
    assert PASSWORD not in out and f"{USER}:********@" in out
    assert len(app.received) == 2 and not any("Authorization" in r.headers for r in app.received)


def test_the_check_tool_signs_as_placetel_does(setups):
    setup = setups[SIGNATURE]
    app = setup.reset()
    code, out = run_check(address(setup))
    assert code == 1 and "403, text/plain; charset=utf-8, Forbidden: X-PLACETEL-SIGNATURE is missing" in out
    assert "this test call was not signed" in out and out.rstrip().endswith("(trouble-proxy-403).")
    code, out = run_check(address(setup), "--secret", "not-the-secret")
    assert (
        code == 1
        and "X-PLACETEL-SIGNATURE does not match the body" in out
        and "refused the signed request" in out
    )
    assert app.received == []
    code, out = run_check(address(setup), "--secret", SECRET)
    assert code == 0, out
    assert SECRET not in out and PASSWORD not in out
    assert len(app.received) == 2
    assert all(re.fullmatch(r"[0-9a-f]{64}", r.headers["X-Placetel-Signature"]) for r in app.received)
    assert [c["state"] for c in app.calls] == ["newCall", "hangup"]


def test_the_signed_dry_run_commands_pass_the_proxy(setups):
    """The curl commands of --dry-run --secret --show-token, run as printed, get through nginx's check."""
    setup = setups[SIGNATURE]
    app = setup.reset()
    code, out = run_check(address(setup), "--secret", SECRET, "--dry-run", "--show-token")
    assert code == 0
    lines = out.splitlines()
    first = lines.index("call_id=$(openssl rand -hex 32)")
    last = max(i for i, line in enumerate(lines) if line.startswith("    "))
    script = "\n".join(lines[first : last + 1])
    proc = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"}
    )
    assert proc.returncode == 0 and proc.stdout.count("200 application/xml") == 2, proc.stdout + proc.stderr
    assert [c["state"] for c in app.calls] == ["newCall", "hangup"]
    masked = run_check(address(setup), "--secret", SECRET, "--dry-run")[1]
    assert SECRET not in masked and PASSWORD not in masked and "-hmac '********'" in masked


@pytest.mark.parametrize(
    "edits, status, says",
    [
        ({"burst=50 nodelay": "nodelay"}, 429, "limits the requests from this address"),
        ({"burst=50 nodelay": "nodelay", "    limit_req_status 429;\n": ""}, 503, "nginx's default status"),
        ({"client_max_body_size 8k;": "client_max_body_size 16;"}, 413, "refused the request as too large"),
    ],
)
def test_the_check_tool_names_a_limit(edits, status, says, simulator):
    """The plain recipe tuned too tight: the check tool names nginx's answer (the second event is limited)."""
    http_text = recipe(HTTP, **{"rate=10r/s": "rate=1r/m"})
    setup = Setup(PLAIN, location(PLAIN, edits), recipe(SCRIPT), simulator, http=http_text)
    setup.reset()
    with setup.proxy:
        code, out = run_check(address(setup, login=False))
    assert code == 1 and f"{status}, an HTML page titled" in out and says in out, out
    assert out.rstrip().endswith(f"(trouble-proxy-{status}).")


def test_the_page_highlights_every_line_the_tests_edit():
    """The lines a reader edits (the tests replace exactly those) are the highlighted lines of the page."""
    page = (RECIPES.parent / "protect-endpoint.rst").read_text(encoding="utf-8")
    blocks = re.findall(r"literalinclude:: recipes/(\S+)\n((?:\s+:[\w-]+:.*\n)+)", page)
    highlighted = {
        name: {int(n) for n in re.findall(r"\d+", re.search(r":emphasize-lines: (.*)", options).group(1))}
        for name, options in blocks
        if ":emphasize-lines:" in options
    }
    for name, edits in EDITS.items():
        lines = (RECIPES / name).read_text(encoding="utf-8").splitlines()
        edited = {i for i, line in enumerate(lines, 1) if any(old in line for old in edits)}
        assert edited <= highlighted.get(name, set()), (
            f"docs/protect-endpoint.rst: highlight lines {sorted(edited - highlighted.get(name, set()))} "
            f"of {name} — the reader edits them"
        )
