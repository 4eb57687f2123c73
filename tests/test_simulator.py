"""The simulator answers like Zammad's Placetel endpoint (FACTS.md's response table), over real HTTP."""

import json
import re
import signal
import subprocess
import sys

import pytest
import requests

from placetel_tools.examples.doctest_env import DEFAULT
from placetel_tools.simulator import make_app, serve

TOKEN = "Sx7uLqkA9pW3rT2vYc5N"
XML = "application/xml; charset=UTF-8"
DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'
CONFIG = {
    "api_token": "x",
    "inbound": {
        "block_caller_ids": [
            {"caller_id": "491715000000", "note": "spam"},
            {"caller_id": " 49 30 609854189 ", "note": "typed with spaces"},
        ]
    },
    "outbound": {
        "routing_table": [
            {"dest": "41*", "caller_id": "41715880339000", "note": "CH"},
            {"dest": "49*", "caller_id": "4930777000001", "note": "DE"},
            {"dest": "4930*", "caller_id": "4930999999999", "note": "never"},
        ],
        "default_caller_id": "4930777000000",
    },
    "user_device_map": [],
}
SAVED_EMPTY = {
    "inbound": {"block_caller_ids": []},
    "outbound": {"routing_table": [], "default_caller_id": ""},
}


def error(text):
    return f"{DECL}<Response>\n  <Error>{text}</Error>\n</Response>\n"


def dial(caller_id, number):
    return (
        f'{DECL}<Response>\n  <Dial callerId="{caller_id}">\n    <Number>{number}</Number>\n'
        "  </Dial>\n</Response>\n"
    )


OK = DECL + "<Response/>\n"
REJECT = f'{DECL}<Response>\n  <Reject reason="busy"/>\n</Response>\n'
DISABLED = error("Feature is disabled, please contact your administrator!")
NOT_CONFIGURED = error("Feature not configured, please contact your admin!")
INVALID_TOKEN = error("Invalid token, please contact your admin!")
INVALID_DIRECTION = error("Invalid 'direction'!")


@pytest.fixture
def endpoint():
    """post(fields, token=TOKEN, config=CONFIG, enabled=True) -> (status, content type, body) over HTTP."""
    servers = {}

    def post(fields, token=TOKEN, config=CONFIG, enabled=True, server_key=None):
        key = server_key or (json.dumps(config), enabled)
        if key not in servers:
            servers[key] = serve(TOKEN, config, enabled)
        answer = requests.post(f"{servers[key].url}/api/v1/placetel/{token}", data=fields, timeout=10)
        return answer.status_code, answer.headers["Content-Type"], answer.text

    post.servers = servers
    yield post
    for server in servers.values():
        server.close()


def incoming(call_id="c1", number="491234", **extra):
    return {"event": "IncomingCall", "call_id": call_id, "from": number, "to": "4930600000000", **extra}


def hung_up(call_id, kind="accepted"):
    return {"event": "HungUp", "call_id": call_id, "type": kind}


def outgoing(to, call_id="o1"):
    return {"event": "OutgoingCall", "call_id": call_id, "from": "777008478072@fpbx.de", "to": to}


# --- every row of the response table, in the order Zammad checks them ---------------


@pytest.mark.parametrize(
    "kwargs, fields, status, body",
    [
        ({"enabled": False}, incoming(), 422, DISABLED),
        ({"config": None}, incoming(), 200, OK),  # as seeded: a fresh installation is configured
        ({"config": {}}, incoming(), 422, NOT_CONFIGURED),
        ({"config": {"inbound": {"block_caller_ids": []}}}, incoming(), 422, NOT_CONFIGURED),
        ({"config": {"outbound": {"routing_table": []}}}, incoming(), 422, NOT_CONFIGURED),
        ({"config": {"inbound": {}, "outbound": {"routing_table": []}}}, incoming(), 422, NOT_CONFIGURED),
        ({"token": "wrong"}, incoming(), 401, INVALID_TOKEN),
        ({}, {"event": "CallAccepted", "call_id": "never-seen"}, 422, INVALID_DIRECTION),
        ({"config": SAVED_EMPTY}, incoming(), 200, OK),
        ({}, incoming(number="491715000000"), 200, REJECT),
        ({}, outgoing("41443000000"), 200, dial("41715880339000", "41443000000")),
        ({}, incoming(), 200, OK),
    ],
    ids=[
        "disabled",
        "seeded",
        "empty-config",
        "no-outbound",
        "no-inbound",
        "blank-inbound",
        "wrong-token",
        "unknown-call",
        "saved-empty",
        "blocked",
        "dial",
        "accepted",
    ],
)
def test_response_table(endpoint, kwargs, fields, status, body):
    assert endpoint(fields, **kwargs) == (status, XML, body)


@pytest.mark.parametrize(
    "kwargs, body",
    [
        ({"enabled": False, "token": "wrong"}, DISABLED),  # switched off beats a wrong token
        ({"enabled": False, "config": {}}, DISABLED),  # ... and an emptied configuration
        ({"config": {}, "token": "wrong"}, NOT_CONFIGURED),  # an emptied configuration beats a wrong token
    ],
)
def test_order_of_checks(endpoint, kwargs, body):
    assert endpoint(incoming(), **kwargs)[2] == body


def test_token_beats_direction_and_block_list(endpoint):
    assert endpoint({"event": "Nonsense"}, token="wrong")[:1] == (401,)
    assert endpoint(incoming(number="491715000000"), token="wrong")[2] == INVALID_TOKEN
    assert endpoint(incoming(number="491715000000"), token=TOKEN.lower())[0] == 401


# --- direction memory and event mapping ---------------------------------------------


def test_answer_and_hangup_take_the_direction_of_the_call(endpoint):
    call = {"call_id": "f4591ba3", "from": "491234", "to": "4930600000000"}
    assert endpoint({**call, "event": "IncomingCall"})[2] == OK
    assert endpoint({**call, "event": "CallAccepted", "peer": "777042617425@fpbx.de"})[2] == OK
    assert endpoint({**call, "event": "HungUp", "type": "accepted"})[2] == OK
    assert endpoint(outgoing("030600000000", call_id="out1"))[2] == dial("4930777000000", "030600000000")
    assert endpoint({"event": "HungUp", "call_id": "out1", "type": "missed"})[0] == 200
    calls = next(iter(endpoint.servers.values())).app.calls
    assert [(c["call_id"], c["state"], c["direction"], c["comment"]) for c in calls] == [
        ("f4591ba3", "newCall", "in", ""),
        ("f4591ba3", "answer", "in", ""),
        ("f4591ba3", "hangup", "in", "normalClearing"),
        ("out1", "newCall", "out", ""),
        ("out1", "hangup", "out", "cancel"),
    ]
    assert calls[1]["peer"] == "777042617425@fpbx.de"
    assert calls[3]["from"] == "4930777000000"  # Zammad logs the caller ID its rule chose


def test_caller_log_entries_as_zammad_keeps_them():
    """One entry per call, updated by each event; handled as Cti::Log's ``done``."""
    app = make_app(TOKEN, CONFIG)
    calls = {
        "answered": [incoming("a"), {"event": "CallAccepted", "call_id": "a"}, hung_up("a", "accepted")],
        "missed": [incoming("m"), hung_up("m", "missed")],
        "voicemail": [
            incoming("v", user="voicemail"),
            {"event": "CallAccepted", "call_id": "v"},
            hung_up("v"),
        ],
        "blocked": [incoming("b", number="491715000000"), hung_up("b", "blocked")],
        "outgoing": [outgoing("030600000000", call_id="o"), hung_up("o", "busy")],
    }
    for events in calls.values():
        for fields in events:
            assert app.answer(TOKEN, fields)[0] == 200
    log = app.caller_log
    assert [(log[c]["state"], log[c]["comment"], log[c]["handled"]) for c in "amvbo"] == [
        ("hangup", "normalClearing", True),
        ("hangup", "cancel", False),
        ("hangup", "normalClearing", False),  # the voicemail's call stays unhandled
        ("hangup", "blocked", False),  # a blocked call stays in the caller log, not handled
        ("hangup", "", True),  # busy leaves no comment
    ]
    assert [c["comment"] for c in app.calls if c["call_id"] == "b"] == ["reject, busy", "blocked"]


def test_what_zammad_cannot_process_is_an_error_page():
    app = make_app(TOKEN, CONFIG)
    assert app.answer(TOKEN, incoming("d"))[0] == 200
    assert app.answer(TOKEN, incoming("d"))[0] == 500  # the same call_id twice
    assert app.answer(TOKEN, {"event": "HungUp", "call_id": "n", "direction": "in"})[0] == 500
    assert app.answer(TOKEN, {"event": "Ringing", "call_id": "d"})[0] == 422
    assert "<Error>" not in app.answer(TOKEN, {"event": "Ringing", "call_id": "d"})[1]


@pytest.mark.parametrize(
    "kind, comment",
    [
        ("missed", "cancel"),
        ("voicemail", "voicemail"),
        ("blocked", "blocked"),
        ("accepted", "normalClearing"),
        ("busy", ""),
    ],
)
def test_hangup_comment(kind, comment):
    app = make_app(TOKEN, CONFIG)
    assert app.answer(TOKEN, incoming("c"))[0] == 200
    assert app.answer(TOKEN, {"event": "HungUp", "call_id": "c", "type": kind}) == (200, OK)
    assert app.calls[-1]["comment"] == comment


def test_direction_field(endpoint):
    assert endpoint({"event": "HungUp", "call_id": "x", "direction": "sideways"})[2] == INVALID_DIRECTION
    # a given direction passes the check, but Zammad has no call to end: its error page
    status, content_type, _ = endpoint({"event": "HungUp", "call_id": "x", "direction": "in"})
    assert (status, content_type) == (500, "text/html; charset=utf-8")
    assert endpoint(incoming("y"))[0] == 200
    assert endpoint({"event": "CallAccepted", "call_id": "y", "direction": "out"})[0] == 200
    # IncomingCall is always "in": the block list applies whatever the field says
    assert endpoint(incoming("z", number="491715000000", direction="out"))[2] == REJECT


def test_blocked_call_is_logged_and_its_hangup_accepted():
    app = make_app(TOKEN, CONFIG)
    assert app.answer(TOKEN, incoming("b", number="491715000000")) == (200, REJECT)
    assert app.answer(TOKEN, {"event": "HungUp", "call_id": "b", "type": "blocked"}) == (200, OK)
    assert [(c["state"], c["comment"]) for c in app.calls] == [
        ("newCall", "reject, busy"),
        ("hangup", "blocked"),
    ]


# --- block list and caller ID rules -------------------------------------------------


@pytest.mark.parametrize(
    "number, body",
    [
        ("491715000000", REJECT),
        ("4930609854189", REJECT),  # saved without its spaces
        ("+491715000000", OK),
        ("0171 5000000", OK),
        ("4917150000001", OK),
        ("49171500000", OK),
        ("", OK),
        ("anonymous", OK),
    ],
)
def test_block_list_matches_exactly(endpoint, number, body):
    assert endpoint(incoming(number=number))[2] == body


def test_block_list_applies_only_to_new_incoming_calls(endpoint):
    assert endpoint(outgoing("491715000000") | {"from": "491715000000"})[0] == 200
    assert endpoint(outgoing("491715000000") | {"from": "491715000000"})[2] != REJECT


@pytest.mark.parametrize(
    "to, caller_id",
    [
        ("41443000000", "41715880339000"),
        ("4930600000000", "4930777000001"),  # first match wins: 49* before 4930*
        ("491", "4930777000001"),
        ("49", "4930777000000"),  # * is one or more characters: 49* does not match 49
        ("41", "4930777000000"),
        ("4", "4930777000000"),
        ("0041443000000", "4930777000000"),  # the whole number must match
        ("030600000000", "4930777000000"),
    ],
)
def test_caller_id_rules(endpoint, to, caller_id):
    assert endpoint(outgoing(to)) == (200, XML, dial(caller_id, to))


def test_no_default_and_no_matching_rule_is_a_plain_answer(endpoint):
    config = {
        "inbound": {"block_caller_ids": []},
        "outbound": {"routing_table": [{"dest": "41*", "caller_id": "417"}], "default_caller_id": ""},
    }
    assert endpoint(outgoing("030600000000"), config=config)[2] == OK
    assert endpoint(outgoing("41443", call_id="o2"), config=config)[2] == dial("417", "41443")
    assert endpoint(outgoing("030600000000"), config=SAVED_EMPTY)[2] == OK


def test_save_removes_the_caller_id_rules_and_keeps_the_settings_configured(endpoint):
    """docs/troubleshooting.rst: Save on Zammad's page stores the outbound part without rules."""
    saved = {**CONFIG, "outbound": DEFAULT["outbound"]}  # what Save sends for the hidden part
    assert endpoint(outgoing("41443000000"), config=saved)[2] == OK
    assert endpoint(incoming(number="491715000000"), config=saved)[2] == REJECT  # the block list stays
    for broken in ({k: v for k, v in CONFIG.items() if k != "outbound"}, {**CONFIG, "outbound": {}}):
        assert endpoint(outgoing("41443000000"), config=broken)[2] == NOT_CONFIGURED


def test_pattern_characters_other_than_star_are_literal():
    config = {
        "inbound": {"block_caller_ids": []},
        "outbound": {"routing_table": [{"dest": "4.*", "caller_id": "1"}], "default_caller_id": ""},
    }
    app = make_app(TOKEN, config)
    assert app.answer(TOKEN, outgoing("41443")) == (200, OK)
    assert app.answer(TOKEN, outgoing("4.1", call_id="o2")) == (200, dial("1", "4.1"))


def test_xml_escaping():
    config = {
        "inbound": {"block_caller_ids": []},
        "outbound": {"routing_table": [], "default_caller_id": 'a"<&>'},
    }
    body = make_app(TOKEN, config).answer(TOKEN, outgoing("1<2&3"))[1]
    assert '<Dial callerId="a&quot;&lt;&amp;&gt;">' in body and "<Number>1&lt;2&amp;3</Number>" in body


# --- routing and junk -----------------------------------------------------------------


def test_other_paths_and_methods(endpoint):
    endpoint(incoming())
    base = next(iter(endpoint.servers.values())).url
    for path in [
        "/",
        "/api/v1/placetel",
        "/api/v1/placetel/",
        "/api/v1/placetell/" + TOKEN,
        f"/api/v1/placetel/{TOKEN}/extra",
        "/api/v1/sipgate/" + TOKEN,
    ]:
        answer = requests.post(base + path, data=incoming(), timeout=10)
        assert answer.status_code == 404, path
    for method in ["GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]:
        answer = requests.request(method, f"{base}/api/v1/placetel/{TOKEN}", timeout=10)
        assert answer.status_code == 405, method
        assert answer.headers["Allow"] == "POST"
    # a trailing slash routes, as in Rails
    assert requests.post(f"{base}/api/v1/placetel/{TOKEN}/", data=incoming("t"), timeout=10).text == OK


@pytest.mark.parametrize(
    "body, headers",
    [
        (b"", {}),
        (b"%%%&&&===", {}),
        (b"\xff\xfe\x00event=IncomingCall", {}),
        (b'{"event": "IncomingCall"}', {"Content-Type": "application/json"}),
        (b"event=IncomingCall&event=Nonsense&call_id=j", {}),
        (b"event[]=IncomingCall", {}),
        (b"event=CallAccepted", {}),
        (b"x" * 100_000, {}),
    ],
)
def test_junk_gets_invalid_direction(endpoint, body, headers):
    endpoint(incoming())
    base = next(iter(endpoint.servers.values())).url
    answer = requests.post(f"{base}/api/v1/placetel/{TOKEN}", data=body, headers=headers, timeout=10)
    assert (answer.status_code, answer.text) == (422, INVALID_DIRECTION)


def test_query_string_fields_count_like_form_fields(endpoint):
    endpoint(incoming())
    base = next(iter(endpoint.servers.values())).url
    answer = requests.post(
        f"{base}/api/v1/placetel/{TOKEN}?event=IncomingCall&call_id=q&from=491715000000", timeout=10
    )
    assert answer.text == REJECT


def test_bad_content_length_is_not_a_server_error():
    import socket

    with serve(TOKEN, CONFIG) as server:
        host, port = server.url.removeprefix("http://").split(":")
        for length in [b"nonsense", b"-5", b"99999999999"]:
            with socket.create_connection((host, int(port)), timeout=10) as sock:
                sock.sendall(
                    b"POST /api/v1/placetel/" + TOKEN.encode() + b" HTTP/1.0\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: " + length + b"\r\n\r\nevent=HungUp"
                )
                sock.shutdown(socket.SHUT_WR)
                reply = b"".join(iter(lambda: sock.recv(65536), b""))
            assert reply.split(b" ")[1] in (b"422", b"400"), reply[:100]


def test_config_shape_is_checked():
    with pytest.raises(ValueError):
        make_app(TOKEN, [1, 2])
    with pytest.raises(ValueError):
        make_app(TOKEN, {"inbound": {"block_caller_ids": ["491715000000"]}, "outbound": {}})


# --- command line -------------------------------------------------------------------------


def _start(*args):
    return _start_with(None, *args)


def _start_with(preexec, *args):
    proc = subprocess.Popen(
        [sys.executable, "-m", "placetel_tools", "simulate", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec,
    )
    line = proc.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+)(/api/v1/placetel/\S+)", line)
    assert match, line + proc.stderr.read() if proc.poll() is not None else line
    return proc, match.group(1), match.group(1) + match.group(2)


def test_cli_serves_until_terminated(tmp_path):
    config = tmp_path / "config.json"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    proc, base, url = _start("--token", "t0k3n", "--config", str(config))
    try:
        assert url == base + "/api/v1/placetel/t0k3n"
        answer = requests.post(url, data=incoming(number="491715000000"), timeout=10)
        assert (answer.status_code, answer.headers["Content-Type"], answer.text) == (200, XML, REJECT)
        assert requests.post(base + "/api/v1/placetel/other", data=incoming(), timeout=10).status_code == 401
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0 and "Traceback" not in err, err


@pytest.mark.parametrize("args, body", [((), OK), (("--disabled",), DISABLED)])
def test_cli_situations(args, body):
    proc, _, url = _start(*args)
    try:
        assert url.endswith("/api/v1/placetel/" + TOKEN)  # the example token by default
        assert requests.post(url, data=incoming(), timeout=10).text == body
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        out, err = proc.communicate(timeout=10)
    assert (proc.returncode, out, err) == (0, "Stopped.\n", "")


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"inbound": "x", "outbound": {}}'])
def test_cli_rejects_a_bad_config_file(tmp_path, content):
    config = tmp_path / "bad.json"
    config.write_text(content, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "placetel_tools", "simulate", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{config}: ") and "Traceback" not in proc.stderr


def test_ctrl_c_before_serving_begins_stops_as_cleanly(monkeypatch, capsys):
    """Ctrl-C right after the start-up line, before the server loop runs, is no traceback."""
    from placetel_tools import simulator

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(simulator.Server, "run", interrupted)
    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        assert simulator.main(["--port", "0"]) == 0
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])
    out = capsys.readouterr().out
    assert out.startswith("Serving http://127.0.0.1:") and out.endswith("Stopped.\n")


def test_ctrl_c_stops_it_even_when_started_with_sigint_ignored():
    """A shell without job control starts background jobs with SIGINT ignored; Ctrl-C must still work."""
    proc, _, url = _start_with(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert requests.post(url, data=incoming(), timeout=10).status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert (proc.returncode, out, err) == (0, "Stopped.\n", "")
