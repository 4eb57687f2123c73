"""Simulate Zammad's Placetel endpoint (POST /api/v1/placetel/<token>) on loopback, as
docs/endpoint.rst describes it.

Used by the doctests and console examples (make doctest), answer_check and the tests; also
`python -m placetel_tools simulate` for a writer who wants to try requests by hand."""

# Usage: python -m placetel_tools simulate [--host 127.0.0.1] [--port 0] [--token TOKEN]
#                                          [--config FILE.json] [--disabled]
#
# The answers follow Zammad's own code (7.2.x tree): the controller
# app/controllers/integration/placetel_controller.rb (order of checks: switched
# off, configuration blank or without inbound/outbound, token; then direction,
# block list, caller ID rules), the drivers app/models/cti/driver/{base,placetel}.rb
# and the caller log app/models/cti/log.rb; the XML exactly as Zammad's Builder
# writes it. Where Zammad raises instead of answering (a CallAccepted or HungUp
# that carries a direction but names a call Zammad never logged, a second
# IncomingCall with the same call_id, an unknown event), its error handler
# answers with an HTML error page: the simulator answers those with the same
# status (500, or 422 for the unknown event) and a short HTML body of its own.

import argparse
import json
import re
import signal
import sys
import threading
from typing import NamedTuple
from urllib.parse import parse_qsl

from placetel_tools.loopback import LoopbackServer

EXAMPLE_TOKEN = "Sx7uLqkA9pW3rT2vYc5N"
PATH_PREFIX = "/api/v1/placetel/"
ENDPOINT_PATH = re.compile(re.escape(PATH_PREFIX) + r"([^/]+)/?")
CONTENT_TYPE = "application/xml; charset=UTF-8"
MAX_BODY = 1 << 20  # Placetel's form bodies are tiny; read no more than 1 MiB

DISABLED = "Feature is disabled, please contact your administrator!"
NOT_CONFIGURED = "Feature not configured, please contact your admin!"
INVALID_TOKEN = "Invalid token, please contact your admin!"
INVALID_DIRECTION = "Invalid 'direction'!"  # Zammad 5.0 and older: "Invalid direction!"
# What db/seeds/settings.rb stores as placetel_config on a fresh installation.
SEEDED_CONFIG = {
    "outbound": {"routing_table": [], "default_caller_id": ""},
    "inbound": {"block_caller_ids": []},
}

# Placetel event -> (caller log state, direction the event implies)
EVENTS = {
    "IncomingCall": ("newCall", "in"),
    "OutgoingCall": ("newCall", "out"),
    "CallAccepted": ("answer", None),
    "HungUp": ("hangup", None),
}
# HungUp type -> caller log comment
HANGUP_COMMENTS = {
    "missed": "cancel",
    "voicemail": "voicemail",
    "blocked": "blocked",
    "accepted": "normalClearing",
}

# What Placetel's API description (Placetel/call-control-notify-api, README.md) says Placetel
# sends and acts on; `make upstream` compares these with it. Every HungUp type (the last four
# only for outgoing calls; HANGUP_COMMENTS holds those Zammad writes a comment for), and every
# answer Placetel acts on (for incoming calls of numbers routed to External API).
HANGUP_TYPES = ("voicemail", "missed", "blocked", "accepted", "busy", "canceled", "unavailable", "congestion")
PLACETEL_ANSWERS = ("Forward", "Reject", "Hangup", "Prompt", "Group", "RoutingPlan", "Queue")

# A fresh installation (Zammad's db/seeds/settings.rb; `make upstream` compares them): the
# integration is switched off, and the endpoint token is SecureRandom.urlsafe_base64(20), 27
# characters of A-Z a-z 0-9 - _.
SEEDED_INTEGRATION = False
SEEDED_TOKEN_LENGTH = 27


# --- XML as Ruby's Builder::XmlMarkup.new(indent: 2) writes it -------------------


def _escape(text, quote=False):
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def element(tag, attrs=None, content=None):
    """One element as a list of lines: no content -> <tag/>, text -> one line, list of elements -> nested."""
    start = tag + "".join(f' {name}="{_escape(value, True)}"' for name, value in (attrs or {}).items())
    if content is None:
        return [f"<{start}/>"]
    if isinstance(content, str):
        return [f"<{start}>{_escape(content)}</{tag}>"]
    return [f"<{start}>", *("  " + line for child in content for line in child), f"</{tag}>"]


def xml_document(*children):
    """The whole body: XML declaration, then <Response> with ``children`` (each from element())."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', *element("Response", content=list(children) or None)]
    return "".join(line + "\n" for line in lines)


# --- the endpoint ----------------------------------------------------------------


def normalize_config(config):
    """A copy of a ``placetel_config`` dict with white space removed from blocked numbers, as Zammad
    saves it."""
    config = json.loads(json.dumps(config or {}))  # a deep copy
    if not isinstance(config, dict):
        raise ValueError("not shaped like placetel_config: not a JSON object")
    inbound, outbound = config.get("inbound") or {}, config.get("outbound") or {}
    blocked = (inbound.get("block_caller_ids") or []) if isinstance(inbound, dict) else None
    rows = (outbound.get("routing_table") or []) if isinstance(outbound, dict) else None
    if not (
        isinstance(blocked, list)
        and isinstance(rows, list)
        and all(isinstance(item, dict) for item in blocked + rows)
    ):
        raise ValueError("not shaped like placetel_config: inbound, outbound or their lists")
    for entry in blocked:
        entry["caller_id"] = re.sub(r"\s", "", str(entry.get("caller_id", "")))
    return config


def dest_matches(dest, number):
    """Whether routing table pattern ``dest`` matches the whole ``number``; ``*`` is one or more
    characters."""
    pattern = ".+?".join(re.escape(part) for part in str(dest).split("*"))
    return re.fullmatch(pattern, number) is not None


class Simulator:
    """The WSGI app. ``calls`` lists the events Zammad processed, oldest first (the caller log
    entry as that event left it); ``caller_log`` maps each call_id to its entry now, as
    Cti::Log stores it (``handled`` is Zammad's ``done``); ``received`` every request that
    reached it (a proxy in front of it may stop some), oldest first."""

    def __init__(self, token, config=None, enabled=True):
        self.token = token
        self.config = normalize_config(config)
        self.enabled = enabled
        self.calls = []
        self.received = []
        self.caller_log = {}
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            self.received.append(received(environ))
        match = ENDPOINT_PATH.fullmatch(environ.get("PATH_INFO", ""))
        if not match:
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Not Found\n"]
        if environ["REQUEST_METHOD"] != "POST":
            start_response(
                "405 Method Not Allowed", [("Content-Type", "text/plain; charset=utf-8"), ("Allow", "POST")]
            )
            return [b"Method Not Allowed: only POST is routed\n"]
        status, body = self.answer(match.group(1), _form(environ))
        data = body.encode("utf-8")
        content_type = CONTENT_TYPE if body.startswith("<?xml") else "text/html; charset=utf-8"
        start_response(
            f"{status} {REASONS[status]}",
            [("Content-Type", content_type), ("Content-Length", str(len(data)))],
        )
        return [data]

    def answer(self, token, fields):
        """(status, body) for one request to /api/v1/placetel/<token> with form ``fields``."""
        config = self.config
        if not self.enabled:
            return 422, xml_document(element("Error", content=DISABLED))
        if not config or not config.get("inbound") or not config.get("outbound"):
            return 422, xml_document(element("Error", content=NOT_CONFIGURED))
        if token != self.token:
            return 401, xml_document(element("Error", content=INVALID_TOKEN))
        with self._lock:
            return self._event(fields, config)

    def _event(self, fields, config):
        event = fields.get("event")
        state, direction = EVENTS.get(event, (event, None))
        call_id = fields.get("call_id", "")
        logged = self.caller_log.get(call_id)
        # IncomingCall and OutgoingCall set the direction; other events keep the one sent, or
        # take the one of the call's entry.
        direction = direction or fields.get("direction") or (logged["direction"] if logged else None)
        if direction not in ("in", "out"):
            return 422, xml_document(element("Error", content=INVALID_DIRECTION))
        fields = {**fields, "from": fields.get("from", ""), "to": fields.get("to", "")}
        cause = HANGUP_COMMENTS.get(fields.get("type"), "")
        body = xml_document()
        if state == "newCall" and direction == "in":
            blocked = config["inbound"].get("block_caller_ids") or []
            if any(item["caller_id"] == fields["from"] for item in blocked):
                cause = "reject, busy"
                body = xml_document(element("Reject", {"reason": "busy"}))
        elif state == "newCall":
            caller_id = self.caller_id(fields["to"])
            if caller_id:
                fields["from"] = caller_id  # Zammad logs the call from the caller ID it chose
                body = xml_document(
                    element("Dial", {"callerId": caller_id}, [element("Number", content=fields["to"])])
                )
        if state not in ("newCall", "answer", "hangup"):
            return 422, server_error("Unknown event")  # Cti::Log.process raises ArgumentError
        if (state == "newCall") == (logged is not None):  # a second newCall, or none before
            return 500, server_error("No such call_id" if logged is None else "call_id already exists")
        entry = self._log(state, direction, fields, cause, logged)
        self.calls.append(dict(entry))
        return 200, body

    def _log(self, state, direction, fields, cause, entry):
        """The caller log entry after this event, as Cti::Log.process changes it."""
        if state == "newCall":
            entry = self.caller_log[fields.get("call_id", "")] = {
                "call_id": fields.get("call_id", ""),
                "direction": direction,
                "from": fields["from"],
                "to": fields["to"],
                "peer": fields.get("peer", ""),
                "user": fields.get("user", ""),
                "state": "newCall",
                "comment": cause,
                "handled": direction == "out",  # an incoming call is open until someone answers
                "answered": False,
            }
        elif state == "answer":
            if entry["state"] != "hangup":  # an answer after the hang-up changes nothing
                entry.update(state="answer", handled=True, answered=True, comment=cause)
                entry["peer"] = fields.get("peer", "") or entry["peer"]
        else:
            # An incoming call nobody answered, or one that went to the voicemail, stays unhandled.
            handled = not (
                direction == "in" and (entry["state"] == "newCall" or entry["user"] == "voicemail")
            )
            entry.update(state="hangup", handled=handled, comment=cause)
        return entry

    def caller_id(self, to):
        """The caller ID an outgoing call to ``to`` gets: first matching row, else the default, else ''."""
        if not to:
            return ""
        outbound = self.config["outbound"]
        for row in outbound.get("routing_table") or []:
            if dest_matches(row.get("dest", ""), to):
                return str(row.get("caller_id", ""))
        return str(outbound.get("default_caller_id") or "")


class Received(NamedTuple):
    """One request as it reached the simulator: method, path and headers (names as sent, any case)."""

    method: str
    path: str
    headers: dict


def received(environ):
    """The Received of a WSGI request: HTTP_X_PLACETEL_SIGNATURE becomes X-Placetel-Signature."""
    headers = {
        name[5:].replace("_", "-").title(): value
        for name, value in environ.items()
        if name.startswith("HTTP_")
    }
    for name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(name):
            headers[name.replace("_", "-").title()] = environ[name]
    return Received(environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""), headers)


REASONS = {200: "OK", 401: "Unauthorized", 422: "Unprocessable Entity", 500: "Internal Server Error"}


def server_error(reason):
    """The body of Zammad's error page for an exception (the simulator's own short HTML)."""
    return f"<!DOCTYPE html>\n<html><body><p>{reason} (simulated Zammad error page)</p></body></html>\n"


def _form(environ):
    """Query string and form body fields (the body wins, as in Rails); junk decodes to what it can."""
    try:
        length = min(max(int(environ.get("CONTENT_LENGTH") or 0), 0), MAX_BODY)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length else b""
    fields = dict(parse_qsl(environ.get("QUERY_STRING", ""), encoding="utf-8", errors="replace"))
    if environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower() in (
        "",
        "application/x-www-form-urlencoded",
    ):
        fields.update(parse_qsl(body.decode("utf-8", "replace"), encoding="utf-8", errors="replace"))
    return fields


def make_app(token=EXAMPLE_TOKEN, config=None, enabled=True):
    """A WSGI app answering like Zammad with endpoint token ``token``, ``placetel_config`` ``config``
    (None: as seeded on a fresh installation; {}: emptied, "not configured") and the integration
    switched on or off (``enabled``)."""
    return Simulator(token, SEEDED_CONFIG if config is None else config, enabled)


# --- a real HTTP server ----------------------------------------------------------


class Server(LoopbackServer):
    """The simulator on the project's loopback server: ``url`` is its base URL
    (``http://127.0.0.1:PORT``), ``endpoint`` the full endpoint URL, ``app`` the app it serves
    (assign a new one to switch situations). Use as a context manager, or call start()/close()."""

    def __init__(self, app, host="127.0.0.1", port=0):
        super().__init__(host=host, port=port, app=app)

    @property
    def endpoint(self):
        return f"{self.url}/api/v1/placetel/{self.app.token}"


def serve(token=EXAMPLE_TOKEN, config=None, enabled=True, host="127.0.0.1", port=0):
    """A started Server for make_app(token, config, enabled); use ``with serve(...) as server:``."""
    return Server(make_app(token, config, enabled), host, port).start()


# --- command line ----------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools simulate",
        description="Serve a simulation of Zammad's Placetel endpoint until Ctrl-C.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: 0, a free port)")
    parser.add_argument("--token", default=EXAMPLE_TOKEN, help=f"endpoint token (default: {EXAMPLE_TOKEN})")
    parser.add_argument(
        "--config",
        metavar="FILE.json",
        help="placetel_config as JSON (default: as seeded on a fresh installation)",
    )
    parser.add_argument("--disabled", action="store_true", help="act as if the integration is switched off")
    args = parser.parse_args(argv)
    config = None
    if args.config:
        try:
            with open(args.config, encoding="utf-8") as file:
                config = json.load(file)
        except (OSError, ValueError) as error:
            print(
                f"{args.config}: cannot read the configuration ({error}) — pass a JSON file "
                "shaped like placetel_config",
                file=sys.stderr,
            )
            return 2
    try:
        server = Server(make_app(args.token, config, not args.disabled), args.host, args.port)
    except ValueError as error:
        print(f"{args.config}: {error} — follow the shape shown in docs/endpoint.rst", file=sys.stderr)
        return 2
    except OSError as error:
        print(
            f"cannot listen on {args.host}:{args.port} ({error.strerror}) — choose another --port",
            file=sys.stderr,
        )
        return 2
    situation = (
        "switched off"
        if args.disabled
        else "configured"
        if config is None or (config and config.get("inbound") and config.get("outbound"))
        else "not configured"
    )
    # `kill` stops it as cleanly as Ctrl-C; Ctrl-C works even when it was started from a shell that
    # ignores SIGINT for background jobs (Python then keeps it ignored).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        print(f"Serving {server.endpoint} ({situation}); press Ctrl-C to stop.", flush=True)
        server.run()
    except KeyboardInterrupt:  # Ctrl-C (or kill) came before serving began: the same clean stop
        server.close()
    print("Stopped.", flush=True)
    return 0
