"""Send a harmless test call to a Zammad Placetel endpoint and say in words whether it works and what to fix."""

# Usage (the pages offer this file for download alone: `python3 check.py ...` runs the same):
#   python -m placetel_tools check ENDPOINT_URL [--from NUMBER] [--check-block NUMBER]
#                                  [--timeout SECONDS] [--dry-run] [--show-token] [--lang en|de]
#
# Exit status: 0 the endpoint works (with --check-block: whatever Zammad decided),
# 1 the endpoint answered with a problem, 2 bad input (nothing was sent),
# 3 the request failed on the network (DNS, connection refused, TLS, timeout).
#
# The test call is what Placetel sends for a call nobody answers: IncomingCall,
# then HungUp, both with one fresh call_id. The HungUp's type follows Zammad's
# answer to the IncomingCall, as Placetel's does: "blocked" when Zammad
# rejected the call, "missed" when it went through. Agents see it as one
# finished entry in the caller log. The default caller number is
# 490000000000: country code 49 followed by a zero, which no German number has
# (the national part never starts with the trunk prefix 0), so it belongs to
# nobody and the call ends "missed". The called number is 490000000001, fake in
# the same way.
#
# Nothing random is printed (the call_id is never shown), so the documentation
# can compare this tool's output verbatim. The endpoint token is a secret: every
# line printed, including exception texts and the --dry-run curl commands, shows
# it masked (all but its last 4 characters as "*") unless --show-token is given.
#
# Language: German when --lang de is given, or without --lang when the first
# non-empty of LC_ALL, LC_MESSAGES and LANG starts with "de"; English otherwise.
# Every text for the reader is written in English as _("...") (or N_("...") where
# it is only looked up later); GERMAN holds its German text under the same key.
# Zammad's answers, event, field and option names stay as they are.

import argparse
import ipaddress
import os
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
LANGUAGES = ("en", "de")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first non-empty one decides


# --- language ---------------------------------------------------------------------------

language = "en"  # set by main() before anything is printed


def N_(message):
    """Mark an English text for translation where it is defined; _() translates it where it is used."""
    return message


def _(message, **values):
    """The text in the reader's language, with {placeholders} filled in."""
    text = GERMAN.get(message, message) if language == "de" else message
    return text.format(**values) if values else text


def locale_language(environ):
    """'de' when the locale that decides message language is German, else 'en'."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            return "de" if value.startswith("de") else "en"
    return "en"


def requested_language(argv):
    """The value of --lang in argv, read before argparse runs (its help must already be translated)."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg[len("--lang="):]
        else:
            continue
        return value if value in LANGUAGES else None  # argparse reports a wrong value
    return None


# --- what the messages point to --------------------------------------------------------

TROUBLESHOOTING = N_("Troubleshooting")

# Documentation sections the messages point to: label -> (page title, section).
# tests/test_check.py proves that every label exists on that page, that the
# section's heading contains the words given here, and that the German page
# title and heading (GERMAN) are the ones of the German catalogues.
SECTIONS = {
    "trouble-disabled": (TROUBLESHOOTING, N_("422 Feature is disabled")),
    "trouble-not-configured": (TROUBLESHOOTING, N_("422 Feature not configured")),
    "trouble-invalid-token": (TROUBLESHOOTING, N_("401 Invalid token")),
    "trouble-invalid-direction": (TROUBLESHOOTING, N_("422 Invalid direction")),
    "trouble-wrong-url": (TROUBLESHOOTING, N_("404, a redirect or an HTML page instead of XML")),
    "trouble-server-error": (TROUBLESHOOTING, N_("5xx or a timeout")),
    "trouble-no-requests": (TROUBLESHOOTING, N_("No requests reach Zammad")),
    "trouble-empty-caller-log": (TROUBLESHOOTING, N_("The caller log stays empty")),
    "trouble-blocked-still-rings": (TROUBLESHOOTING,
                                    N_('200 with <Reject reason="busy"/>, but the call still rings')),
    "trouble-not-blocked": (TROUBLESHOOTING, N_("200 with <Response/> for a number you blocked")),
    "setting-blocked-caller-ids": (N_("Settings reference"), N_("Blocked caller IDs")),
    "endpoint-responses": (N_("Endpoint reference"), N_("Responses")),
}

# Zammad's error messages (FACTS: "Responses"; always English) -> (problem, fix, label).
ERRORS = {
    "Feature is disabled, please contact your administrator!": (
        N_("the Placetel integration in Zammad is switched off."),
        N_("switch on the toggle next to the heading of Zammad's Placetel page "
           "(Admin → System → Integrations → Placetel)."),
        "trouble-disabled"),
    "Feature not configured, please contact your admin!": (
        N_("the integration is switched on, but its settings were never saved."),
        N_("press Save once at the bottom of Zammad's Placetel page."),
        "trouble-not-configured"),
    "Invalid token, please contact your admin!": (
        N_("the token at the end of the address is not the one this Zammad expects."),
        N_("copy the whole address from the field Endpoint on Zammad's Placetel page, "
           "and paste it into Placetel's field URL of your API endpoint."),
        "trouble-invalid-token"),
    "Invalid direction!": (
        N_("Zammad could not tell the direction of the test call from this event."),
        N_("check that every request to this address reaches the same Zammad, then compare the two "
           "events of the test call in Recent Logs on Zammad's Placetel page."),
        "trouble-invalid-direction"),
}

# How the test call ends (HungUp type) -> what agents then see in the caller log.
CALLER_LOG = {
    "blocked": N_("Agents see the test call in Zammad's caller log as one blocked call."),
    "missed": N_("Agents see the test call in Zammad's caller log as one missed call."),
}


def see(label, message=N_("See {page} › {section} ({label}).")):
    page, section = SECTIONS[label]
    return _(message, page=_(page), section=_(section), label=label)


# --- checking the input -----------------------------------------------------------------

class BadInput(Exception):
    """Input the check refuses before sending anything (exit 2)."""


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
        raise BadInput(_("The address contains white space; copy it again from Zammad's field Endpoint."))
    try:
        parts = urlsplit(url)
    except ValueError:  # for example an unclosed [ of an IPv6 address
        raise BadInput(_("The address is not a valid URL; copy it again from Zammad's field Endpoint.")) from None
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise BadInput(_("ENDPOINT_URL must be the whole address from Zammad's field Endpoint, "
                         "starting with https://."))
    if not parts.hostname:
        raise BadInput(_("The address has no host name; copy it in full from Zammad's field Endpoint."))
    try:
        parts.port
    except ValueError:
        raise BadInput(_("The port in the address is not a number from 1 to 65535.")) from None
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise BadInput(_("Plain http:// is allowed only for 127.0.0.1, ::1 and localhost; "
                         "use the https:// address from Zammad's field Endpoint."))
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise BadInput(_("The address must end with the token, without a ? or # part; "
                         "copy it again from Zammad's field Endpoint."))
    if not parts.path.startswith(PATH_PREFIX):
        raise BadInput(_("The address must end with {prefix} and the token, "
                         "as Zammad's field Endpoint shows it.", prefix=PATH_PREFIX))
    token = parts.path[len(PATH_PREFIX):]
    if not token:
        raise BadInput(_("The token after {prefix} is missing; "
                         "copy the address in full from Zammad's field Endpoint.", prefix=PATH_PREFIX))
    if "/" in token:
        raise BadInput(_("The address must end with the token right after {prefix}, "
                         "with nothing after it.", prefix=PATH_PREFIX))
    return token


def check_options(args):
    """Raise BadInput for options that contradict each other or cannot be used."""
    if args.number is not None and args.check_block is not None:
        raise BadInput(_("Use either --from or --check-block: --check-block sets the caller's number."))
    for option, value in (("--from", args.number), ("--check-block", args.check_block)):
        if value is not None and not NUMBER.fullmatch(value):
            raise BadInput(_("{option} must be a phone number as Placetel sends it: digits, "
                             "perhaps with a leading +, for example 4930609854189.", option=option))
    if not args.timeout > 0 or args.timeout == float("inf"):
        raise BadInput(_("--timeout must be a number of seconds greater than 0."))


# --- reading an answer -----------------------------------------------------------------

class Answer:
    """What one response means: a one-line description, and either success or a problem."""

    def __init__(self, shown, problem=None, fix=None, label=None, rejected=False):
        self.shown, self.problem, self.fix, self.label = shown, problem, fix, label
        self.rejected = rejected


WRONG_URL_FIX = N_("copy the address again from Zammad's field Endpoint; "
                   "requests to /api/v1/placetel/ must reach Zammad without a login page or a redirect.")
COMPARE_FIX = N_("compare the answer with the list of Zammad's answers.")


def wrong_url(shown, problem):
    return Answer(shown, problem, _(WRONG_URL_FIX), "trouble-wrong-url")


def read_answer(response):
    status = response.status_code
    ctype = response.headers.get("Content-Type", "") or _("no content type")
    body = response.text
    if 300 <= status < 400:
        location = response.headers.get("Location")
        shown = _("{status}, a redirect to {location}", status=status, location=location) if location \
            else _("{status}, a redirect without a Location", status=status)
        return wrong_url(shown, _("the address redirects elsewhere instead of answering; "
                                  "this check does not follow redirects."))
    if status >= 500:
        return Answer(f"{status}, {ctype}", _("the server failed with status {status}.", status=status),
                      _("look at the log of the Zammad server, and of any proxy in front of it, "
                        "at the time of this check."), "trouble-server-error")
    head = body.lstrip()[:200].lower()
    if "html" in ctype.lower() or head.startswith(("<!doctype html", "<html")):
        title = re.search(r"<title[^>]*>(.*?)</title>", body, re.I | re.S)
        title = " ".join(title.group(1).split())[:80] if title else ""
        shown = _('{status}, an HTML page titled "{title}"', status=status, title=title) if title \
            else _("{status}, an HTML page", status=status)
        return wrong_url(shown, _("a web page answered, not Zammad's Placetel endpoint "
                                  "(a wrong address, a login page or a proxy)."))
    try:
        root = ElementTree.fromstring(response.content)
    except ElementTree.ParseError:
        shown = _("{status}, {content_type}, not XML", status=status, content_type=ctype)
        if status == 404:
            return wrong_url(shown, _("nothing answers at this address (404 Not Found)."))
        return wrong_url(shown, _("the answer is not XML, so it does not come from Zammad's Placetel endpoint."))
    compact = re.sub(r">\s+<", "><", re.sub(r"^\s*<\?xml[^>]*\?>", "", body)).strip()
    shown = f"{status}, {compact[:200]}"  # Zammad's answer as it came
    if root.tag != "Response":
        return wrong_url(shown, _("the XML answer is not Zammad's (<{tag}> instead of <Response>).", tag=root.tag))
    error = root.find("Error")
    if error is not None:
        message = (error.text or "").strip()
        if message in ERRORS:
            problem, fix, label = ERRORS[message]
            return Answer(shown, _(problem), _(fix), label)
        return Answer(shown, _("Zammad answered with an error this check does not know."),
                      _(COMPARE_FIX), "endpoint-responses")
    if status != 200:
        return Answer(shown, _("an XML answer with the unexpected status {status}.", status=status),
                      _(COMPARE_FIX), "endpoint-responses")
    return Answer(shown, rejected=root.find("Reject") is not None)


# --- a request that got no answer ----------------------------------------------------------

class NetworkProblem:
    """Why a request got no answer: kind (DNS, TLS, ...), problem, fix, label."""

    def __init__(self, kind, problem, fix, label):
        self.kind, self.problem, self.fix, self.label = _(kind), problem, fix, label


def causes(exc):
    """The exception, what caused it, urllib3's .reason, ... (at most 30, each once)."""
    chain, todo = [], [exc]
    while todo and len(chain) < 30:
        current = todo.pop()
        if not isinstance(current, BaseException) or any(current is e for e in chain):
            continue
        chain.append(current)
        todo.extend([current.__cause__, current.__context__, getattr(current, "reason", None),
                     *current.args])
    return chain


def network_problem(exc, url, timeout):
    """A NetworkProblem for a request that got no answer."""
    parts = urlsplit(url)
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    chain = causes(exc)
    names = {type(e).__name__ for e in chain}
    if isinstance(exc, requests.exceptions.Timeout) or any(isinstance(e, socket.timeout) for e in chain):
        return NetworkProblem(
            N_("timeout"), _("no answer from {host} within {timeout} seconds.", host=host, timeout=f"{timeout:g}"),
            _("check that Zammad is running and not overloaded; try again with a longer --timeout."),
            "trouble-server-error")
    if isinstance(exc, requests.exceptions.SSLError) or any(isinstance(e, ssl.SSLError) for e in chain):
        return tls_problem(chain, host, port)
    reach = _("Placetel must reach this address from the internet; "
              "check the host name in Zammad's field Endpoint and your firewall.")
    if "NameResolutionError" in names or any(isinstance(e, socket.gaierror) for e in chain):
        return NetworkProblem(N_("DNS"), _("the host name {host} could not be resolved.", host=host),
                              reach, "trouble-no-requests")
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or \
            any("Connection refused" in str(e) for e in chain):
        return NetworkProblem(
            N_("connection refused"), _("nothing accepts connections on {host} port {port}.", host=host, port=port),
            _("check that Zammad's web server is running and that the address has the right port."),
            "trouble-no-requests")
    cause = next((e for e in reversed(chain) if isinstance(e, OSError) and e.strerror), None)
    detail = cause.strerror if cause else type(chain[-1]).__name__
    if "RemoteDisconnected" in names or any(isinstance(e, ConnectionResetError) for e in chain):
        detail = _("the server closed the connection")
    return NetworkProblem(
        N_("connection failed"),
        _("the connection to {host} failed ({detail}) before an answer came.", host=host, detail=detail),
        reach, "trouble-no-requests")


def tls_problem(chain, host, port):
    tls = next((e for e in chain if isinstance(e, ssl.SSLError)), None)
    reason = getattr(tls, "verify_message", None) or getattr(tls, "reason", None)
    detail = f" ({reason})" if isinstance(reason, str) and reason else ""  # OpenSSL's words, in English
    if isinstance(tls, ssl.SSLCertVerificationError):
        return NetworkProblem(
            N_("TLS"), _("the HTTPS connection to {host} failed: its certificate could not be verified{detail}.",
                         host=host, detail=detail),
            _("give {host} a certificate from a recognised authority that names this host.", host=host),
            "trouble-no-requests")
    return NetworkProblem(
        N_("TLS"), _("the HTTPS connection to {host} port {port} failed{detail}.",
                     host=host, port=port, detail=detail.replace("_", " ").lower()),
        _("check that this address serves HTTPS on that port, with a current TLS version."),
        "trouble-no-requests")


# --- printing -------------------------------------------------------------------------------

class Printer:
    """Prints for the reader: the token masked (unless shown on purpose), sentences wrapped at WIDTH."""

    def __init__(self, out, token, show_token):
        self.out, self.token, self.show_token = out, token, show_token

    def say(self, text="", wrap=True):
        text = str(text)
        if not self.show_token:
            text = text.replace(self.token, mask(self.token))
        if wrap:  # short lines for terminals and for the documentation's examples
            text = wrapped(text)
        print(text, file=self.out)


def wrapped(text):
    return textwrap.fill(text, WIDTH, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)


class Finished(Exception):
    """The check ends early with this exit status; what went wrong is already printed."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


# --- the command ---------------------------------------------------------------------------

def hangup_type(first_answer):
    """How Placetel ends the test call: "blocked" when Zammad rejected it, else "missed" (nobody answers)."""
    return "blocked" if first_answer.rejected else "missed"


def incoming_call(number):
    return {"event": "IncomingCall", "from": number, "to": TO}


def hung_up(number, how):
    return {"event": "HungUp", "from": number, "to": TO, "type": how}


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
        description=_("Send one test call to your Zammad's Placetel endpoint, the way Placetel does, "
                      "and say whether it works and what to fix. Agents see the test call in the caller log."),
        epilog=_("Exit status: 0 works, 1 the endpoint answered with a problem, 2 bad input, "
                 "3 network failure (DNS, connection refused, TLS, timeout)."),
        add_help=False)
    arguments = parser.add_argument_group(_("positional arguments"))
    arguments.add_argument("url", metavar="ENDPOINT_URL",
                           help=_("the address from the field Endpoint on Zammad's Placetel page"))
    options = parser.add_argument_group(_("options"))
    options.add_argument("-h", "--help", action="help", help=_("show this help message and exit"))
    options.add_argument("--from", dest="number", metavar="NUMBER",
                         help=_("the caller's number of the test call (default {default}, which belongs to nobody)",
                                default=DEFAULT_FROM))
    options.add_argument("--check-block", metavar="NUMBER",
                         help=_("tell whether Zammad would reject a call from NUMBER (its blocked caller IDs)"))
    options.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                         help=_("give up waiting for an answer after this long (default {default})",
                                default=f"{DEFAULT_TIMEOUT:g}"))
    options.add_argument("--dry-run", action="store_true",
                         help=_("print the requests as curl commands and send nothing"))
    options.add_argument("--show-token", action="store_true",
                         help=_("print the endpoint token in full (it is masked otherwise)"))
    options.add_argument("--lang", choices=LANGUAGES,
                         help=_("the language of the output (default: German if the locale, "
                                "LC_ALL, LC_MESSAGES or LANG, is German, else English)"))
    return parser


def dry_run(args, number, printer):
    say = printer.say
    say(_("Dry run: nothing was sent. These are the two requests of the test call, as curl commands:"))
    say("call_id=$(openssl rand -hex 32)", wrap=False)
    for fields in (incoming_call(number), hung_up(number, "missed")):
        say(curl_command(args.url, fields, args.timeout), wrap=False)
    if args.check_block is None:
        say(_("Running them adds one missed call from {number} to Zammad's caller log.", number=number))
    else:
        say(_("Running them adds one call from {number} to Zammad's caller log.", number=number))
        say(_('The second command ends the call as missed; if Zammad answers the first with <Reject reason="busy"/>, '
              "send the second with type=blocked instead, as Placetel does for a rejected call."))
    if not args.show_token:
        say(_("The token is masked; add --show-token to print commands you can run."))


def send(session, args, fields, call_id, printer):
    """Post one event of the test call and print Zammad's answer; raise Finished on any problem."""
    say = printer.say
    data = {"event": fields["event"], "call_id": call_id, **{k: v for k, v in fields.items() if k != "event"}}
    try:
        response = session.post(args.url, data=data, timeout=args.timeout, allow_redirects=False, verify=True)
    except requests.exceptions.RequestException as exc:
        failure = network_problem(exc, args.url, args.timeout)
        say(_("{event}: no answer.", event=fields["event"]), wrap=False)
        say(_("Network failure ({kind}): {problem}", kind=failure.kind, problem=failure.problem))
        say(_("Fix: {fix}", fix=failure.fix))
        say(see(failure.label))
        raise Finished(3) from None
    except Exception as exc:  # never a traceback: it would show the token
        say(_("{event}: no answer.", event=fields["event"]), wrap=False)
        say(_("Network failure (the request could not be sent): {error}", error=f"{type(exc).__name__}: {exc}"))
        raise Finished(3) from None
    answer = read_answer(response)
    say(f"{fields['event']}: {answer.shown}", wrap=False)  # Zammad's answer as it came
    if answer.problem:
        say(_("Problem: {problem}", problem=answer.problem))
        say(_("Fix: {fix}", fix=answer.fix))
        say(see(answer.label))
        raise Finished(1)
    return answer


def send_test_call(args, number, printer):
    """Send IncomingCall, then HungUp ended as Placetel would end it; return how it ended."""
    call_id = secrets.token_hex(32)
    with requests.Session() as session:
        how = hangup_type(send(session, args, incoming_call(number), call_id, printer))
        send(session, args, hung_up(number, how), call_id, printer)
    return how


def foretold(args):
    """Whether the announcement may say how the call ends: the default number belongs to nobody, no one
    blocks it, so Zammad puts it through and it ends missed. Any other number is up to Zammad."""
    return args.check_block is None and args.number is None


def announce(args, number, printer):
    say = printer.say
    if args.check_block is not None:
        say(_("Checking whether Zammad would reject a call from {number}.", number=number))
    say(_("Sending a test call to {url}", url=args.url), wrap=False)  # the same lines for every address
    if foretold(args):
        say(_("Agents will see it in Zammad's caller log: one missed call from {number} to {to}.",
              number=number, to=TO))
    else:
        say(_("The test call comes from {number} and goes to {to}; how it ends depends on Zammad's answer.",
              number=number, to=TO))


def block_verdict(number, how, printer):
    say = printer.say
    if how == "blocked":
        say(_("Zammad would reject a call from {number}: it is on the list of blocked caller IDs.", number=number))
        say(_(CALLER_LOG[how]))
        say(_("Placetel follows a rejection only for numbers routed to the External API; "
              "confirm with a real call."))
        say(see("trouble-blocked-still-rings"))
    else:
        say(_("Zammad would put a call from {number} through: "
              "no blocked caller ID matches it character by character.", number=number))
        say(_(CALLER_LOG[how]))
        say(see("trouble-not-blocked"))


def verdict(args, number, how, printer):
    say = printer.say
    say(_("The endpoint works: Zammad accepted both events of the test call."))
    if how == "blocked":
        say(_("Zammad rejected the call because {number} is on the list of blocked caller IDs; "
              "use another --from for this check.", number=number))
    if how == "blocked" or not foretold(args):
        say(_(CALLER_LOG[how]))
    say(see("trouble-empty-caller-log", N_("If agents do not see the test call, see {page} › {section} ({label}).")))


def parse_arguments(argv):
    """The parsed arguments, or the exit status of --help or of argparse's own usage error."""
    try:
        return build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, or argparse's own usage error (already printed)
        return stop.code if isinstance(stop.code, int) else 2


def tolerant(stream):
    """A terminal that cannot show a character (› in a Latin-1 locale) gets "?" instead of a traceback."""
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="replace")
    return stream


def main(argv=None, out=None, err=None):
    global language
    out = out or tolerant(sys.stdout)
    err = err or tolerant(sys.stderr)
    argv = sys.argv[1:] if argv is None else list(argv)
    language = requested_language(argv) or locale_language(os.environ)
    args = parse_arguments(argv)
    if isinstance(args, int):
        return args
    language = args.lang or language  # also an abbreviated --la de

    try:
        token = parse_endpoint(args.url)
        check_options(args)
    except BadInput as problem:
        print(wrapped(_("error: {problem}", problem=problem)), file=err)
        return 2

    printer = Printer(out, token, args.show_token)
    number = args.check_block if args.check_block is not None else (args.number or DEFAULT_FROM)
    if args.dry_run:
        dry_run(args, number, printer)
        return 0
    announce(args, number, printer)
    try:
        how = send_test_call(args, number, printer)
    except Finished as end:
        return end.status
    if args.check_block is not None:
        block_verdict(number, how, printer)
    else:
        verdict(args, number, how, printer)
    return 0


# --- German ----------------------------------------------------------------------------------
# Formal "Sie"; Zammad's German labels (Endpunkt, Speichern, Aktuellste Protokolle,
# Anrufprotokoll, Agenten, das API-Token); Placetel's labels in English, as its
# interface spells them; the German pages' headings (locale/de/README.md).

GERMAN = {
    # pages and sections
    "Troubleshooting": "Fehlerbehebung",
    "Settings reference": "Referenz der Einstellungen",
    "Endpoint reference": "Referenz des Endpunkts",
    "422 Feature is disabled": "422 Feature is disabled",  # Zammad's English error text, also in German
    "422 Feature not configured": "422 Feature not configured",
    "401 Invalid token": "401 Invalid token",
    "422 Invalid direction": "422 Invalid direction",
    "404, a redirect or an HTML page instead of XML": "404, eine Weiterleitung oder eine HTML-Seite statt XML",
    "5xx or a timeout": "5xx oder eine Zeitüberschreitung",
    "No requests reach Zammad": "Keine Anfragen erreichen Zammad",
    "The caller log stays empty": "Das Anrufprotokoll bleibt leer",
    '200 with <Reject reason="busy"/>, but the call still rings':
        '200 mit <Reject reason="busy"/>, aber der Anruf klingelt trotzdem',
    "200 with <Response/> for a number you blocked": "200 mit <Response/> für eine blockierte Nummer",
    "Blocked caller IDs": "Blockierte Caller-IDs",
    "Responses": "Antworten",
    "See {page} › {section} ({label}).": "Siehe {page} › {section} ({label}).",
    "If agents do not see the test call, see {page} › {section} ({label}).":
        "Sehen die Agenten den Testanruf nicht, siehe {page} › {section} ({label}).",

    # bad input
    "error: {problem}": "Fehler: {problem}",
    "The address contains white space; copy it again from Zammad's field Endpoint.":
        "Die Adresse enthält Leerzeichen; kopieren Sie sie erneut aus dem Feld Endpunkt in Zammad.",
    "The address is not a valid URL; copy it again from Zammad's field Endpoint.":
        "Die Adresse ist keine gültige URL; kopieren Sie sie erneut aus dem Feld Endpunkt in Zammad.",
    "ENDPOINT_URL must be the whole address from Zammad's field Endpoint, starting with https://.":
        "ENDPOINT_URL muss die vollständige Adresse aus dem Feld Endpunkt in Zammad sein, "
        "beginnend mit https://.",
    "The address has no host name; copy it in full from Zammad's field Endpoint.":
        "Die Adresse enthält keinen Hostnamen; kopieren Sie sie vollständig aus dem Feld Endpunkt in Zammad.",
    "The port in the address is not a number from 1 to 65535.":
        "Der Port in der Adresse ist keine Zahl von 1 bis 65535.",
    "Plain http:// is allowed only for 127.0.0.1, ::1 and localhost; "
    "use the https:// address from Zammad's field Endpoint.":
        "Unverschlüsseltes http:// ist nur für 127.0.0.1, ::1 und localhost erlaubt; "
        "verwenden Sie die https://-Adresse aus dem Feld Endpunkt in Zammad.",
    "The address must end with the token, without a ? or # part; copy it again from Zammad's field Endpoint.":
        "Die Adresse muss mit dem Token enden, ohne einen Teil mit ? oder #; "
        "kopieren Sie sie erneut aus dem Feld Endpunkt in Zammad.",
    "The address must end with {prefix} and the token, as Zammad's field Endpoint shows it.":
        "Die Adresse muss wie im Feld Endpunkt in Zammad auf {prefix} und das Token enden.",
    "The token after {prefix} is missing; copy the address in full from Zammad's field Endpoint.":
        "Das Token nach {prefix} fehlt; kopieren Sie die Adresse vollständig aus dem Feld Endpunkt in Zammad.",
    "The address must end with the token right after {prefix}, with nothing after it.":
        "Die Adresse muss mit dem Token direkt nach {prefix} enden; danach darf nichts mehr folgen.",
    "Use either --from or --check-block: --check-block sets the caller's number.":
        "Verwenden Sie entweder --from oder --check-block: --check-block legt die Nummer des Anrufers fest.",
    "{option} must be a phone number as Placetel sends it: digits, perhaps with a leading +, "
    "for example 4930609854189.":
        "{option} muss eine Telefonnummer sein, wie Placetel sie sendet: Ziffern, gegebenenfalls mit "
        "einem + am Anfang, zum Beispiel 4930609854189.",
    "--timeout must be a number of seconds greater than 0.":
        "--timeout muss eine Anzahl Sekunden größer als 0 sein.",

    # answers
    "no content type": "ohne Content-Type",
    "{status}, a redirect to {location}": "{status}, eine Weiterleitung nach {location}",
    "{status}, a redirect without a Location": "{status}, eine Weiterleitung ohne Location",
    "the address redirects elsewhere instead of answering; this check does not follow redirects.":
        "Die Adresse leitet weiter, statt zu antworten; diese Prüfung folgt keinen Weiterleitungen.",
    "copy the address again from Zammad's field Endpoint; "
    "requests to /api/v1/placetel/ must reach Zammad without a login page or a redirect.":
        "Kopieren Sie die Adresse erneut aus dem Feld Endpunkt in Zammad. Anfragen an /api/v1/placetel/ "
        "müssen Zammad ohne Anmeldeseite und ohne Weiterleitung erreichen.",
    "the server failed with status {status}.": "Der Server meldet einen Fehler mit dem Status {status}.",
    "look at the log of the Zammad server, and of any proxy in front of it, at the time of this check.":
        "Sehen Sie zum Zeitpunkt dieser Prüfung im Protokoll des Zammad-Servers und jedes vorgeschalteten "
        "Proxys nach.",
    '{status}, an HTML page titled "{title}"': "{status}, eine HTML-Seite mit dem Titel „{title}“",
    "{status}, an HTML page": "{status}, eine HTML-Seite",
    "a web page answered, not Zammad's Placetel endpoint (a wrong address, a login page or a proxy).":
        "Eine Webseite hat geantwortet, nicht der Placetel-Endpunkt von Zammad (eine falsche Adresse, "
        "eine Anmeldeseite oder ein Proxy).",
    "{status}, {content_type}, not XML": "{status}, {content_type}, kein XML",
    "nothing answers at this address (404 Not Found).": "Unter dieser Adresse antwortet nichts (404 Not Found).",
    "the answer is not XML, so it does not come from Zammad's Placetel endpoint.":
        "Die Antwort ist kein XML, stammt also nicht vom Placetel-Endpunkt von Zammad.",
    "the XML answer is not Zammad's (<{tag}> instead of <Response>).":
        "Die XML-Antwort stammt nicht von Zammad (<{tag}> statt <Response>).",
    "Zammad answered with an error this check does not know.":
        "Zammad hat mit einem Fehler geantwortet, den diese Prüfung nicht kennt.",
    "compare the answer with the list of Zammad's answers.":
        "Vergleichen Sie die Antwort mit der Liste der Antworten von Zammad.",
    "an XML answer with the unexpected status {status}.":
        "Eine XML-Antwort mit dem unerwarteten Status {status}.",
    "the Placetel integration in Zammad is switched off.": "Die Placetel-Integration in Zammad ist ausgeschaltet.",
    "switch on the toggle next to the heading of Zammad's Placetel page "
    "(Admin → System → Integrations → Placetel).":
        "Schalten Sie die Integration mit dem Schalter neben der Überschrift der Placetel-Seite in Zammad "
        "ein (Admin › System › Integrationen › Placetel).",
    "the integration is switched on, but its settings were never saved.":
        "Die Integration ist eingeschaltet, aber ihre Einstellungen wurden nie gespeichert.",
    "press Save once at the bottom of Zammad's Placetel page.":
        "Klicken Sie einmal unten auf der Placetel-Seite in Zammad auf Speichern.",
    "the token at the end of the address is not the one this Zammad expects.":
        "Dieses Zammad erwartet ein anderes Token als das am Ende der Adresse.",
    "copy the whole address from the field Endpoint on Zammad's Placetel page, "
    "and paste it into Placetel's field URL of your API endpoint.":
        "Kopieren Sie die vollständige Adresse aus dem Feld Endpunkt auf der Placetel-Seite in Zammad "
        "und fügen Sie sie bei Placetel in das Feld URL of your API endpoint ein.",
    "Zammad could not tell the direction of the test call from this event.":
        "Zammad konnte aus diesem Ereignis die Richtung des Testanrufs nicht bestimmen.",
    "check that every request to this address reaches the same Zammad, then compare the two "
    "events of the test call in Recent Logs on Zammad's Placetel page.":
        "Stellen Sie sicher, dass jede Anfrage an diese Adresse dasselbe Zammad erreicht. Vergleichen Sie "
        "dann die beiden Ereignisse des Testanrufs unter Aktuellste Protokolle auf der Placetel-Seite in Zammad.",

    # network failures
    "timeout": "Zeitüberschreitung",
    "TLS": "TLS",
    "DNS": "DNS",
    "connection refused": "Verbindung abgelehnt",
    "connection failed": "Verbindung fehlgeschlagen",
    "no answer from {host} within {timeout} seconds.": "Keine Antwort von {host} innerhalb von {timeout} Sekunden.",
    "check that Zammad is running and not overloaded; try again with a longer --timeout.":
        "Prüfen Sie, ob Zammad läuft und nicht überlastet ist; versuchen Sie es erneut mit einem "
        "höheren Wert für --timeout.",
    "Placetel must reach this address from the internet; "
    "check the host name in Zammad's field Endpoint and your firewall.":
        "Placetel muss diese Adresse aus dem Internet erreichen; prüfen Sie den Hostnamen im Feld Endpunkt "
        "in Zammad und Ihre Firewall.",
    "the host name {host} could not be resolved.": "Der Hostname {host} konnte nicht aufgelöst werden.",
    "nothing accepts connections on {host} port {port}.":
        "Auf {host}, Port {port}, nimmt kein Dienst Verbindungen an.",
    "check that Zammad's web server is running and that the address has the right port.":
        "Prüfen Sie, ob der Webserver von Zammad läuft und ob die Adresse den richtigen Port enthält.",
    "the server closed the connection": "der Server hat die Verbindung geschlossen",
    "the connection to {host} failed ({detail}) before an answer came.":
        "Die Verbindung zu {host} ist fehlgeschlagen ({detail}), bevor eine Antwort kam.",
    "the HTTPS connection to {host} failed: its certificate could not be verified{detail}.":
        "Die HTTPS-Verbindung zu {host} ist fehlgeschlagen: Das Zertifikat ließ sich nicht prüfen{detail}.",
    "give {host} a certificate from a recognised authority that names this host.":
        "Statten Sie {host} mit einem Zertifikat einer anerkannten Zertifizierungsstelle aus, das auf "
        "diesen Hostnamen ausgestellt ist.",
    "the HTTPS connection to {host} port {port} failed{detail}.":
        "Die HTTPS-Verbindung zu {host}, Port {port}, ist fehlgeschlagen{detail}.",
    "check that this address serves HTTPS on that port, with a current TLS version.":
        "Prüfen Sie, ob diese Adresse auf diesem Port HTTPS mit einer aktuellen TLS-Version anbietet.",
    "{event}: no answer.": "{event}: keine Antwort.",
    "Network failure ({kind}): {problem}": "Netzwerkfehler ({kind}): {problem}",
    "Network failure (the request could not be sent): {error}":
        "Netzwerkfehler (die Anfrage konnte nicht gesendet werden): {error}",
    "Problem: {problem}": "Problem: {problem}",
    "Fix: {fix}": "Lösung: {fix}",

    # the test call
    "Checking whether Zammad would reject a call from {number}.":
        "Es wird geprüft, ob Zammad einen Anruf von {number} abweisen würde.",
    "Sending a test call to {url}": "Testanruf wird gesendet an {url}",
    "Agents will see it in Zammad's caller log: one missed call from {number} to {to}.":
        "Die Agenten sehen den Testanruf im Anrufprotokoll von Zammad als verpassten Anruf von {number} "
        "an {to}.",
    "The test call comes from {number} and goes to {to}; how it ends depends on Zammad's answer.":
        "Der Testanruf kommt von {number} und geht an {to}; wie er endet, hängt von der Antwort von Zammad ab.",
    "The endpoint works: Zammad accepted both events of the test call.":
        "Der Endpunkt funktioniert: Zammad hat beide Ereignisse des Testanrufs angenommen.",
    "Zammad rejected the call because {number} is on the list of blocked caller IDs; "
    "use another --from for this check.":
        "Zammad hat den Anruf abgewiesen, weil {number} auf der Liste der blockierten Caller-IDs steht; "
        "verwenden Sie für diese Prüfung eine andere Nummer mit --from.",
    "Agents see the test call in Zammad's caller log as one blocked call.":
        "Die Agenten sehen den Testanruf im Anrufprotokoll von Zammad als blockierten Anruf.",
    "Agents see the test call in Zammad's caller log as one missed call.":
        "Die Agenten sehen den Testanruf im Anrufprotokoll von Zammad als verpassten Anruf.",
    "Zammad would reject a call from {number}: it is on the list of blocked caller IDs.":
        "Zammad würde einen Anruf von {number} abweisen: Die Nummer steht auf der Liste der blockierten "
        "Caller-IDs.",
    "Placetel follows a rejection only for numbers routed to the External API; confirm with a real call.":
        "Placetel befolgt eine Abweisung nur bei Nummern, die auf External API geroutet sind; bestätigen Sie "
        "das Ergebnis mit einem echten Anruf.",
    "Zammad would put a call from {number} through: no blocked caller ID matches it character by character.":
        "Zammad würde einen Anruf von {number} durchstellen: Keine blockierte Caller-ID stimmt Zeichen für "
        "Zeichen mit der Nummer überein.",

    # dry run
    "Dry run: nothing was sent. These are the two requests of the test call, as curl commands:":
        "Probelauf: Es wurde nichts gesendet. Dies sind die beiden Anfragen des Testanrufs als curl-Befehle:",
    "Running them adds one missed call from {number} to Zammad's caller log.":
        "Wenn Sie sie ausführen, erscheint ein verpasster Anruf von {number} im Anrufprotokoll von Zammad.",
    "Running them adds one call from {number} to Zammad's caller log.":
        "Wenn Sie sie ausführen, erscheint ein Anruf von {number} im Anrufprotokoll von Zammad.",
    'The second command ends the call as missed; if Zammad answers the first with <Reject reason="busy"/>, '
    "send the second with type=blocked instead, as Placetel does for a rejected call.":
        "Der zweite Befehl beendet den Anruf als verpasst. Antwortet Zammad auf den ersten mit "
        '<Reject reason="busy"/>, senden Sie den zweiten stattdessen mit type=blocked, wie Placetel es bei '
        "einem abgewiesenen Anruf tut.",
    "The token is masked; add --show-token to print commands you can run.":
        "Das Token ist maskiert; mit --show-token erhalten Sie Befehle, die Sie ausführen können.",

    # --help
    "Send one test call to your Zammad's Placetel endpoint, the way Placetel does, "
    "and say whether it works and what to fix. Agents see the test call in the caller log.":
        "Sendet einen Testanruf an den Placetel-Endpunkt Ihres Zammad, so wie Placetel es tut, und sagt, "
        "ob er funktioniert und was zu beheben ist. Die Agenten sehen den Testanruf im Anrufprotokoll.",
    "Exit status: 0 works, 1 the endpoint answered with a problem, 2 bad input, "
    "3 network failure (DNS, connection refused, TLS, timeout).":
        "Exit-Status: 0 funktioniert, 1 der Endpunkt hat mit einem Problem geantwortet, 2 ungültige Eingabe, "
        "3 Netzwerkfehler (DNS, Verbindung abgelehnt, TLS, Zeitüberschreitung).",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "the address from the field Endpoint on Zammad's Placetel page":
        "die Adresse aus dem Feld Endpunkt auf der Placetel-Seite in Zammad",
    "show this help message and exit": "diese Hilfe anzeigen und beenden",
    "the caller's number of the test call (default {default}, which belongs to nobody)":
        "die Nummer des Anrufers beim Testanruf (Standard: {default}, eine Nummer, die niemandem gehört)",
    "tell whether Zammad would reject a call from NUMBER (its blocked caller IDs)":
        "prüfen, ob Zammad einen Anruf von NUMBER abweisen würde (blockierte Caller-IDs)",
    "give up waiting for an answer after this long (default {default})":
        "so viele Sekunden auf eine Antwort warten (Standard: {default})",
    "print the requests as curl commands and send nothing":
        "die Anfragen als curl-Befehle ausgeben und nichts senden",
    "print the endpoint token in full (it is masked otherwise)":
        "das Token des Endpunkts vollständig ausgeben (sonst wird es maskiert)",
    "the language of the output (default: German if the locale, LC_ALL, LC_MESSAGES or LANG, is German, "
    "else English)":
        "die Sprache der Ausgabe (Standard: Deutsch, wenn die Locale, LC_ALL, LC_MESSAGES oder LANG, "
        "deutsch ist, sonst Englisch)",
}


if __name__ == "__main__":
    sys.exit(main())
