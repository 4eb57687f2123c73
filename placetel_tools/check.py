"""Send a harmless test call to a Zammad Placetel endpoint and say in words whether it works and what to fix."""

# Usage (the pages offer this file for download alone: `python3 check.py ...` runs the same):
#   python -m placetel_tools check ENDPOINT_URL [--from NUMBER] [--check-block NUMBER]
#                                  [--timeout SECONDS] [--dry-run] [--show-token]
#
# Exit status: 0 the endpoint works (with --check-block: whatever Zammad decided),
# 1 the endpoint answered with a problem, 2 bad input (nothing was sent),
# 3 the request failed on the network (DNS, connection refused, TLS, timeout).
#
# The test call is what Placetel sends for a call nobody answers: IncomingCall,
# then HungUp with type "missed", both with one fresh call_id. Agents see it as
# one finished entry in the caller log. The default caller number is
# 490000000000: country code 49 followed by a zero, which no German number has
# (the national part never starts with the trunk prefix 0), so it belongs to
# nobody. The called number is 490000000001, fake in the same way.
#
# Nothing random is printed (the call_id is never shown), so the documentation
# can compare this tool's output verbatim. The endpoint token is a secret: every
# line printed, including exception texts and the --dry-run curl commands, shows
# it masked (all but its last 4 characters as "*") unless --show-token is given.

import argparse
import ipaddress
import re
import secrets
import socket
import ssl
import sys
import textwrap
from urllib.parse import urlsplit
from xml.etree import ElementTree

import requests

DEFAULT_FROM = "490000000000"
TO = "490000000001"
DEFAULT_TIMEOUT = 10.0
WIDTH = 79  # longer sentences continue on lines indented by two spaces (not addresses, not answers)
PATH_PREFIX = "/api/v1/placetel/"
NUMBER = re.compile(r"\+?[0-9]+")

# Documentation sections the messages point to: label -> (page title, section).
# tests/test_check.py proves that every label exists on that page and that the
# section's heading contains the words given here.
SECTIONS = {
    "trouble-disabled": ("Troubleshooting", "422 Feature is disabled"),
    "trouble-not-configured": ("Troubleshooting", "422 Feature not configured"),
    "trouble-invalid-token": ("Troubleshooting", "401 Invalid token"),
    "trouble-invalid-direction": ("Troubleshooting", "422 Invalid direction"),
    "trouble-wrong-url": ("Troubleshooting", "404, a redirect or an HTML page instead of XML"),
    "trouble-server-error": ("Troubleshooting", "5xx or a timeout"),
    "trouble-no-requests": ("Troubleshooting", "No requests reach Zammad"),
    "trouble-empty-caller-log": ("Troubleshooting", "The caller log stays empty"),
    "trouble-blocked-still-rings": ("Troubleshooting", '200 with <Reject reason="busy"/>, but the call still rings'),
    "trouble-not-blocked": ("Troubleshooting", "200 with <Response/> for a number you blocked"),
    "setting-blocked-caller-ids": ("Settings reference", "Blocked caller IDs"),
    "endpoint-responses": ("Endpoint reference", "Responses"),
}

# Zammad's error messages (FACTS: "Responses") -> (problem, fix, label).
ERRORS = {
    "Feature is disabled, please contact your administrator!": (
        "the Placetel integration in Zammad is switched off.",
        "switch on the toggle next to the heading of Zammad's Placetel page "
        "(Admin → System → Integrations → Placetel).",
        "trouble-disabled"),
    "Feature not configured, please contact your admin!": (
        "the integration is switched on, but its settings were never saved.",
        "press Save once at the bottom of Zammad's Placetel page.",
        "trouble-not-configured"),
    "Invalid token, please contact your admin!": (
        "the token at the end of the address is not the one this Zammad expects.",
        "copy the whole address from the field Endpoint on Zammad's Placetel page, "
        "and paste it into Placetel's field URL of your API endpoint.",
        "trouble-invalid-token"),
    "Invalid direction!": (
        "Zammad could not tell the direction of the test call from this event.",
        "check that every request to this address reaches the same Zammad, then compare the two "
        "events of the test call in Recent Logs on Zammad's Placetel page.",
        "trouble-invalid-direction"),
}


class BadInput(Exception):
    """Input the check refuses before sending anything (exit 2)."""


def see(label):
    page, section = SECTIONS[label]
    return f"See {page} › {section} ({label})."


def mask(token):
    """All but the last 4 characters as "*" (all but half of them for a token of 8 or fewer)."""
    keep = min(4, len(token) // 2)
    return "*" * (len(token) - keep) + token[len(token) - keep:]


def is_loopback(host):
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_endpoint(url):
    """Return the token of a well-formed endpoint address, or raise BadInput."""
    if any(ch.isspace() for ch in url):
        raise BadInput("The address contains white space; copy it again from Zammad's field Endpoint.")
    try:
        parts = urlsplit(url)
    except ValueError:  # for example an unclosed [ of an IPv6 address
        raise BadInput("The address is not a valid URL; copy it again from Zammad's field Endpoint.") from None
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise BadInput("ENDPOINT_URL must be the whole address from Zammad's field Endpoint, "
                       "starting with https://.")
    if not parts.hostname:
        raise BadInput("The address has no host name; copy it in full from Zammad's field Endpoint.")
    try:
        parts.port
    except ValueError:
        raise BadInput("The port in the address is not a number from 1 to 65535.") from None
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise BadInput("Plain http:// is allowed only for 127.0.0.1, ::1 and localhost; "
                       "use the https:// address from Zammad's field Endpoint.")
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise BadInput("The address must end with the token, without a ? or # part; "
                       "copy it again from Zammad's field Endpoint.")
    if not parts.path.startswith(PATH_PREFIX):
        raise BadInput(f"The address must end with {PATH_PREFIX} and the token, "
                       "as Zammad's field Endpoint shows it.")
    token = parts.path[len(PATH_PREFIX):]
    if not token:
        raise BadInput(f"The token after {PATH_PREFIX} is missing; "
                       "copy the address in full from Zammad's field Endpoint.")
    if "/" in token:
        raise BadInput(f"The address must end with the token right after {PATH_PREFIX}, "
                       "with nothing after it.")
    return token


# --- reading an answer -----------------------------------------------------------------

class Answer:
    """What one response means: a one-line description, and either success or a problem."""

    def __init__(self, shown, problem=None, fix=None, label=None, rejected=False):
        self.shown, self.problem, self.fix, self.label = shown, problem, fix, label
        self.rejected = rejected


WRONG_URL_FIX = ("copy the address again from Zammad's field Endpoint; "
                 "requests to /api/v1/placetel/ must reach Zammad without a login page or a redirect.")


def read_answer(response):
    status = response.status_code
    ctype = response.headers.get("Content-Type", "")
    body = response.text
    if 300 <= status < 400:
        location = response.headers.get("Location")
        shown = f"{status}, a redirect to {location}" if location else f"{status}, a redirect without a Location"
        return Answer(shown, "the address redirects elsewhere instead of answering; "
                             "this check does not follow redirects.", WRONG_URL_FIX, "trouble-wrong-url")
    if status >= 500:
        return Answer(f"{status}, {ctype or 'no content type'}",
                      f"the server failed with status {status}.",
                      "look at the log of the Zammad server, and of any proxy in front of it, "
                      "at the time of this check.", "trouble-server-error")
    head = body.lstrip()[:200].lower()
    if "html" in ctype.lower() or head.startswith(("<!doctype html", "<html")):
        title = re.search(r"<title[^>]*>(.*?)</title>", body, re.I | re.S)
        title = " ".join(title.group(1).split())[:80] if title else ""
        shown = f'{status}, an HTML page titled "{title}"' if title else f"{status}, an HTML page"
        return Answer(shown, "a web page answered, not Zammad's Placetel endpoint "
                             "(a wrong address, a login page or a proxy).", WRONG_URL_FIX, "trouble-wrong-url")
    try:
        root = ElementTree.fromstring(response.content)
    except ElementTree.ParseError:
        shown = f"{status}, {ctype or 'no content type'}, not XML"
        if status == 404:
            return Answer(shown, "nothing answers at this address (404 Not Found).",
                          WRONG_URL_FIX, "trouble-wrong-url")
        return Answer(shown, "the answer is not XML, so it does not come from Zammad's Placetel endpoint.",
                      WRONG_URL_FIX, "trouble-wrong-url")
    compact = re.sub(r">\s+<", "><", re.sub(r"^\s*<\?xml[^>]*\?>", "", body)).strip()
    shown = f"{status}, {compact[:200]}"
    if root.tag != "Response":
        return Answer(shown, f"the XML answer is not Zammad's (<{root.tag}> instead of <Response>).",
                      WRONG_URL_FIX, "trouble-wrong-url")
    error = root.find("Error")
    if error is not None:
        message = (error.text or "").strip()
        if message in ERRORS:
            return Answer(shown, *ERRORS[message])
        return Answer(shown, "Zammad answered with an error this check does not know.",
                      "compare the answer with the list of Zammad's answers.", "endpoint-responses")
    if status != 200:
        return Answer(shown, f"an XML answer with the unexpected status {status}.",
                      "compare the answer with the list of Zammad's answers.", "endpoint-responses")
    return Answer(shown, rejected=root.find("Reject") is not None)


def network_problem(exc, url, timeout):
    """(kind, problem, fix, label) for a request that got no answer."""
    parts = urlsplit(url)
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    chain, todo = [], [exc]
    while todo and len(chain) < 30:  # the exception, what caused it, urllib3's .reason, ...
        current = todo.pop()
        if not isinstance(current, BaseException) or any(current is e for e in chain):
            continue
        chain.append(current)
        todo.extend([current.__cause__, current.__context__, getattr(current, "reason", None),
                     *current.args])
    names = {type(e).__name__ for e in chain}
    reach = ("Placetel must reach this address from the internet; "
             "check the host name in Zammad's field Endpoint and your firewall.")
    if isinstance(exc, requests.exceptions.Timeout) or any(isinstance(e, socket.timeout) for e in chain):
        return ("timeout", f"no answer from {host} within {timeout:g} seconds.",
                "check that Zammad is running and not overloaded; try again with a longer --timeout.",
                "trouble-server-error")
    if isinstance(exc, requests.exceptions.SSLError) or any(isinstance(e, ssl.SSLError) for e in chain):
        tls = next((e for e in chain if isinstance(e, ssl.SSLError)), None)
        reason = getattr(tls, "verify_message", None) or getattr(tls, "reason", None)
        detail = f" ({reason})" if isinstance(reason, str) and reason else ""
        if isinstance(tls, ssl.SSLCertVerificationError):
            return ("TLS", f"the HTTPS connection to {host} failed: its certificate could not be "
                           f"verified{detail}.",
                    f"give {host} a certificate from a recognised authority that names this host.",
                    "trouble-no-requests")
        detail = detail.replace("_", " ").lower()
        return ("TLS", f"the HTTPS connection to {host} port {port} failed{detail}.",
                "check that this address serves HTTPS on that port, with a current TLS version.",
                "trouble-no-requests")
    if "NameResolutionError" in names or any(isinstance(e, socket.gaierror) for e in chain):
        return ("DNS", f"the host name {host} could not be resolved.", reach, "trouble-no-requests")
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or \
            any("Connection refused" in str(e) for e in chain):
        return ("connection refused", f"nothing accepts connections on {host} port {port}.",
                "check that Zammad's web server is running and that the address has the right port.",
                "trouble-no-requests")
    cause = next((e for e in reversed(chain) if isinstance(e, OSError) and e.strerror), None)
    detail = cause.strerror if cause else type(chain[-1]).__name__
    if "RemoteDisconnected" in names or any(isinstance(e, ConnectionResetError) for e in chain):
        detail = "the server closed the connection"
    return ("connection failed", f"the connection to {host} failed ({detail}) before an answer came.",
            reach, "trouble-no-requests")


# --- the command ---------------------------------------------------------------------------

def events(number, hangup_type):
    """The two requests of the test call, without call_id."""
    return [
        {"event": "IncomingCall", "from": number, "to": TO},
        {"event": "HungUp", "from": number, "to": TO, "type": hangup_type},
    ]


def curl_command(url, fields, timeout):
    def quoted(text):
        return "'" + text.replace("'", "'\\''") + "'"
    lines = [f"curl --silent --show-error --max-time {timeout:g}"]
    for name in ("event", "call_id", "from", "to", "type"):
        if name == "call_id":
            lines.append('--data-urlencode "call_id=$call_id"')
        elif name in fields:
            lines.append(f"--data-urlencode {quoted(name + '=' + fields[name])}")
    lines.append("--write-out '%{http_code} %{content_type}\\n'")
    lines.append(quoted(url))
    return " \\\n    ".join(lines)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools check" if __package__ else None,  # None: "check.py", run as a file
        description="Send one test call to your Zammad's Placetel endpoint, the way Placetel does, "
                    "and say whether it works and what to fix. Agents see the test call in the caller log.",
        epilog="Exit status: 0 works, 1 the endpoint answered with a problem, 2 bad input, "
               "3 network failure (DNS, connection refused, TLS, timeout).")
    parser.add_argument("url", metavar="ENDPOINT_URL",
                        help="the address from the field Endpoint on Zammad's Placetel page")
    parser.add_argument("--from", dest="number", metavar="NUMBER",
                        help=f"the caller's number of the test call (default {DEFAULT_FROM}, which belongs to nobody)")
    parser.add_argument("--check-block", metavar="NUMBER",
                        help="tell whether Zammad would reject a call from NUMBER (its blocked caller IDs)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"give up waiting for an answer after this long (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the requests as curl commands and send nothing")
    parser.add_argument("--show-token", action="store_true",
                        help="print the endpoint token in full (it is masked otherwise)")
    return parser


def main(argv=None, out=None, err=None):
    out = out or sys.stdout
    err = err or sys.stderr
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, or argparse's own usage error (already printed)
        return stop.code if isinstance(stop.code, int) else 2

    token = None
    try:
        token = parse_endpoint(args.url)
        if args.number is not None and args.check_block is not None:
            raise BadInput("Use either --from or --check-block: --check-block sets the caller's number.")
        for option, value in (("--from", args.number), ("--check-block", args.check_block)):
            if value is not None and not NUMBER.fullmatch(value):
                raise BadInput(f"{option} must be a phone number as Placetel sends it: digits, "
                               "perhaps with a leading +, for example 4930609854189.")
        if not args.timeout > 0 or args.timeout == float("inf"):
            raise BadInput("--timeout must be a number of seconds greater than 0.")
    except BadInput as problem:
        print(textwrap.fill(f"error: {problem}", WIDTH, subsequent_indent="  ", break_long_words=False,
                            break_on_hyphens=False), file=err)
        return 2

    def hide(text):
        text = str(text)
        return text if args.show_token else text.replace(token, mask(token))

    def say(text="", wrap=True):
        text = hide(text)
        if wrap:  # short lines for terminals and for the documentation's examples
            text = textwrap.fill(text, WIDTH, subsequent_indent="  ", break_long_words=False,
                                 break_on_hyphens=False)
        print(text, file=out)

    blocking = args.check_block is not None
    number = args.check_block if blocking else (args.number or DEFAULT_FROM)
    requests_to_send = events(number, "blocked" if blocking else "missed")
    kind = "blocked" if blocking else "missed"

    if args.dry_run:
        say("Dry run: nothing was sent. These are the two requests of the test call, as curl commands:")
        say("call_id=$(openssl rand -hex 32)", wrap=False)
        for fields in requests_to_send:
            say(curl_command(args.url, fields, args.timeout), wrap=False)
        say(f"Running them adds one {kind} call from {number} to Zammad's caller log.")
        if not args.show_token:
            say("The token is masked; add --show-token to print commands you can run.")
        return 0

    if blocking:
        say(f"Checking whether Zammad would reject a call from {number}.")
    say(f"Sending a test call to {args.url}", wrap=False)  # the same lines for every address
    say(f"Agents will see it in Zammad's caller log: one {kind} call from {number} to {TO}.")

    call_id = secrets.token_hex(32)
    answers = []
    with requests.Session() as session:
        for fields in requests_to_send:
            data = {"event": fields["event"], "call_id": call_id,
                    **{k: v for k, v in fields.items() if k != "event"}}
            try:
                response = session.post(args.url, data=data, timeout=args.timeout,
                                         allow_redirects=False, verify=True)
            except requests.exceptions.RequestException as exc:
                network, problem, fix, label = network_problem(exc, args.url, args.timeout)
                say(f"{fields['event']}: no answer.", wrap=False)
                say(f"Network failure ({network}): {problem}")
                say(f"Fix: {fix}")
                say(see(label))
                return 3
            except Exception as exc:  # never a traceback: it would show the token
                say(f"{fields['event']}: no answer.", wrap=False)
                say(f"Network failure (the request could not be sent): {type(exc).__name__}: {exc}")
                return 3
            answer = read_answer(response)
            answers.append(answer)
            say(f"{fields['event']}: {answer.shown}", wrap=False)  # Zammad's answer as it came
            if answer.problem:
                say(f"Problem: {answer.problem}")
                say(f"Fix: {answer.fix}")
                say(see(answer.label))
                return 1

    rejected = answers[0].rejected
    if blocking:
        if rejected:
            say(f"Zammad would reject a call from {number}: it is on the list of blocked caller IDs.")
            say("Placetel follows a rejection only for numbers routed to the External API; confirm with a real call.")
            say(see("trouble-blocked-still-rings"))
        else:
            say(f"Zammad would put a call from {number} through: "
                "no blocked caller ID matches it character by character.")
            say(see("trouble-not-blocked"))
        return 0
    say("The endpoint works: Zammad accepted both events of the test call.")
    if rejected:
        say(f"Zammad rejected the call because {number} is on the list of blocked caller IDs; "
            "use another --from for this check.")
    say("If agents do not see the test call, " + see("trouble-empty-caller-log")[0].lower()
        + see("trouble-empty-caller-log")[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
