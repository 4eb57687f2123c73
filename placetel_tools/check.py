"""Send a harmless test call to a Zammad Placetel endpoint and say in words whether it works and what to fix;
tell whether Zammad recognises the numbers in a text or a CSV file when Placetel reports a call from them.

Used by readers: the pages offer this one file for download (needs only requests)."""

# Usage (the pages offer this file for download alone: `python3 check.py ...` runs the same):
#   python -m placetel_tools check ENDPOINT_URL [--from NUMBER] [--check-block NUMBER]
#                                  [--timeout SECONDS] [--dry-run] [--show-token] [--lang en|de]
#                                  [--secret SECRET]
#   python -m placetel_tools check --recognise TEXT | --recognise-file FILE [--lang en|de]
#
# Exit status: 0 the endpoint works (with --check-block: whatever Zammad decided),
# 1 the endpoint answered with a problem, 2 bad input (nothing was sent),
# 3 the request failed on the network (DNS, connection refused, TLS, timeout).
# With --recognise or --recognise-file (nothing is sent, no ENDPOINT_URL): 0 Zammad
# reads at least one number and every one can match a call from Placetel, 1 one
# of them never matches (or Zammad reads none), 2 input that cannot be read.
#
# The test call is what Placetel sends for a call nobody answers: IncomingCall,
# then HungUp (with duration 0), both with one fresh call_id and direction "in". The HungUp's type follows Zammad's
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
# it is only looked up later, never as an f-string); TRANSLATIONS, at the end of
# this file, holds its German text under the same key, generated from the catalogue
# locale/de/LC_MESSAGES/check.po (placetel_tools/check_translations.py). Zammad's
# answers, event, field and option names stay as they are.
#
# The advice assumes the Zammad versions DESCRIBED_ZAMMAD, as the source of
# Zammad SOURCE_ZAMMAD shows them (the pages say the same; docs/upstream.json
# records when that source was last compared).

import argparse
import csv
import hashlib
import hmac
import io
import ipaddress
import os
import re
import secrets
import socket
import ssl
import sys
import textwrap
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

import requests

DEFAULT_FROM = "490000000000"
TO = "490000000001"
DEFAULT_TIMEOUT = 10.0
WIDTH = 79  # longer sentences continue on lines indented by two spaces (not addresses, not answers)
PATH_PREFIX = "/api/v1/placetel/"
NUMBER = re.compile(r"\+?[0-9]+")
LANGUAGES = ("en", "de")
DESCRIBED_ZAMMAD = "6.x–7.x"  # the Zammad versions the pages and this tool describe
SOURCE_ZAMMAD = "7.2"  # the Zammad source they were written against
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first non-empty one decides


# --- language ---------------------------------------------------------------------------

language = "en"  # set by main() before anything is printed


def N_(message):
    """Mark an English text for translation where it is defined; _() translates it where it is used."""
    return message


def _(message, **values):
    """The text in the reader's language, with {placeholders} filled in."""
    text = TRANSLATIONS.get(language, {}).get(message, message)
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
            value = arg[len("--lang=") :]
        else:
            continue
        return value if value in LANGUAGES else None  # argparse reports a wrong value
    return None


# --- what the messages point to --------------------------------------------------------

TROUBLESHOOTING = N_("Troubleshooting")
CALLER_RECOGNITION = N_("Caller recognition")

# Documentation sections the messages point to: label -> (page title, section).
# `make lint` (placetel_tools/lint/named_sections.py) proves that every label exists
# on that page, that the section's heading contains the words given here, and that
# each translation of the page title and heading is the one of the page's catalogue.
SECTIONS = {
    "trouble-disabled": (TROUBLESHOOTING, N_("422 Feature is disabled")),
    "trouble-not-configured": (TROUBLESHOOTING, N_("422 Feature not configured")),
    "trouble-invalid-token": (TROUBLESHOOTING, N_("401 Invalid token")),
    "trouble-invalid-direction": (TROUBLESHOOTING, N_("422 Invalid 'direction'")),
    "trouble-wrong-url": (TROUBLESHOOTING, N_("404, a redirect or an HTML page instead of XML")),
    "trouble-server-error": (TROUBLESHOOTING, N_("5xx or a timeout")),
    "trouble-no-requests": (TROUBLESHOOTING, N_("No requests reach Zammad")),
    "trouble-empty-caller-log": (TROUBLESHOOTING, N_("The caller log stays empty")),
    "trouble-blocked-still-rings": (
        TROUBLESHOOTING,
        N_('200 with <Reject reason="busy"/>, but the call still rings'),
    ),
    "trouble-not-blocked": (TROUBLESHOOTING, N_("200 with <Response/> for a number you blocked")),
    "setting-blocked-caller-ids": (N_("Settings reference"), N_("Blocked caller IDs")),
    "endpoint-responses": (N_("Endpoint reference"), N_("Responses")),
    "recognition-reading": (CALLER_RECOGNITION, N_("How Zammad reads a number")),
    "recognition-store": (CALLER_RECOGNITION, N_("Store numbers so that they match")),
    # what a proxy in front of Zammad answers itself (docs/protect-endpoint.rst)
    "trouble-proxy-401": (TROUBLESHOOTING, N_("401 Authorization Required from the proxy")),
    "trouble-proxy-403": (TROUBLESHOOTING, N_("403 Forbidden from the proxy")),
    "trouble-proxy-405": (TROUBLESHOOTING, N_("405 Not Allowed from the proxy")),
    "trouble-proxy-413": (TROUBLESHOOTING, N_("413 Request Entity Too Large from the proxy")),
    "trouble-proxy-429": (TROUBLESHOOTING, N_("429 Too Many Requests from the proxy")),
    "trouble-proxy-503": (TROUBLESHOOTING, N_("503 Service Temporarily Unavailable from the proxy")),
}

# Zammad's error messages (FACTS: "Responses"; always English) -> (problem, fix, label).
ERRORS = {
    "Feature is disabled, please contact your administrator!": (
        N_("the Placetel integration in Zammad is switched off."),
        N_(
            "switch on the toggle next to the heading of Zammad's Placetel page "
            "(Administration → System → Integrations → Placetel)."
        ),
        "trouble-disabled",
    ),
    "Feature not configured, please contact your admin!": (
        N_(
            "Zammad's stored Placetel configuration is empty or lacks its inbound or outbound part "
            "(a fresh installation never answers this)."
        ),
        N_(
            "check the blocked caller IDs and the mapping on Zammad's Placetel page, then press Save "
            "at the bottom of the page: it stores the configuration again."
        ),
        "trouble-not-configured",
    ),
    "Invalid token, please contact your admin!": (
        N_("the token at the end of the address is not the one this Zammad expects."),
        N_(
            "copy the whole address from the field Endpoint on Zammad's Placetel page, "
            "and paste it into Placetel's field URL of your API endpoint."
        ),
        "trouble-invalid-token",
    ),
    "Invalid 'direction'!": (
        N_("Zammad could not tell the direction of the test call from this event."),
        N_(
            "check that every request to this address reaches the same Zammad, then compare the two "
            "events of the test call in Recent Logs on Zammad's Placetel page."
        ),
        "trouble-invalid-direction",
    ),
}
ERRORS["Invalid direction!"] = ERRORS["Invalid 'direction'!"]  # the same answer of Zammad 5.0 and older

# How the test call ends (HungUp type) -> what agents then see in the caller log.
CALLER_LOG = {
    "blocked": N_("Agents see the test call in Zammad's caller log as one blocked call."),
    "missed": N_("Agents see the test call in Zammad's caller log as one missed call."),
}


SEE = N_("See {page} › {section} ({label}).")


def see(label, message=SEE):
    page, section = SECTIONS[label]
    return _(message, page=_(page), section=_(section), label=label)


# --- checking the input -----------------------------------------------------------------


class BadInput(Exception):
    """Input the check refuses before sending anything (exit 2)."""


def mask(token):
    """All but the last 4 characters as "*" (all but half of them for a token of 8 or fewer)."""
    keep = min(4, len(token) // 2)
    return "*" * (len(token) - keep) + token[len(token) - keep :]


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
        raise BadInput(
            _("The address is not a valid URL; copy it again from Zammad's field Endpoint.")
        ) from None
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise BadInput(
            _("ENDPOINT_URL must be the whole address from Zammad's field Endpoint, starting with https://.")
        )
    if not parts.hostname:
        raise BadInput(_("The address has no host name; copy it in full from Zammad's field Endpoint."))
    try:
        parts.port  # noqa: B018 -- reading it raises ValueError for a bad port
    except ValueError:
        raise BadInput(_("The port in the address is not a number from 1 to 65535.")) from None
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise BadInput(
            _(
                "Plain http:// is allowed only for 127.0.0.1, ::1 and localhost; "
                "use the https:// address from Zammad's field Endpoint."
            )
        )
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise BadInput(
            _(
                "The address must end with the token, without a ? or # part; "
                "copy it again from Zammad's field Endpoint."
            )
        )
    if not parts.path.startswith(PATH_PREFIX):
        raise BadInput(
            _(
                "The address must end with {prefix} and the token, as Zammad's field Endpoint shows it.",
                prefix=PATH_PREFIX,
            )
        )
    token = parts.path[len(PATH_PREFIX) :]
    if not token:
        raise BadInput(
            _(
                "The token after {prefix} is missing; copy the address in full from Zammad's field Endpoint.",
                prefix=PATH_PREFIX,
            )
        )
    if "/" in token:
        raise BadInput(
            _(
                "The address must end with the token right after {prefix}, with nothing after it.",
                prefix=PATH_PREFIX,
            )
        )
    return token


def recognising(args):
    """Whether this run checks numbers (--recognise, --recognise-file) instead of an endpoint."""
    return args.recognise is not None or args.recognise_file is not None


def check_mode(args):
    """Raise BadInput unless the arguments ask for exactly one thing: an endpoint check or numbers."""
    if args.recognise is not None and args.recognise_file is not None:
        raise BadInput(_("Use either --recognise or --recognise-file."))
    if recognising(args):
        if args.url is not None or any(
            value not in (None, False)
            for value in (args.number, args.check_block, args.timeout, args.dry_run, args.show_token)
        ):
            raise BadInput(
                _(
                    "--recognise and --recognise-file send nothing: leave out ENDPOINT_URL, --from, "
                    "--check-block, --timeout, --dry-run and --show-token."
                )
            )
    elif args.url is None:
        raise BadInput(
            _(
                "ENDPOINT_URL is missing: give the address from Zammad's field Endpoint, "
                "or use --recognise or --recognise-file."
            )
        )


def check_options(args):
    """Raise BadInput for options that contradict each other or cannot be used."""
    if args.number is not None and args.check_block is not None:
        raise BadInput(_("Use either --from or --check-block: --check-block sets the caller's number."))
    for option, value in (("--from", args.number), ("--check-block", args.check_block)):
        if value is not None and not NUMBER.fullmatch(value):
            raise BadInput(
                _(
                    "{option} must be a phone number: digits, perhaps with a leading +, exactly as "
                    "the from of a real call shows it, for example 022129191999.",
                    option=option,
                )
            )
    if not args.timeout > 0 or args.timeout == float("inf"):
        raise BadInput(_("--timeout must be a number of seconds greater than 0."))


# --- reading an answer -----------------------------------------------------------------


class Answer:
    """What one response means: a one-line description, and either success or a problem."""

    def __init__(self, shown, problem=None, fix=None, label=None, rejected=False):
        self.shown, self.problem, self.fix, self.label = shown, problem, fix, label
        self.rejected = rejected


WRONG_URL_FIX = N_(
    "copy the address again from Zammad's field Endpoint; "
    "requests to /api/v1/placetel/ must reach Zammad without a login page or a redirect."
)
COMPARE_FIX = N_("compare the answer with the list of Zammad's answers.")


def wrong_url(shown, problem):
    return Answer(shown, problem, _(WRONG_URL_FIX), "trouble-wrong-url")


def read_answer(response):
    proxied = proxy_answer(response)
    if proxied:
        return proxied
    status = response.status_code
    ctype = response.headers.get("Content-Type", "") or _("no content type")
    body = response.text
    if 300 <= status < 400:
        location = response.headers.get("Location")
        shown = (
            _("{status}, a redirect to {location}", status=status, location=location)
            if location
            else _("{status}, a redirect without a Location", status=status)
        )
        return wrong_url(
            shown,
            _("the address redirects elsewhere instead of answering; this check does not follow redirects."),
        )
    if status >= 500:
        return Answer(
            f"{status}, {ctype}",
            _("the server failed with status {status}.", status=status),
            _(
                "look at the log of the Zammad server, and of any proxy in front of it, "
                "at the time of this check."
            ),
            "trouble-server-error",
        )
    head = body.lstrip()[:200].lower()
    if "html" in ctype.lower() or head.startswith(("<!doctype html", "<html")):
        title = re.search(r"<title[^>]*>(.*?)</title>", body, re.I | re.S)
        title = " ".join(title.group(1).split())[:80] if title else ""
        shown = (
            _('{status}, an HTML page titled "{title}"', status=status, title=title)
            if title
            else _("{status}, an HTML page", status=status)
        )
        return wrong_url(
            shown,
            _(
                "a web page answered, not Zammad's Placetel endpoint "
                "(a wrong address, a login page or a proxy)."
            ),
        )
    try:
        root = ElementTree.fromstring(response.content)
    except ElementTree.ParseError:
        shown = _("{status}, {content_type}, not XML", status=status, content_type=ctype)
        if status == 404:
            return wrong_url(shown, _("nothing answers at this address (404 Not Found)."))
        return wrong_url(
            shown, _("the answer is not XML, so it does not come from Zammad's Placetel endpoint.")
        )
    compact = re.sub(r">\s+<", "><", re.sub(r"^\s*<\?xml[^>]*\?>", "", body)).strip()
    shown = f"{status}, {compact[:200]}"  # Zammad's answer as it came
    if root.tag != "Response":
        return wrong_url(
            shown, _("the XML answer is not Zammad's (<{tag}> instead of <Response>).", tag=root.tag)
        )
    error = root.find("Error")
    if error is not None:
        message = (error.text or "").strip()
        if message in ERRORS:
            problem, fix, label = ERRORS[message]
            return Answer(shown, _(problem), _(fix), label)
        return Answer(
            shown,
            _("Zammad answered with an error this check does not know."),
            _(COMPARE_FIX),
            "endpoint-responses",
        )
    if status != 200:
        return Answer(
            shown,
            _("an XML answer with the unexpected status {status}.", status=status),
            _(COMPARE_FIX),
            "endpoint-responses",
        )
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
        todo.extend([current.__cause__, current.__context__, getattr(current, "reason", None), *current.args])
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
            N_("timeout"),
            _("no answer from {host} within {timeout} seconds.", host=host, timeout=f"{timeout:g}"),
            _("check that Zammad is running and not overloaded; try again with a longer --timeout."),
            "trouble-server-error",
        )
    if isinstance(exc, requests.exceptions.SSLError) or any(isinstance(e, ssl.SSLError) for e in chain):
        return tls_problem(chain, host, port)
    reach = _(
        "Placetel must reach this address from the internet; "
        "check the host name in Zammad's field Endpoint and your firewall."
    )
    if "NameResolutionError" in names or any(isinstance(e, socket.gaierror) for e in chain):
        return NetworkProblem(
            N_("DNS"),
            _("the host name {host} could not be resolved.", host=host),
            reach,
            "trouble-no-requests",
        )
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or any(
        "Connection refused" in str(e) for e in chain
    ):
        return NetworkProblem(
            N_("connection refused"),
            _("nothing accepts connections on {host} port {port}.", host=host, port=port),
            _("check that Zammad's web server is running and that the address has the right port."),
            "trouble-no-requests",
        )
    cause = next((e for e in reversed(chain) if isinstance(e, OSError) and e.strerror), None)
    detail = cause.strerror if cause else type(chain[-1]).__name__
    if "RemoteDisconnected" in names or any(isinstance(e, ConnectionResetError) for e in chain):
        detail = _("the server closed the connection")
    return NetworkProblem(
        N_("connection failed"),
        _("the connection to {host} failed ({detail}) before an answer came.", host=host, detail=detail),
        reach,
        "trouble-no-requests",
    )


def tls_problem(chain, host, port):
    tls = next((e for e in chain if isinstance(e, ssl.SSLError)), None)
    reason = getattr(tls, "verify_message", None) or getattr(tls, "reason", None)
    detail = f" ({reason})" if isinstance(reason, str) and reason else ""  # OpenSSL's words, in English
    if isinstance(tls, ssl.SSLCertVerificationError):
        return NetworkProblem(
            N_("TLS"),
            _(
                "the HTTPS connection to {host} failed: its certificate could not be verified{detail}.",
                host=host,
                detail=detail,
            ),
            _("give {host} a certificate from a recognised authority that names this host.", host=host),
            "trouble-no-requests",
        )
    return NetworkProblem(
        N_("TLS"),
        _(
            "the HTTPS connection to {host} port {port} failed{detail}.",
            host=host,
            port=port,
            detail=detail.replace("_", " ").lower(),
        ),
        _("check that this address serves HTTPS on that port, with a current TLS version."),
        "trouble-no-requests",
    )


# --- printing -------------------------------------------------------------------------------


class Printer:
    """Prints for the reader: the token masked (unless shown on purpose), sentences wrapped at WIDTH."""

    def __init__(self, out, token, show_token):
        self.out, self.token, self.show_token = out, token, show_token
        self.hidden = []  # (text, shown instead): a password in the address, the --secret

    def hide(self, text, shown):
        if text:
            self.hidden.append((text, shown))

    def say(self, text="", wrap=True):
        text = str(text)
        if not self.show_token:
            text = text.replace(self.token, mask(self.token))
            for secret, shown in self.hidden:
                text = text.replace(secret, shown)
        if wrap:  # short lines for terminals and for the documentation's examples
            text = wrapped(text)
        print(text, file=self.out)


KEEP_TOGETHER = re.compile(r"(?<=[0-9)]) (?=[0-9(])")  # a number written with spaces: +49 30 609854189


def wrapped(text):
    text = KEEP_TOGETHER.sub("\0", text)  # never across two lines: a reader copies it
    return textwrap.fill(
        text, WIDTH, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False
    ).replace("\0", " ")


class Finished(Exception):
    """The check ends early with this exit status; what went wrong is already printed."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


# --- caller recognition: the numbers Zammad reads out of text ------------------------------------
# The project's one model of how Zammad recognises a caller (FACTS.md, "How Zammad recognises
# who is calling"): `--recognise` and `--recognise-file` print it, the pages' examples run those,
# placetel_tools/lint/recognition_check.py checks the results the pages state against it, and
# the tests import it. Zammad's rules:
#
# * Reading. Every run of 6 to 26 characters that are all digits, white space (space, tab, line
#   breaks), "-", "(", ")" or "|" is a number. Any other character ends a run: "/", ".", "+", a
#   letter. A longer stretch of such characters is read as runs of 26 from its start; a rest
#   shorter than 6 counts for nothing.
# * Normalising a run, in four steps: 1. white space and "-" go; 2. a bracketed part right after
#   a two-digit country code (written with or without "00") loses its brackets and a 0 at its
#   start when it holds only digits, so 49(0)30... becomes 4930... (49(0|30)... keeps its
#   brackets and becomes 49030... in step 3); 3. every other non-digit goes; 4. a leading "00" goes,
#   or else a leading single "0" becomes "49" (Zammad assumes Germany); other digits stay.
# * Looking a call up. The caller's number is normalised the same way. Users who have it as a
#   *known* number (read from any of their text fields) are found first; only when there is none
#   do *maybe* numbers count (read from the first article of a ticket a customer sent). At most
#   20 users. The caller log shows one entry per user found, with "maybe: " before the name
#   of a maybe match; Zammad also stores the names joined by commas (from_comment, "maybe "
#   before maybe matches) and shows that text only where it has no user to show.
#
# What a stored number means for a call is this tool's judgement, not Zammad's: whatever form
# Placetel sends a caller's number in (030..., 4930..., 004930...), Zammad reads it as the
# digits with the country code (E.164: at most 15 digits; the shortest in use have 7), so a
# stored number of another length, or one cut out of a longer number by "/" or ".", never
# matches.

WHITE_SPACE = " \t\n\r\f\v"  # what Zammad's patterns count as white space (no Unicode spaces)
SHORTEST_RUN, LONGEST_RUN = 6, 26
RUN = re.compile(rf"[0-9 \t\n\r\f\v|()-]{{{SHORTEST_RUN},{LONGEST_RUN}}}")
UNWRAP = re.compile(r"^((?:00)?[0-9]{2})\(0?([0-9]*)\)")  # step 2, on a run without white space
GERMANY = "49"
MOST_CALLERS = 20
SHORTEST, LONGEST = 7, 15  # digits of a phone number with its country code
SPLITTERS = "/.\\–—"  # characters people write between digit groups; each ends a run
# A number as a person wrote it: digits and the characters around them, a + only at the start.
WRITTEN = re.compile(r"\+?[0-9(][0-9 \t\n\r\f\v|()/.\\–—-]*")
DATE = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}\.(?:[0-9]{2}){1,2}")  # 12.03.2024 is no phone number
MATCHING = ("international", "national", "plain")  # the kinds of number that can match a call


def normalise(run):
    """The digits Zammad stores for one run of text (the caller's number goes the same way)."""
    number = re.sub(r"[ \t\n\r\f\v-]", "", run)
    number = UNWRAP.sub(r"\1\2", number, count=1)
    number = re.sub(r"[^0-9]", "", number)
    if number.startswith("00"):
        return number[2:]
    if number.startswith("0"):
        return GERMANY + number[1:]
    return number


class Reading(NamedTuple):
    """One number Zammad reads: where its run is in the text, the run, the digits stored."""

    start: int
    end: int
    run: str
    digits: str


def readings(text):
    """Every number Zammad reads from ``text``, in order (a run without digits stores nothing)."""
    found = []
    for match in RUN.finditer(text):
        digits = normalise(match.group())
        if digits:
            found.append(Reading(match.start(), match.end(), match.group(), digits))
    return found


def stored_numbers(text):
    """The digits Zammad stores for every number in ``text``: "030/609854189" -> ["609854189"]."""
    return [reading.digits for reading in readings(text)]


def lookup(number, known, maybe=()):
    """Whom Zammad finds for a call from ``number``: ("known" or "maybe", [names]), or (None, []).

    ``known``: (full name, text) for each text field of each user; ``maybe``: (sender's full
    name, text) for the first article of each ticket a customer sent."""
    wanted = normalise(number)
    for level, sources in (("known", known), ("maybe", maybe)):
        names = []
        for name, text in sources:
            if wanted and wanted in stored_numbers(text) and name not in names:
                names.append(name)
        if names:
            return level, names[:MOST_CALLERS]
    return None, []


def caller_log(number, known, maybe=()):
    """The entries the caller log shows for a call from ``number``, one per user found, "maybe: "
    before each maybe match ([] when Zammad finds nobody: it shows the number itself)."""
    level, names = lookup(number, known, maybe)
    return [f"maybe: {name}" if level == "maybe" else name for name in names]


def stored_comment(number, known, maybe=()):
    """The text Zammad stores with the call (from_comment): the names joined by commas, "maybe "
    before maybe matches ("" when Zammad finds nobody)."""
    level, names = lookup(number, known, maybe)
    shown = ",".join(names)
    return f"maybe {shown}" if level == "maybe" else shown


class Number(NamedTuple):
    """A number Zammad reads from a text, judged for a call from Placetel.

    kind: "international" (written with + or 00), "national" (a leading 0: read as German),
    "plain" (stored as written) -- these can match; "split" (cut out of a number by / or .),
    "bracket-zero" (a 0 in brackets kept), "too-long", "too-short" -- these never match."""

    digits: str
    kind: str
    shown: str  # the number as written in the text
    char: str = ""  # the character that splits it
    expected: str = ""  # the digits Zammad reads from a call from the number meant, if known
    fix: str = ""  # how to write it instead

    @property
    def matches(self):
        return self.kind in MATCHING


class Lost(NamedTuple):
    """A number as written of which Zammad reads nothing: dots or slashes cut it into short parts."""

    shown: str
    char: str
    expected: str = ""
    fix: str = ""


def written_internationally(text):
    """``text`` written with + and the country code: "030 609854189" -> "+49 30 609854189"."""
    text = " ".join(re.sub(r"\(\s*0\s*\)", " ", text).split())  # (0) after a country code
    bracketed = re.fullmatch(r"\((0[0-9 ]*)\)\s*(.*)", text)  # (030) 609854189
    if bracketed:
        text = f"{bracketed.group(1).strip()} {bracketed.group(2)}"
    if text.startswith("+"):
        return text
    if text.startswith("00"):
        return "+" + text[2:]
    if text.startswith("0"):
        return f"+{GERMANY} {text[1:]}"
    return "+" + text


def meant(written):
    """(digits Zammad reads from a call, how to write it) for a number written with / or . between its
    digits, read as if those were spaces; ("", "") when that is no phone number either."""
    joined = re.sub(f"[{re.escape(SPLITTERS)}]", " ", written)
    numbers = stored_numbers(joined)
    if len(numbers) != 1 or not SHORTEST <= len(numbers[0]) <= LONGEST:
        return "", ""
    fix = written_internationally(joined)
    return numbers[0], fix if stored_numbers(fix) == numbers else "+" + numbers[0]


def _splitter_beside(text, index, step):
    """The splitter next to a number's edge at ``index`` (going ``step``) with a digit beyond it
    (white space allowed around it), or ""."""

    def skip(i):
        while 0 <= i < len(text) and text[i] in WHITE_SPACE:
            i += step
        return i

    i = skip(index)
    if not (0 <= i < len(text) and text[i] in SPLITTERS):
        return ""
    j = skip(i + step)
    return text[i] if 0 <= j < len(text) and text[j].isdigit() else ""


def _written_spans(text):
    """(start, end) of each number as a person wrote it, trailing punctuation left out."""
    spans = []
    for match in WRITTEN.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in WHITE_SPACE + "|(-" + SPLITTERS:
            end -= 1
        if any(ch.isdigit() for ch in text[match.start() : end]):
            spans.append((match.start(), end))
    return spans


def judge(text, reading):
    """The Number ``reading`` is, in ``text``."""
    run = reading.run
    lo = reading.start + len(run) - len(run.lstrip(WHITE_SPACE))
    hi = reading.start + len(run.rstrip(WHITE_SPACE))
    plus = text[:lo].rstrip(WHITE_SPACE).endswith("+")
    raw = re.sub(r"[^0-9]", "", run)
    prefix = "00" if raw.startswith("00") else "0" if raw.startswith("0") else "+" if plus else ""
    shown = ("+" if plus else "") + " ".join(text[lo:hi].split())
    digits = reading.digits
    fits = SHORTEST <= len(digits) <= LONGEST

    # A 0 in brackets that Zammad keeps: after a country code that is not two digits long.
    without_zero = normalise(re.sub(r"\(\s*0", "(", run))
    bracket_zero = prefix in ("+", "00") and without_zero != digits

    char = _splitter_beside(text, lo - 1, -1) or _splitter_beside(text, hi, 1)
    if char and not (prefix and fits and not bracket_zero):  # a complete number next to a / is fine
        start, end = next(((s, e) for s, e in _written_spans(text) if s <= lo < e), (lo, hi))
        written = " ".join(text[start:end].split())
        expected, fix = meant(written)
        return Number(digits, "split", written, char, expected, fix)
    if bracket_zero:
        fixed = ("+" if plus else "") + re.sub(r"\(\s*0\s*\)", " ", text[lo:hi])
        return Number(
            digits, "bracket-zero", shown, expected=without_zero, fix=written_internationally(fixed)
        )
    if len(digits) > LONGEST:
        return Number(digits, "too-long", shown)
    if len(digits) < SHORTEST:
        return Number(digits, "too-short", shown)
    kind = "international" if prefix in ("+", "00") else "national" if prefix == "0" else "plain"
    return Number(digits, kind, shown)


def recognise(text):
    """(every number Zammad reads from ``text``, judged; numbers written there of which it reads
    nothing because / or . cut them into parts too short to count)."""
    found = readings(text)
    numbers = [judge(text, reading) for reading in found]
    lost = []
    for start, end in _written_spans(text):
        written = " ".join(text[start:end].split())
        split = re.search(rf"[0-9]\s*([{re.escape(SPLITTERS)}])\s*[0-9]", written)
        digits = sum(ch.isdigit() for ch in written)
        if (
            split
            and digits >= SHORTEST
            and not DATE.fullmatch(written)
            and not any(
                start <= r.start + i < end for r in found for i, ch in enumerate(r.run) if ch.isdigit()
            )
        ):
            lost.append(Lost(written, split.group(1), *meant(written)))
    return numbers, lost


# --- caller recognition: what the reader sees ----------------------------------------------------

PHONE_COLUMNS = ("phone", "mobil", "fax", "telefon", "handy")  # parts of a column name, any case
CSV_DELIMITERS = (",", ";", "\t")


def tail(expected, fix, char):
    if expected:
        return _(
            "Zammad reads a call from this number as {expected}. Write {fix}.", expected=expected, fix=fix
        )
    return _('Write the number without "{char}", with + and its country code.', char=char)


def describe(number):
    """What a Number means for a call from Placetel: sentences starting with its digits."""
    values = {"digits": number.digits, "number": number.shown}
    if number.kind == "international":
        return _(
            "{digits}: matches. Zammad reads a call from {number} as {digits} too, in whatever form Placetel "
            "sends the number.",
            **values,
        )
    if number.kind == "national":
        return _(
            "{digits}: matches if the number is German. Zammad reads the leading 0 of {number} as "
            "Germany's country code 49, and a call from this German number as {digits} too. "
            "For a number in another country, write + and its country code instead of the 0.",
            **values,
        )
    if number.kind == "plain":
        return _(
            "{digits}: matches if these digits start with the country code: Zammad keeps a number "
            "without + or a leading 0 as written. If the country code is missing, write the number with + "
            "and its country code.",
            **values,
        )
    if number.kind == "split":
        return (
            _(
                '{digits}: never matches. The character "{char}" splits {number}, and Zammad keeps only '
                "this part.",
                char=number.char,
                **values,
            )
            + " "
            + tail(number.expected, number.fix, number.char)
        )
    if number.kind == "bracket-zero":
        return (
            _(
                "{digits}: never matches. Zammad drops a 0 in brackets only after a two-digit country code, "
                "so the 0 in {number} stays.",
                **values,
            )
            + " "
            + tail(number.expected, number.fix, "(0)")
        )
    if number.kind == "too-long":
        return _(
            "{digits}: never matches: {count} digits are more than any phone number has ({longest} at "
            "most). If {number} holds several numbers, put each in a field of its own or separate them "
            "with a comma: spaces and line breaks join them.",
            count=len(number.digits),
            longest=LONGEST,
            **values,
        )
    return _(
        "{digits}: never matches: {count} digits are fewer than any phone number with its country code "
        "has ({shortest} at least). If {number} is a phone number, write it in full, with + and the "
        "country code.",
        count=len(number.digits),
        shortest=SHORTEST,
        **values,
    )


def describe_lost(lost):
    return (
        _(
            'Zammad reads no number from {number}: the character "{char}" splits it into parts shorter than '
            "{run} characters.",
            number=lost.shown,
            char=lost.char,
            run=SHORTEST_RUN,
        )
        + " "
        + tail(lost.expected, lost.fix, lost.char)
    )


def recognise_text(text, printer):
    """--recognise: every number Zammad reads from text, one per line; the exit status."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 reach Python as lone surrogates
        raise BadInput(_("The text after --recognise is not valid UTF-8.")) from None
    numbers, lost = recognise(text)
    for number in numbers:
        printer.say(describe(number))
    for part in lost:
        printer.say(describe_lost(part))
    if not numbers and not lost:
        printer.say(
            _(
                "Zammad reads no number from this text: a number needs at least {run} characters in a "
                "row that are digits, spaces, -, (, ) or |.",
                run=SHORTEST_RUN,
            )
        )
        printer.say(see("recognition-reading"))
        return 1
    matching = any(number.matches for number in numbers)
    if matching:
        printer.say(_(CALLER_LOG_NAME))
    if lost or not all(number.matches for number in numbers):
        printer.say(_(CALLER_LOG_NUMBER))
        printer.say(see("recognition-store"))
        return 1
    return 0


# What the caller log shows for a call from a number that matches, or that never matches.
CALLER_LOG_NAME = N_(
    "In the caller log, a call from a number that matches shows the name of the user who has it."
)
CALLER_LOG_NUMBER = N_(
    "In the caller log, a call from a number that never matches shows only the caller's number, "
    "with a button New User."
)


def read_csv(name):
    """(header, [(line, row), ...]) of the CSV file ``name``; BadInput if it cannot be read as one."""
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise BadInput(_("Cannot read {file}: it does not exist.", file=name)) from None
    except IsADirectoryError:
        raise BadInput(_("Cannot read {file}: it is a folder.", file=name)) from None
    except PermissionError:
        raise BadInput(_("Cannot read {file}: permission denied.", file=name)) from None
    except OSError as error:
        raise BadInput(
            _("Cannot read {file}: {reason}.", file=name, reason=error.strerror or error)
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(_("{file} is not UTF-8 text; save it as CSV in UTF-8.", file=name)) from None
    if not text.strip():
        raise BadInput(_("{file} is empty.", file=name))
    if "\0" in text:
        raise BadInput(_("{file} is not a CSV file: it holds binary data.", file=name))
    first = text.splitlines()[0]
    delimiter = max(CSV_DELIMITERS, key=first.count) if any(d in first for d in CSV_DELIMITERS) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows, header = [], None
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise BadInput(
                _(
                    "{file} is not a CSV file: line {line} cannot be read as CSV ({error}).",
                    file=name,
                    line=line,
                    error=error,
                )
            ) from None
        if not row:
            continue  # an empty line
        if header is None:
            header = row
        elif len(row) != len(header):
            raise BadInput(
                _(
                    "{file} is not a CSV file: line {line} has {count} fields, the first line has {columns}.",
                    file=name,
                    line=line,
                    count=len(row),
                    columns=len(header),
                )
            )
        else:
            rows.append((line, row))
    return header, rows


def phone_columns(header):
    """The indexes of the columns named like phone, mobile, fax, Telefon or Handy."""
    return [index for index, name in enumerate(header) if any(part in name.lower() for part in PHONE_COLUMNS)]


def recognise_file(name, printer):
    """--recognise-file: every number in a CSV file that never matches a call; the exit status."""
    say = printer.say
    header, rows = read_csv(name)
    columns = phone_columns(header)
    titles = [header[index].strip() or str(index + 1) for index in range(len(header))]
    if columns:
        say(
            _(
                "Reading the columns {columns} of {file}.",
                columns=", ".join(titles[i] for i in columns),
                file=name,
            )
        )
    else:
        say(
            _(
                "No column of {file} is named like phone, mobile, fax, Telefon or Handy: reading every column.",
                file=name,
            )
        )
        columns = list(range(len(header)))
    total = never = national = plain = 0
    for line, row in rows:
        for index in columns:
            numbers, lost = recognise(row[index])
            where = f"{name}:{line}, {titles[index]}: "
            total += len(numbers) + len(lost)
            for number in numbers:
                if not number.matches:
                    never += 1
                    say(where + describe(number))
                national += number.kind == "national"
                plain += number.kind == "plain"
            for part in lost:
                never += 1
                say(where + describe_lost(part))
    if not total:
        say(_("Zammad reads no number from {file}.", file=name))
        say(see("recognition-reading"))
        return 1
    if never:
        say(_("Numbers that never match a call: {count} of {total}.", count=never, total=total))
    else:
        say(
            _(
                "Numbers Zammad reads from {file}: {total}; every one can match a call.",
                file=name,
                total=total,
            )
        )
    if national:
        say(
            _(
                "Numbers written with a leading 0, which Zammad reads as German: {count}. Write those that are "
                "not German with + and their country code.",
                count=national,
            )
        )
    if plain:
        say(
            _(
                "Numbers written without + or a leading 0, which Zammad keeps as written: {count}. They match "
                "only if they start with the country code.",
                count=plain,
            )
        )
    if never:
        say(_(CALLER_LOG_NUMBER))
        say(see("recognition-store"))
        return 1
    return 0


# --- a proxy in front of Zammad -------------------------------------------------------------
# docs/protect-endpoint.rst: a reverse proxy may log in Placetel with basic auth (credentials in the
# endpoint address), check Placetel's signature, allow only POST and small bodies, limit the rate.
# Its own answers are never Zammad's XML; these are named here (tests/test_recipes.py runs the
# page's nginx recipes and this check against them).

SIGNATURE_HEADER = "X-PLACETEL-SIGNATURE"
HIDDEN = "********"  # how a password or a secret is printed (unless --show-token)


def signature(secret, body):
    """Placetel's X-PLACETEL-SIGNATURE of a request body: the hex HMAC-SHA256, keyed with ``secret``."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def request_headers(body, secret):
    """The headers of one event: form-encoded, and signed as Placetel signs it when there is a secret."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if secret is not None:
        headers[SIGNATURE_HEADER] = signature(secret, body)
    return headers


def check_secret(args):
    if args.secret is not None and not args.secret:
        raise BadInput(_("--secret must not be empty: give the shared secret set in Placetel."))


def hide_credentials(printer, args):
    """The password of https://USER:PASSWORD@… and the --secret are never printed in full."""
    password = urlsplit(args.url).password
    if password:
        printer.hide(f":{password}@", f":{HIDDEN}@")
    if args.secret:
        printer.hide(args.secret, HIDDEN)


def html_title(body):
    title = re.search(r"<title[^>]*>(.*?)</title>", body, re.I | re.S)
    return " ".join(title.group(1).split())[:80] if title else ""


def proxy_shown(response):
    """One line for an answer that is not Zammad's: its status and what it says."""
    status, body = response.status_code, response.text
    title = html_title(body)
    if title:
        return _('{status}, an HTML page titled "{title}"', status=status, title=title)
    ctype = response.headers.get("Content-Type", "") or _("no content type")
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")[:80]
    return f"{status}, {ctype}, {first}" if first else f"{status}, {ctype}"


PROXY_FIXES = {
    405: (
        N_("the proxy in front of Zammad does not let POST requests to /api/v1/placetel/ through."),
        N_("let POST requests to /api/v1/placetel/ reach Zammad; refuse only the other methods."),
    ),
    413: (
        N_(
            "the proxy in front of Zammad refused the request as too large, although an event of "
            "Placetel has a few hundred bytes."
        ),
        N_("allow bodies of at least 8 KB for /api/v1/placetel/ (nginx: client_max_body_size 8k)."),
    ),
    429: (
        N_(
            "the proxy in front of Zammad limits the requests from this address, and the limit is used "
            "up: it is lower than the traffic, or a flood used it up."
        ),
        N_(
            "look in the proxy's access log for who sends so many requests; if real calls hit the limit, "
            "raise its burst or rate."
        ),
    ),
    503: (
        N_(
            "the server in front of Zammad answered 503: Zammad behind it is unavailable, or a rate "
            "limit answered with nginx's default status."
        ),
        N_(
            "check that Zammad runs and look in the proxy's error log; give the rate limit its own "
            "status (nginx: limit_req_status 429) to tell the two apart."
        ),
    ),
}


def proxy_answer(response):
    """The Answer for what a proxy in front of Zammad answered itself (401 with WWW-Authenticate,
    403, 405, 413, 429, 503, never XML), or None for anything else."""
    status = response.status_code
    if status not in (401, 403, *PROXY_FIXES) or "xml" in response.headers.get("Content-Type", "").lower():
        return None
    if status == 401 and not response.headers.get("WWW-Authenticate"):
        return None
    sent = response.request.headers if response.request is not None else {}
    shown, label = proxy_shown(response), f"trouble-proxy-{status}"
    if status == 401 and "Authorization" in sent:
        problem = _("the proxy in front of Zammad does not accept the user name and password in the address.")
    elif status == 401:
        problem = _(
            "the proxy in front of Zammad asks for a login (basic auth), and the address has no user "
            "name and password."
        )
    if status == 401:
        fix = _(
            "write the user name and password of the proxy's password file into the address, as "
            "https://USER:PASSWORD@host/api/v1/placetel/TOKEN, here and in Placetel's field URL of "
            "your API endpoint."
        )
    elif status == 403 and SIGNATURE_HEADER in sent:
        problem = _(
            "the proxy in front of Zammad refused the signed request: the secret given with --secret "
            "is not the proxy's, or the proxy refuses for another reason."
        )
        fix = _(
            "set one shared secret in Placetel (Settings › External APIs) and on the proxy, then check "
            "again with that --secret."
        )
    elif status == 403:
        problem = _(
            "the proxy in front of Zammad refused the request; if it checks Placetel's signature, this "
            "test call was not signed."
        )
        fix = _(
            "give the shared secret set in Placetel and on the proxy with --secret; if the proxy checks "
            "no signature, look at its access rules for /api/v1/placetel/."
        )
    else:
        problem, fix = (_(text) for text in PROXY_FIXES[status])
    return Answer(shown, problem, fix, label)


def signed_curl_command(url, fields, timeout, secret):
    """A curl command that posts ``fields`` (call_id from the shell) signed as Placetel signs them."""

    def quoted(text):
        return "'" + text.replace("'", "'\\''") + "'"

    order = ("event", "call_id", "from", "to", "type", "duration", "direction")  # as curl_command's
    names = [name for name in order if name in fields or name == "call_id"]
    body = "&".join(
        "call_id=$call_id" if name == "call_id" else urlencode({name: fields[name]}) for name in names
    )
    lines = [
        f'body="{body}"',
        f"curl --silent --show-error --max-time {timeout:g} \\",
        f'    --header "{SIGNATURE_HEADER}: $(printf %s "$body" | openssl dgst -sha256 -hmac {quoted(secret)} -r '
        "| cut -d' ' -f1)\" \\",
        "    --header 'Content-Type: application/x-www-form-urlencoded' \\",
        '    --data-binary "$body" \\',
        "    --write-out '%{http_code} %{content_type}\\n' \\",
        f"    {quoted(url)}",
    ]
    return "\n".join(lines)


# --- the command ---------------------------------------------------------------------------


def hangup_type(first_answer):
    """How Placetel ends the test call: "blocked" when Zammad rejected it, else "missed" (nobody answers)."""
    return "blocked" if first_answer.rejected else "missed"


def incoming_call(number):
    return {"event": "IncomingCall", "from": number, "to": TO, "direction": "in"}


def hung_up(number, how):
    return {"event": "HungUp", "from": number, "to": TO, "type": how, "duration": "0", "direction": "in"}


def curl_command(url, fields, timeout):
    def quoted(text):
        return "'" + text.replace("'", "'\\''") + "'"

    lines = [f"curl --silent --show-error --max-time {timeout:g}"]
    for name in ("event", "call_id", "from", "to", "type", "duration", "direction"):
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
        description=_(
            "Send one test call to your Zammad's Placetel endpoint, the way Placetel does, "
            "and say whether it works and what to fix. Agents see the test call in the caller log."
        ),
        epilog=_(
            "Exit status: 0 works, 1 the endpoint answered with a problem, 2 bad input, "
            "3 network failure (DNS, connection refused, TLS, timeout)."
        )
        + " "
        + _(
            "With --recognise or --recognise-file: 0 every number can match a call, 1 one never matches "
            "or there is none, 2 unreadable input."
        )
        + " "
        + _(
            "The advice assumes Zammad {versions}, as the source of Zammad {source} shows them.",
            versions=DESCRIBED_ZAMMAD,
            source=SOURCE_ZAMMAD,
        ),
        add_help=False,
    )
    arguments = parser.add_argument_group(_("positional arguments"))
    arguments.add_argument(
        "url",
        metavar="ENDPOINT_URL",
        nargs="?",
        help=_("the address from the field Endpoint on Zammad's Placetel page"),
    )
    options = parser.add_argument_group(_("options"))
    options.add_argument("-h", "--help", action="help", help=_("show this help message and exit"))
    options.add_argument(
        "--from",
        dest="number",
        metavar="NUMBER",
        help=_(
            "the caller's number of the test call (default {default}, which belongs to nobody)",
            default=DEFAULT_FROM,
        ),
    )
    options.add_argument(
        "--check-block",
        metavar="NUMBER",
        help=_(
            "tell whether Zammad would reject a call from NUMBER (its blocked caller IDs); give NUMBER "
            "exactly as the from of a real call shows it"
        ),
    )
    options.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help=_(
            "give up waiting for an answer after this long (default {default})",
            default=f"{DEFAULT_TIMEOUT:g}",
        ),
    )
    options.add_argument(
        "--dry-run", action="store_true", help=_("print the requests as curl commands and send nothing")
    )
    options.add_argument(
        "--show-token",
        action="store_true",
        help=_("print the endpoint token in full (it is masked otherwise)"),
    )
    options.add_argument(
        "--secret",
        metavar="SECRET",
        help=_(
            "sign each request with this shared secret as Placetel does (X-PLACETEL-SIGNATURE), "
            "for a proxy that checks the signature; never printed unless --show-token"
        ),
    )
    options.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_(
            "the language of the output (default: German if the locale, "
            "LC_ALL, LC_MESSAGES or LANG, is German, else English)"
        ),
    )
    recognition = parser.add_argument_group(_("caller recognition (nothing is sent)"))
    recognition.add_argument(
        "--recognise",
        metavar="TEXT",
        help=_("print every number Zammad reads from TEXT and whether a call from Placetel can match it"),
    )
    recognition.add_argument(
        "--recognise-file",
        metavar="FILE",
        help=_(
            "list every number in the phone, mobile and fax columns of the CSV file "
            "FILE (in every column if none is named so) that never matches a call"
        ),
    )
    return parser


def dry_run(args, number, printer):
    say = printer.say
    say(_("Dry run: nothing was sent. These are the two requests of the test call, as curl commands:"))
    say("call_id=$(openssl rand -hex 32)", wrap=False)
    for fields in (incoming_call(number), hung_up(number, "missed")):
        if args.secret is None:
            say(curl_command(args.url, fields, args.timeout), wrap=False)
        else:
            say(signed_curl_command(args.url, fields, args.timeout, args.secret), wrap=False)
    if args.check_block is None:
        say(_("Running them adds one missed call from {number} to Zammad's caller log.", number=number))
    else:
        say(_("Running them adds one call from {number} to Zammad's caller log.", number=number))
        say(
            _(
                'The second command ends the call as missed; if Zammad answers the first with <Reject reason="busy"/>, '
                "send the second with type=blocked instead, as Placetel does for a rejected call."
            )
        )
    if not args.show_token:
        say(_("The token is masked; add --show-token to print commands you can run."))


LOST_CALL = N_(
    "Zammad could not end the test call: it accepted the IncomingCall, but has no entry for the call "
    "when the HungUp arrives."
)
LOST_CALL_FIX = ERRORS["Invalid 'direction'!"][1]  # every request must reach the same Zammad


def send(session, args, fields, call_id, printer):
    """Post one event of the test call and print Zammad's answer; raise Finished on any problem."""
    say = printer.say
    data = {"event": fields["event"], "call_id": call_id, **{k: v for k, v in fields.items() if k != "event"}}
    body = urlencode(data)  # the bytes sent are the bytes signed
    try:
        response = session.post(
            args.url,
            data=body.encode("ascii"),
            headers=request_headers(body, args.secret),
            timeout=args.timeout,
            allow_redirects=False,
            verify=True,
        )
    except requests.exceptions.RequestException as exc:
        failure = network_problem(exc, args.url, args.timeout)
        say(_("{event}: no answer.", event=fields["event"]), wrap=False)
        say(_("Network failure ({kind}): {problem}", kind=failure.kind, problem=failure.problem))
        say(_("Fix: {fix}", fix=failure.fix))
        say(see(failure.label))
        raise Finished(3) from None
    except Exception as exc:  # never a traceback: it would show the token
        say(_("{event}: no answer.", event=fields["event"]), wrap=False)
        say(
            _(
                "Network failure (the request could not be sent): {error}",
                error=f"{type(exc).__name__}: {exc}",
            )
        )
        raise Finished(3) from None
    answer = read_answer(response)
    if fields["event"] == "HungUp" and response.status_code == 500:
        # Zammad accepted the IncomingCall, yet has no entry to end: its error page for that.
        answer.problem, answer.fix = _(LOST_CALL), _(LOST_CALL_FIX)
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
        say(
            _(
                "Agents will see it in Zammad's caller log: one missed call from {number} to {to}.",
                number=number,
                to=TO,
            )
        )
    else:
        say(
            _(
                "The test call comes from {number} and goes to {to}; how it ends depends on Zammad's answer.",
                number=number,
                to=TO,
            )
        )


def block_verdict(number, how, printer):
    say = printer.say
    if how == "blocked":
        say(
            _(
                "Zammad would reject a call from {number}: it is on the list of blocked caller IDs.",
                number=number,
            )
        )
        say(_(CALLER_LOG[how]))
        say(
            _(
                "Placetel follows a rejection only for numbers routed to the External API; "
                "confirm with a real call."
            )
        )
        say(see("trouble-blocked-still-rings"))
    else:
        say(
            _(
                "Zammad would put a call from {number} through: "
                "no blocked caller ID matches it character by character.",
                number=number,
            )
        )
        say(
            _(
                "Compare the number with the from of a real call in Recent Logs; a row without a note is "
                "never added to the list."
            )
        )
        say(_(CALLER_LOG[how]))
        say(see("trouble-not-blocked"))


def verdict(args, number, how, printer):
    say = printer.say
    say(_("The endpoint works: Zammad accepted both events of the test call."))
    if how == "blocked":
        say(
            _(
                "Zammad rejected the call because {number} is on the list of blocked caller IDs; "
                "use another --from for this check.",
                number=number,
            )
        )
    if how == "blocked" or not foretold(args):
        say(_(CALLER_LOG[how]))
    say(
        see(
            "trouble-empty-caller-log",
            N_("If agents do not see the test call, see {page} › {section} ({label})."),
        )
    )


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
        check_mode(args)
        if recognising(args) and args.secret is not None:
            raise BadInput(_("--secret signs the test call; --recognise and --recognise-file send nothing."))
        if recognising(args):
            printer = Printer(out, "", show_token=True)  # no token to mask
            if args.recognise is not None:
                return recognise_text(args.recognise, printer)
            return recognise_file(args.recognise_file, printer)
        if args.timeout is None:
            args.timeout = DEFAULT_TIMEOUT
        token = parse_endpoint(args.url)
        check_options(args)
        check_secret(args)
    except BadInput as problem:
        print(wrapped(_("error: {problem}", problem=problem)), file=err)
        return 2

    printer = Printer(out, token, args.show_token)
    hide_credentials(printer, args)
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


# --- translations ----------------------------------------------------------------------------
# Each language's text of every message, under its English (locale/LANG/LC_MESSAGES/check.po;
# the translators' guide is locale/LANG/README.md).

# BEGIN GENERATED TRANSLATIONS
# Generated from locale/LANG/LC_MESSAGES/check.po by `make check-translations`
# (placetel_tools/check_translations.py): translate there, never here. `make lint` fails
# while this block and the catalogues disagree.
TRANSLATIONS = {
    "de": {
        "--recognise and --recognise-file send nothing: leave out ENDPOINT_URL, --from, --check-block, --timeout, --dry-run and --show-token.": "--recognise und --recognise-file senden nichts: Lassen Sie ENDPOINT_URL, --from, --check-block, --timeout, --dry-run und --show-token weg.",
        "--secret must not be empty: give the shared secret set in Placetel.": "--secret darf nicht leer sein: Geben Sie das gemeinsame Geheimnis an, das in Placetel eingetragen ist.",
        "--secret signs the test call; --recognise and --recognise-file send nothing.": "--secret signiert den Testanruf; --recognise und --recognise-file senden nichts.",
        "--timeout must be a number of seconds greater than 0.": "--timeout muss eine Anzahl Sekunden größer als 0 sein.",
        '200 with <Reject reason="busy"/>, but the call still rings': '200 mit <Reject reason="busy"/>, aber der Anruf klingelt trotzdem',
        "200 with <Response/> for a number you blocked": "200 mit <Response/> für eine blockierte Nummer",
        "401 Authorization Required from the proxy": "401 Authorization Required vom Proxy",
        "401 Invalid token": "401 Invalid token",
        "403 Forbidden from the proxy": "403 Forbidden vom Proxy",
        "404, a redirect or an HTML page instead of XML": "404, eine Weiterleitung oder eine HTML-Seite statt XML",
        "405 Not Allowed from the proxy": "405 Not Allowed vom Proxy",
        "413 Request Entity Too Large from the proxy": "413 Request Entity Too Large vom Proxy",
        "422 Feature is disabled": "422 Feature is disabled",
        "422 Feature not configured": "422 Feature not configured",
        "422 Invalid 'direction'": "422 Invalid 'direction'",
        "429 Too Many Requests from the proxy": "429 Too Many Requests vom Proxy",
        "503 Service Temporarily Unavailable from the proxy": "503 Service Temporarily Unavailable vom Proxy",
        "5xx or a timeout": "5xx oder eine Zeitüberschreitung",
        "Agents see the test call in Zammad's caller log as one blocked call.": "Die Agenten sehen den Testanruf im Anrufprotokoll von Zammad als blockierten Anruf.",
        "Agents see the test call in Zammad's caller log as one missed call.": "Die Agenten sehen den Testanruf im Anrufprotokoll von Zammad als verpassten Anruf.",
        "Agents will see it in Zammad's caller log: one missed call from {number} to {to}.": "Die Agenten sehen den Testanruf im Anrufprotokoll von Zammad als verpassten Anruf von {number} an {to}.",
        "Blocked caller IDs": "Blockierte Caller-IDs",
        "Caller recognition": "Anrufererkennung",
        "Cannot read {file}: it does not exist.": "{file} lässt sich nicht lesen: Die Datei existiert nicht.",
        "Cannot read {file}: it is a folder.": "{file} lässt sich nicht lesen: Es ist ein Ordner.",
        "Cannot read {file}: permission denied.": "{file} lässt sich nicht lesen: Die Berechtigung fehlt.",
        "Cannot read {file}: {reason}.": "{file} lässt sich nicht lesen: {reason}.",
        "Checking whether Zammad would reject a call from {number}.": "Es wird geprüft, ob Zammad einen Anruf von {number} abweisen würde.",
        "Compare the number with the from of a real call in Recent Logs; a row without a note is never added to the list.": "Vergleichen Sie die Nummer mit dem Feld from eines echten Anrufs unter Aktuellste Protokolle; eine Zeile ohne Notiz wird nie in die Liste aufgenommen.",
        "DNS": "DNS",
        "Dry run: nothing was sent. These are the two requests of the test call, as curl commands:": "Probelauf: Es wurde nichts gesendet. Dies sind die beiden Anfragen des Testanrufs als curl-Befehle:",
        "ENDPOINT_URL is missing: give the address from Zammad's field Endpoint, or use --recognise or --recognise-file.": "ENDPOINT_URL fehlt: Geben Sie die Adresse aus dem Feld Endpunkt in Zammad an, oder verwenden Sie --recognise oder --recognise-file.",
        "ENDPOINT_URL must be the whole address from Zammad's field Endpoint, starting with https://.": "ENDPOINT_URL muss die vollständige Adresse aus dem Feld Endpunkt in Zammad sein, beginnend mit https://.",
        "Endpoint reference": "Referenz des Endpunkts",
        "Exit status: 0 works, 1 the endpoint answered with a problem, 2 bad input, 3 network failure (DNS, connection refused, TLS, timeout).": "Exit-Status: 0 funktioniert, 1 der Endpunkt hat mit einem Problem geantwortet, 2 ungültige Eingabe, 3 Netzwerkfehler (DNS, Verbindung abgelehnt, TLS, Zeitüberschreitung).",
        "Fix: {fix}": "Lösung: {fix}",
        "How Zammad reads a number": "Wie Zammad eine Nummer liest",
        "If agents do not see the test call, see {page} › {section} ({label}).": "Sehen die Agenten den Testanruf nicht, siehe {page} › {section} ({label}).",
        "In the caller log, a call from a number that matches shows the name of the user who has it.": "Im Anrufprotokoll zeigt ein Anruf von einer passenden Nummer den Namen des Benutzers, der sie hat.",
        "In the caller log, a call from a number that never matches shows only the caller's number, with a button New User.": "Im Anrufprotokoll zeigt ein Anruf von einer Nummer, die nie passt, nur die Nummer des Anrufers mit der Schaltfläche Neuer Benutzer.",
        "Network failure (the request could not be sent): {error}": "Netzwerkfehler (die Anfrage konnte nicht gesendet werden): {error}",
        "Network failure ({kind}): {problem}": "Netzwerkfehler ({kind}): {problem}",
        "No column of {file} is named like phone, mobile, fax, Telefon or Handy: reading every column.": "Keine Spalte in {file} heißt wie phone, mobile, fax, Telefon oder Handy: Gelesen werden alle Spalten.",
        "No requests reach Zammad": "Keine Anfragen erreichen Zammad",
        "Numbers Zammad reads from {file}: {total}; every one can match a call.": "Nummern, die Zammad aus {file} liest: {total}; jede kann zu einem Anruf passen.",
        "Numbers that never match a call: {count} of {total}.": "Nummern, die nie zu einem Anruf passen: {count} von {total}.",
        "Numbers written with a leading 0, which Zammad reads as German: {count}. Write those that are not German with + and their country code.": "Nummern mit führender 0, die Zammad als deutsche liest: {count}. Schreiben Sie Nummern, die keine deutschen sind, mit + und ihrer Landesvorwahl.",
        "Numbers written without + or a leading 0, which Zammad keeps as written: {count}. They match only if they start with the country code.": "Nummern ohne + und ohne führende 0, die Zammad unverändert übernimmt: {count}. Sie passen nur, wenn sie mit der Landesvorwahl beginnen.",
        "Placetel follows a rejection only for numbers routed to the External API; confirm with a real call.": "Placetel befolgt eine Abweisung nur bei Nummern, die auf External API geroutet sind; bestätigen Sie das Ergebnis mit einem echten Anruf.",
        "Placetel must reach this address from the internet; check the host name in Zammad's field Endpoint and your firewall.": "Placetel muss diese Adresse aus dem Internet erreichen; prüfen Sie den Hostnamen im Feld Endpunkt in Zammad und Ihre Firewall.",
        "Plain http:// is allowed only for 127.0.0.1, ::1 and localhost; use the https:// address from Zammad's field Endpoint.": "Unverschlüsseltes http:// ist nur für 127.0.0.1, ::1 und localhost erlaubt; verwenden Sie die https://-Adresse aus dem Feld Endpunkt in Zammad.",
        "Problem: {problem}": "Problem: {problem}",
        "Reading the columns {columns} of {file}.": "Gelesen werden die Spalten {columns} aus {file}.",
        "Responses": "Antworten",
        "Running them adds one call from {number} to Zammad's caller log.": "Wenn Sie sie ausführen, erscheint ein Anruf von {number} im Anrufprotokoll von Zammad.",
        "Running them adds one missed call from {number} to Zammad's caller log.": "Wenn Sie sie ausführen, erscheint ein verpasster Anruf von {number} im Anrufprotokoll von Zammad.",
        "See {page} › {section} ({label}).": "Siehe {page} › {section} ({label}).",
        "Send one test call to your Zammad's Placetel endpoint, the way Placetel does, and say whether it works and what to fix. Agents see the test call in the caller log.": "Sendet einen Testanruf an den Placetel-Endpunkt Ihres Zammad, so wie Placetel es tut, und sagt, ob er funktioniert und was zu beheben ist. Die Agenten sehen den Testanruf im Anrufprotokoll.",
        "Sending a test call to {url}": "Testanruf wird gesendet an {url}",
        "Settings reference": "Referenz der Einstellungen",
        "Store numbers so that they match": "Nummern so speichern, dass sie passen",
        "TLS": "TLS",
        "The address contains white space; copy it again from Zammad's field Endpoint.": "Die Adresse enthält Leerzeichen; kopieren Sie sie erneut aus dem Feld Endpunkt in Zammad.",
        "The address has no host name; copy it in full from Zammad's field Endpoint.": "Die Adresse enthält keinen Hostnamen; kopieren Sie sie vollständig aus dem Feld Endpunkt in Zammad.",
        "The address is not a valid URL; copy it again from Zammad's field Endpoint.": "Die Adresse ist keine gültige URL; kopieren Sie sie erneut aus dem Feld Endpunkt in Zammad.",
        "The address must end with the token right after {prefix}, with nothing after it.": "Die Adresse muss mit dem Token direkt nach {prefix} enden; danach darf nichts mehr folgen.",
        "The address must end with the token, without a ? or # part; copy it again from Zammad's field Endpoint.": "Die Adresse muss mit dem Token enden, ohne einen Teil mit ? oder #; kopieren Sie sie erneut aus dem Feld Endpunkt in Zammad.",
        "The address must end with {prefix} and the token, as Zammad's field Endpoint shows it.": "Die Adresse muss wie im Feld Endpunkt in Zammad auf {prefix} und das Token enden.",
        "The advice assumes Zammad {versions}, as the source of Zammad {source} shows them.": "Die Hinweise gelten für Zammad {versions}, wie der Quellcode von Zammad {source} sie zeigt.",
        "The caller log stays empty": "Das Anrufprotokoll bleibt leer",
        "The endpoint works: Zammad accepted both events of the test call.": "Der Endpunkt funktioniert: Zammad hat beide Ereignisse des Testanrufs angenommen.",
        "The port in the address is not a number from 1 to 65535.": "Der Port in der Adresse ist keine Zahl von 1 bis 65535.",
        'The second command ends the call as missed; if Zammad answers the first with <Reject reason="busy"/>, send the second with type=blocked instead, as Placetel does for a rejected call.': 'Der zweite Befehl beendet den Anruf als verpasst. Antwortet Zammad auf den ersten mit <Reject reason="busy"/>, senden Sie den zweiten stattdessen mit type=blocked, wie Placetel es bei einem abgewiesenen Anruf tut.',
        "The test call comes from {number} and goes to {to}; how it ends depends on Zammad's answer.": "Der Testanruf kommt von {number} und geht an {to}; wie er endet, hängt von der Antwort von Zammad ab.",
        "The text after --recognise is not valid UTF-8.": "Der Text nach --recognise ist kein gültiges UTF-8.",
        "The token after {prefix} is missing; copy the address in full from Zammad's field Endpoint.": "Das Token nach {prefix} fehlt; kopieren Sie die Adresse vollständig aus dem Feld Endpunkt in Zammad.",
        "The token is masked; add --show-token to print commands you can run.": "Das Token ist maskiert; mit --show-token erhalten Sie Befehle, die Sie ausführen können.",
        "Troubleshooting": "Fehlerbehebung",
        "Use either --from or --check-block: --check-block sets the caller's number.": "Verwenden Sie entweder --from oder --check-block: --check-block legt die Nummer des Anrufers fest.",
        "Use either --recognise or --recognise-file.": "Verwenden Sie entweder --recognise oder --recognise-file.",
        "With --recognise or --recognise-file: 0 every number can match a call, 1 one never matches or there is none, 2 unreadable input.": "Mit --recognise oder --recognise-file: 0 jede Nummer kann zu einem Anruf passen, 1 eine passt nie oder es gibt keine, 2 nicht lesbare Eingabe.",
        'Write the number without "{char}", with + and its country code.': "Schreiben Sie die Nummer ohne „{char}“, mit + und ihrer Landesvorwahl.",
        "Zammad answered with an error this check does not know.": "Zammad hat mit einem Fehler geantwortet, den diese Prüfung nicht kennt.",
        "Zammad could not end the test call: it accepted the IncomingCall, but has no entry for the call when the HungUp arrives.": "Zammad konnte den Testanruf nicht beenden: Es hat das IncomingCall angenommen, findet aber keinen Eintrag zu dem Anruf, als das HungUp ankommt.",
        "Zammad could not tell the direction of the test call from this event.": "Zammad konnte aus diesem Ereignis die Richtung des Testanrufs nicht bestimmen.",
        "Zammad reads a call from this number as {expected}. Write {fix}.": "Einen Anruf von dieser Nummer liest Zammad als {expected}. Schreiben Sie {fix}.",
        "Zammad reads no number from this text: a number needs at least {run} characters in a row that are digits, spaces, -, (, ) or |.": "Zammad liest aus diesem Text keine Nummer: Eine Nummer braucht mindestens {run} aufeinanderfolgende Zeichen, die Ziffern, Leerzeichen, -, (, ) oder | sind.",
        "Zammad reads no number from {file}.": "Zammad liest aus {file} keine Nummer.",
        'Zammad reads no number from {number}: the character "{char}" splits it into parts shorter than {run} characters.': "Zammad liest aus {number} keine Nummer: Das Zeichen „{char}“ teilt sie in Teile mit weniger als {run} Zeichen.",
        "Zammad rejected the call because {number} is on the list of blocked caller IDs; use another --from for this check.": "Zammad hat den Anruf abgewiesen, weil {number} auf der Liste der blockierten Caller-IDs steht; verwenden Sie für diese Prüfung eine andere Nummer mit --from.",
        "Zammad would put a call from {number} through: no blocked caller ID matches it character by character.": "Zammad würde einen Anruf von {number} durchstellen: Keine blockierte Caller-ID stimmt Zeichen für Zeichen mit der Nummer überein.",
        "Zammad would reject a call from {number}: it is on the list of blocked caller IDs.": "Zammad würde einen Anruf von {number} abweisen: Die Nummer steht auf der Liste der blockierten Caller-IDs.",
        "Zammad's stored Placetel configuration is empty or lacks its inbound or outbound part (a fresh installation never answers this).": "Die gespeicherte Placetel-Konfiguration von Zammad ist leer, oder ihr fehlt der Teil inbound oder outbound (eine frische Installation gibt diese Antwort nie).",
        "a web page answered, not Zammad's Placetel endpoint (a wrong address, a login page or a proxy).": "Eine Webseite hat geantwortet, nicht der Placetel-Endpunkt von Zammad (eine falsche Adresse, eine Anmeldeseite oder ein Proxy).",
        "allow bodies of at least 8 KB for /api/v1/placetel/ (nginx: client_max_body_size 8k).": "Erlauben Sie für /api/v1/placetel/ Anfragen von mindestens 8 KB (nginx: client_max_body_size 8k).",
        "an XML answer with the unexpected status {status}.": "Eine XML-Antwort mit dem unerwarteten Status {status}.",
        "caller recognition (nothing is sent)": "Anrufererkennung (es wird nichts gesendet)",
        "check that Zammad is running and not overloaded; try again with a longer --timeout.": "Prüfen Sie, ob Zammad läuft und nicht überlastet ist; versuchen Sie es erneut mit einem höheren Wert für --timeout.",
        "check that Zammad runs and look in the proxy's error log; give the rate limit its own status (nginx: limit_req_status 429) to tell the two apart.": "Prüfen Sie, ob Zammad läuft, und sehen Sie im Fehlerprotokoll des Proxys nach; geben Sie dem Limit einen eigenen Status (nginx: limit_req_status 429), um beides zu unterscheiden.",
        "check that Zammad's web server is running and that the address has the right port.": "Prüfen Sie, ob der Webserver von Zammad läuft und ob die Adresse den richtigen Port enthält.",
        "check that every request to this address reaches the same Zammad, then compare the two events of the test call in Recent Logs on Zammad's Placetel page.": "Stellen Sie sicher, dass jede Anfrage an diese Adresse dasselbe Zammad erreicht. Vergleichen Sie dann die beiden Ereignisse des Testanrufs unter Aktuellste Protokolle auf der Placetel-Seite in Zammad.",
        "check that this address serves HTTPS on that port, with a current TLS version.": "Prüfen Sie, ob diese Adresse auf diesem Port HTTPS mit einer aktuellen TLS-Version anbietet.",
        "check the blocked caller IDs and the mapping on Zammad's Placetel page, then press Save at the bottom of the page: it stores the configuration again.": "Prüfen Sie auf der Placetel-Seite in Zammad die blockierten Caller-IDs und die Zuordnung, und klicken Sie dann unten auf der Seite auf Speichern: Damit speichert Zammad die Konfiguration neu.",
        "compare the answer with the list of Zammad's answers.": "Vergleichen Sie die Antwort mit der Liste der Antworten von Zammad.",
        "connection failed": "Verbindung fehlgeschlagen",
        "connection refused": "Verbindung abgelehnt",
        "copy the address again from Zammad's field Endpoint; requests to /api/v1/placetel/ must reach Zammad without a login page or a redirect.": "Kopieren Sie die Adresse erneut aus dem Feld Endpunkt in Zammad. Anfragen an /api/v1/placetel/ müssen Zammad ohne Anmeldeseite und ohne Weiterleitung erreichen.",
        "copy the whole address from the field Endpoint on Zammad's Placetel page, and paste it into Placetel's field URL of your API endpoint.": "Kopieren Sie die vollständige Adresse aus dem Feld Endpunkt auf der Placetel-Seite in Zammad und fügen Sie sie bei Placetel in das Feld URL of your API endpoint ein.",
        "error: {problem}": "Fehler: {problem}",
        "give the shared secret set in Placetel and on the proxy with --secret; if the proxy checks no signature, look at its access rules for /api/v1/placetel/.": "Geben Sie mit --secret das gemeinsame Geheimnis an, das in Placetel und auf dem Proxy eingetragen ist; prüft der Proxy keine Signatur, sehen Sie sich seine Zugriffsregeln für /api/v1/placetel/ an.",
        "give up waiting for an answer after this long (default {default})": "so viele Sekunden auf eine Antwort warten (Standard: {default})",
        "give {host} a certificate from a recognised authority that names this host.": "Statten Sie {host} mit einem Zertifikat einer anerkannten Zertifizierungsstelle aus, das auf diesen Hostnamen ausgestellt ist.",
        "let POST requests to /api/v1/placetel/ reach Zammad; refuse only the other methods.": "Lassen Sie POST-Anfragen an /api/v1/placetel/ zu Zammad durch und weisen Sie nur die anderen Methoden ab.",
        "list every number in the phone, mobile and fax columns of the CSV file FILE (in every column if none is named so) that never matches a call": "jede Nummer in den Spalten phone, mobile und fax der CSV-Datei FILE auflisten (in allen Spalten, wenn keine so heißt), die nie zu einem Anruf passt",
        "look at the log of the Zammad server, and of any proxy in front of it, at the time of this check.": "Prüfen Sie die Logdateien des Zammad-Servers und jedes vorgeschalteten Proxys zum Zeitpunkt dieser Prüfung.",
        "look in the proxy's access log for who sends so many requests; if real calls hit the limit, raise its burst or rate.": "Sehen Sie im Zugriffsprotokoll des Proxys nach, wer so viele Anfragen sendet; stoßen echte Anrufe an das Limit, erhöhen Sie dessen burst oder rate.",
        "no answer from {host} within {timeout} seconds.": "Keine Antwort von {host} innerhalb von {timeout} Sekunden.",
        "no content type": "ohne Content-Type",
        "nothing accepts connections on {host} port {port}.": "Auf {host}, Port {port}, nimmt kein Dienst Verbindungen an.",
        "nothing answers at this address (404 Not Found).": "Unter dieser Adresse antwortet nichts (404 Not Found).",
        "options": "Optionen",
        "positional arguments": "Argumente",
        "print every number Zammad reads from TEXT and whether a call from Placetel can match it": "jede Nummer ausgeben, die Zammad aus TEXT liest, und ob ein Anruf über Placetel zu ihr passen kann",
        "print the endpoint token in full (it is masked otherwise)": "das Token des Endpunkts vollständig ausgeben (sonst wird es maskiert)",
        "print the requests as curl commands and send nothing": "die Anfragen als curl-Befehle ausgeben und nichts senden",
        "set one shared secret in Placetel (Settings › External APIs) and on the proxy, then check again with that --secret.": "Tragen Sie in Placetel (Settings › External APIs) und auf dem Proxy dasselbe gemeinsame Geheimnis ein und prüfen Sie dann erneut mit diesem --secret.",
        "show this help message and exit": "diese Hilfe anzeigen und beenden",
        "sign each request with this shared secret as Placetel does (X-PLACETEL-SIGNATURE), for a proxy that checks the signature; never printed unless --show-token": "jede Anfrage wie Placetel mit diesem gemeinsamen Geheimnis signieren (X-PLACETEL-SIGNATURE), für einen Proxy, der die Signatur prüft; wird nur mit --show-token ausgegeben",
        "switch on the toggle next to the heading of Zammad's Placetel page (Administration → System → Integrations → Placetel).": "Schalten Sie die Integration mit dem Schalter neben der Überschrift der Placetel-Seite in Zammad ein (Administration › System › Integrationen › Placetel).",
        "tell whether Zammad would reject a call from NUMBER (its blocked caller IDs); give NUMBER exactly as the from of a real call shows it": "prüfen, ob Zammad einen Anruf von NUMBER abweisen würde (blockierte Caller-IDs); NUMBER genau so angeben, wie das Feld from eines echten Anrufs sie zeigt",
        "the HTTPS connection to {host} failed: its certificate could not be verified{detail}.": "Die HTTPS-Verbindung zu {host} ist fehlgeschlagen: Das Zertifikat ließ sich nicht prüfen{detail}.",
        "the HTTPS connection to {host} port {port} failed{detail}.": "Die HTTPS-Verbindung zu {host}, Port {port}, ist fehlgeschlagen{detail}.",
        "the Placetel integration in Zammad is switched off.": "Die Placetel-Integration in Zammad ist ausgeschaltet.",
        "the XML answer is not Zammad's (<{tag}> instead of <Response>).": "Die XML-Antwort stammt nicht von Zammad (<{tag}> statt <Response>).",
        "the address from the field Endpoint on Zammad's Placetel page": "die Adresse aus dem Feld Endpunkt auf der Placetel-Seite in Zammad",
        "the address redirects elsewhere instead of answering; this check does not follow redirects.": "Die Adresse leitet weiter, statt zu antworten; diese Prüfung folgt keinen Weiterleitungen.",
        "the answer is not XML, so it does not come from Zammad's Placetel endpoint.": "Die Antwort ist kein XML, stammt also nicht vom Placetel-Endpunkt von Zammad.",
        "the caller's number of the test call (default {default}, which belongs to nobody)": "die Nummer des Anrufers beim Testanruf (Standard: {default}, eine Nummer, die niemandem gehört)",
        "the connection to {host} failed ({detail}) before an answer came.": "Die Verbindung zu {host} ist fehlgeschlagen ({detail}), bevor eine Antwort kam.",
        "the host name {host} could not be resolved.": "Der Hostname {host} konnte nicht aufgelöst werden.",
        "the language of the output (default: German if the locale, LC_ALL, LC_MESSAGES or LANG, is German, else English)": "die Sprache der Ausgabe (Standard: Deutsch, wenn die Locale, LC_ALL, LC_MESSAGES oder LANG, deutsch ist, sonst Englisch)",
        "the proxy in front of Zammad asks for a login (basic auth), and the address has no user name and password.": "Der Proxy vor Zammad verlangt eine Anmeldung (Basic Auth), und die Adresse enthält keinen Benutzernamen und kein Passwort.",
        "the proxy in front of Zammad does not accept the user name and password in the address.": "Der Proxy vor Zammad akzeptiert den Benutzernamen und das Passwort in der Adresse nicht.",
        "the proxy in front of Zammad does not let POST requests to /api/v1/placetel/ through.": "Der Proxy vor Zammad lässt POST-Anfragen an /api/v1/placetel/ nicht durch.",
        "the proxy in front of Zammad limits the requests from this address, and the limit is used up: it is lower than the traffic, or a flood used it up.": "Der Proxy vor Zammad begrenzt die Anfragen von dieser Adresse, und das Limit ist ausgeschöpft: Es liegt unter dem tatsächlichen Aufkommen, oder eine Flut von Anfragen hat es aufgebraucht.",
        "the proxy in front of Zammad refused the request as too large, although an event of Placetel has a few hundred bytes.": "Der Proxy vor Zammad hat die Anfrage als zu groß abgewiesen, obwohl ein Ereignis von Placetel nur einige hundert Byte groß ist.",
        "the proxy in front of Zammad refused the request; if it checks Placetel's signature, this test call was not signed.": "Der Proxy vor Zammad hat die Anfrage abgewiesen; prüft er die Signatur von Placetel, war dieser Testanruf nicht signiert.",
        "the proxy in front of Zammad refused the signed request: the secret given with --secret is not the proxy's, or the proxy refuses for another reason.": "Der Proxy vor Zammad hat die signierte Anfrage abgewiesen: Das mit --secret angegebene Geheimnis ist nicht das des Proxys, oder der Proxy weist die Anfrage aus einem anderen Grund ab.",
        "the server closed the connection": "der Server hat die Verbindung geschlossen",
        "the server failed with status {status}.": "Der Server meldet einen Fehler mit dem Status {status}.",
        "the server in front of Zammad answered 503: Zammad behind it is unavailable, or a rate limit answered with nginx's default status.": "Der Server vor Zammad hat mit 503 geantwortet: Zammad dahinter ist nicht erreichbar, oder ein Limit hat mit dem Standardstatus von nginx geantwortet.",
        "the token at the end of the address is not the one this Zammad expects.": "Dieses Zammad erwartet ein anderes Token als das am Ende der Adresse.",
        "timeout": "Zeitüberschreitung",
        "write the user name and password of the proxy's password file into the address, as https://USER:PASSWORD@host/api/v1/placetel/TOKEN, here and in Placetel's field URL of your API endpoint.": "Tragen Sie den Benutzernamen und das Passwort aus der Passwortdatei des Proxys in die Adresse ein, als https://BENUTZER:PASSWORT@host/api/v1/placetel/TOKEN, hier und bei Placetel im Feld URL of your API endpoint.",
        "{digits}: matches if the number is German. Zammad reads the leading 0 of {number} as Germany's country code 49, and a call from this German number as {digits} too. For a number in another country, write + and its country code instead of the 0.": "{digits}: passt, wenn die Nummer eine deutsche ist. Zammad liest die führende 0 von {number} als deutsche Landesvorwahl 49 und einen Anruf von dieser deutschen Nummer ebenfalls als {digits}. Schreiben Sie bei einer Nummer in einem anderen Land + und dessen Landesvorwahl statt der 0.",
        "{digits}: matches if these digits start with the country code: Zammad keeps a number without + or a leading 0 as written. If the country code is missing, write the number with + and its country code.": "{digits}: passt, wenn diese Ziffern mit der Landesvorwahl beginnen: Eine Nummer ohne + und ohne führende 0 übernimmt Zammad unverändert. Fehlt die Landesvorwahl, schreiben Sie die Nummer mit + und ihrer Landesvorwahl.",
        "{digits}: matches. Zammad reads a call from {number} as {digits} too, in whatever form Placetel sends the number.": "{digits}: passt. Auch einen Anruf von {number} liest Zammad als {digits}, gleich in welcher Form Placetel die Nummer sendet.",
        '{digits}: never matches. The character "{char}" splits {number}, and Zammad keeps only this part.': "{digits}: passt nie. Das Zeichen „{char}“ teilt {number}, und Zammad behält nur diesen Teil.",
        "{digits}: never matches. Zammad drops a 0 in brackets only after a two-digit country code, so the 0 in {number} stays.": "{digits}: passt nie. Zammad entfernt eine 0 in Klammern nur nach einer zweistelligen Landesvorwahl, deshalb bleibt die 0 in {number} stehen.",
        "{digits}: never matches: {count} digits are fewer than any phone number with its country code has ({shortest} at least). If {number} is a phone number, write it in full, with + and the country code.": "{digits}: passt nie: {count} Ziffern sind weniger, als eine Telefonnummer mit Landesvorwahl hat (mindestens {shortest}). Ist {number} eine Telefonnummer, schreiben Sie sie vollständig, mit + und Landesvorwahl.",
        "{digits}: never matches: {count} digits are more than any phone number has ({longest} at most). If {number} holds several numbers, put each in a field of its own or separate them with a comma: spaces and line breaks join them.": "{digits}: passt nie: {count} Ziffern sind mehr, als eine Telefonnummer hat (höchstens {longest}). Enthält {number} mehrere Nummern, tragen Sie jede in ein eigenes Feld ein oder trennen Sie sie durch ein Komma: Leerzeichen und Zeilenumbrüche verbinden sie.",
        "{event}: no answer.": "{event}: keine Antwort.",
        "{file} is empty.": "{file} ist leer.",
        "{file} is not UTF-8 text; save it as CSV in UTF-8.": "{file} ist kein UTF-8-Text; speichern Sie die Datei als CSV in UTF-8.",
        "{file} is not a CSV file: it holds binary data.": "{file} ist keine CSV-Datei: Sie enthält Binärdaten.",
        "{file} is not a CSV file: line {line} cannot be read as CSV ({error}).": "{file} ist keine CSV-Datei: Zeile {line} lässt sich nicht als CSV lesen ({error}).",
        "{file} is not a CSV file: line {line} has {count} fields, the first line has {columns}.": "{file} ist keine CSV-Datei: Zeile {line} hat {count} Felder, die erste Zeile hat {columns}.",
        "{option} must be a phone number: digits, perhaps with a leading +, exactly as the from of a real call shows it, for example 022129191999.": "{option} muss eine Telefonnummer sein: Ziffern, gegebenenfalls mit einem + am Anfang, genau so, wie das Feld from eines echten Anrufs sie zeigt, zum Beispiel 022129191999.",
        "{status}, a redirect to {location}": "{status}, eine Weiterleitung nach {location}",
        "{status}, a redirect without a Location": "{status}, eine Weiterleitung ohne Location",
        "{status}, an HTML page": "{status}, eine HTML-Seite",
        '{status}, an HTML page titled "{title}"': "{status}, eine HTML-Seite mit dem Titel „{title}“",
        "{status}, {content_type}, not XML": "{status}, {content_type}, kein XML",
    },
}
# END GENERATED TRANSLATIONS


if __name__ == "__main__":
    sys.exit(main())
