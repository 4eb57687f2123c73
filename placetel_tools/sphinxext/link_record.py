"""Sphinx extension: `make linkcheck` writes docs/links.json, and every other build fails on external
links that record does not vouch for."""

# Two jobs, one record:
#
# * Under the linkcheck builder, after the run, read linkcheck's output.json
#   and write docs/links.json: one entry per external URL with its status
#   (working, redirected, broken, unverified), a short detail and the date.
#   A link that could not be reached at all (DNS, refused, timeout, rate
#   limit outlasting linkcheck_rate_limit_timeout) is "unverified", never
#   "broken" or "working".
# * Under every other builder, collect the external links of each page while
#   it is read and, when the build finishes, warn (so -W fails) at file:line
#   on a link that is not in the record, was last seen broken or redirected,
#   or uses plain http://. Unverified links are listed on stderr, not failed.
#
# Settings (conf.py): link_record_file (the record, relative to the source
# directory) and link_record_allowed_http (patterns of http:// links allowed).
# The links of each page live in LINKS ({docname: [(url, file:line)]}, a PageRecord:
# kept for incremental builds, merged from parallel readers).

from __future__ import annotations

import datetime
import json
import os
import re
import sys
from pathlib import Path

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from placetel_tools.sphinxext import PageRecord

logger = logging.getLogger(__name__)

ABOUT = "Written by `make linkcheck` (placetel_tools.sphinxext.link_record); never edit it by hand."
STATUSES = ("working", "redirected", "broken", "unverified")
RERUN = "run `make linkcheck` and commit docs/links.json"
LINKS = PageRecord("placetel_links")


# --- the record ---------------------------------------------------------------


def dump(links):
    """The record's text for a list of entries (sorted by URL, stable key order)."""
    links = sorted(links, key=lambda entry: entry["url"])
    return json.dumps({"about": ABOUT, "links": links}, indent=2, ensure_ascii=False) + "\n"


def load(path):
    """Return (entries by URL, problem or None) for the record at ``path``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {entry["url"]: entry for entry in data["links"]}, None
    except FileNotFoundError:
        return {}, None
    except (ValueError, KeyError, TypeError) as err:
        return {}, f"the record is not valid ({err})"


# --- classifying linkcheck's results ---------------------------------------------

HTTP_ERROR = re.compile(r"^(\d{3}) (?:Client|Server) Error: (.*?)(?: for url: .*)?$", re.S)
NETWORK = [  # (pattern in requests' message, detail recorded)
    (
        re.compile(
            r"NameResolution|Failed to resolve|Name or service not known|"
            r"Temporary failure in name resolution|nodename nor servname",
            re.I,
        ),
        "no network: DNS lookup failed",
    ),
    (re.compile(r"Connection refused", re.I), "no network: connection refused"),
    (re.compile(r"timed out|Timeout", re.I), "no network: timed out"),
    (re.compile(r"Network is unreachable|No route to host", re.I), "no network: unreachable"),
    (
        re.compile(
            r"Max retries exceeded|Connection aborted|RemoteDisconnected|ProxyError|"
            r"Connection reset",
            re.I,
        ),
        "no network: connection failed",
    ),
]


def _clean(text):
    """Drop run-specific noise (object addresses) so the record stays stable."""
    text = re.sub(r" object at 0x[0-9a-f]+", "", str(text))
    return text if len(text) <= 200 else text[:197] + "..."


def classify(result):
    """Map one line of linkcheck's output.json to (status, detail), or None to leave it out."""
    status, info, code = result.get("status"), result.get("info") or "", result.get("code") or 0
    if status == "working":
        return "working", ""
    if status == "redirected":
        how = result.get("text") or f"with HTTP {code}"
        return "redirected", f"redirected {how} to {info}"
    if status == "timeout":
        return "unverified", "no network: timed out"
    if status == "ignored":
        # linkcheck_ignore'd placeholders never reach here (see records_from);
        # 503 "service unavailable" and undecodable pages prove nothing.
        return "unverified", _clean(info or "not checked")
    if status == "broken":
        if info.startswith("Anchor"):
            return "broken", _clean(info)
        if info == "unauthorized":
            return "broken", "HTTP 401 unauthorized"
        match = HTTP_ERROR.match(info)
        if match:
            if match.group(1) == "429":
                return "unverified", "rate limited (HTTP 429) longer than linkcheck_rate_limit_timeout"
            return "broken", f"HTTP {match.group(1)} {match.group(2)}"
        for pattern, detail in NETWORK:
            if pattern.search(info):
                return "unverified", detail
        return "broken", _clean(info)
    return None  # unchecked (mailto:, tel:, ...) and local files


def records_from(output_json, ignore, today):
    """Record entries for every external link in linkcheck's output.json."""
    entries = {}
    for line in Path(output_json).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        result = json.loads(line)
        url = result.get("uri", "")
        if not url.startswith(("http://", "https://")) or any(p.match(url) for p in ignore):
            continue
        verdict = classify(result)
        if verdict:
            entries[url] = {"url": url, "status": verdict[0], "detail": verdict[1], "checked": today}
    return list(entries.values())


# --- collecting the links of each page -----------------------------------------------


def _external_uri(node):
    if isinstance(node, nodes.reference):
        uri = node.get("refuri", "")
    elif isinstance(node, nodes.image):
        uri = node.get("candidates", {}).get("?", "") or node.get("uri", "")
    else:
        return None
    return uri if uri.startswith(("http://", "https://")) else None


def collect(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: remember (uri, 'file:line') of every external link on the page."""
    found = []
    for node in doctree.findall(lambda n: isinstance(n, (nodes.reference, nodes.image))):
        uri = _external_uri(node)
        if not uri:
            continue
        source, line = get_source_line(node)
        where = f"{os.path.abspath(source)}:{line or ''}" if source else None
        found.append((uri, where))
    LINKS.of(app.env)[app.env.docname] = found


# --- the checks ----------------------------------------------------------------------


def _patterns(values):
    return [re.compile(value) for value in values if value]


def check_http(app: Sphinx) -> int:
    """Warn at file:line on each plain http:// link not allowed by link_record_allowed_http
    (under every builder, linkcheck included); return how many."""
    allowed = _patterns(app.config.link_record_allowed_http)
    found = 0
    for docname, uris in sorted(LINKS.of(app.env).items()):
        for uri, where in uris:
            if uri.startswith("http://") and not any(p.match(uri) for p in allowed):
                found += 1
                logger.warning(
                    "plain http:// link %s — use its https:// address "
                    "(or list it in link_record_allowed_http in conf.py)",
                    uri,
                    location=where or (docname, None),
                    type="placetel",
                    subtype="link_record",
                )
    return found


def _key(app, uri):
    """The URL as linkcheck records it (after linkcheck-process-uri, e.g. GitHub anchors)."""
    return app.events.emit_firstresult("linkcheck-process-uri", uri) or uri


def check(app: Sphinx, record_path: str) -> None:
    """Warn at file:line for each link the record does not vouch for; list unverified ones."""
    record, problem = load(record_path)
    if problem:
        logger.warning(
            "%s — %s", problem, RERUN, location=f"{record_path}:1", type="placetel", subtype="link_record"
        )
    ignore = _patterns(app.config.linkcheck_ignore)
    unverified = {}
    links = LINKS.of(app.env)
    for docname in sorted(links):
        for uri, where in links[docname]:
            location = where or (docname, None)
            if any(p.match(uri) for p in ignore):
                continue
            entry = record.get(_key(app, uri))
            if entry is None:
                logger.warning(
                    "new link %s — %s", uri, RERUN, location=location, type="placetel", subtype="link_record"
                )
            elif entry.get("status") in ("broken", "redirected"):
                logger.warning(
                    "link %s was %s when last checked on %s (%s) — fix the link, then %s",
                    uri,
                    entry["status"],
                    entry.get("checked", "?"),
                    entry.get("detail", ""),
                    RERUN,
                    location=location,
                    type="placetel",
                    subtype="link_record",
                )
            elif entry.get("status") == "unverified":
                unverified.setdefault(uri, entry)
            elif entry.get("status") != "working":
                logger.warning(
                    "link %s has unknown status %r in the record — %s",
                    uri,
                    entry.get("status"),
                    RERUN,
                    location=location,
                    type="placetel",
                    subtype="link_record",
                )
    if unverified and app.builder.format == "html":
        # Not a warning (it must not fail -W), and printed even under -q; once
        # per `make test` (by the HTML build, not again by the doctest build).
        lines = [
            f"  {uri} ({e.get('detail', '')}, {e.get('checked', '?')})"
            for uri, e in sorted(unverified.items())
        ]
        print(
            f"link record: {len(unverified)} links unverified (no network when last checked): "
            f"run `make linkcheck` where the internet is reachable\n" + "\n".join(lines),
            file=sys.stderr,
        )


def write(app: Sphinx, record_path: str, http: int) -> None:
    """After linkcheck: turn output.json into the record; fail on broken, redirected or http:// links."""
    output = Path(app.outdir) / "output.json"
    if not output.exists():
        return
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    ignore = _patterns(app.config.linkcheck_ignore)
    entries = records_from(output, ignore, today)
    Path(record_path).write_text(dump(entries), encoding="utf-8")
    counts = {status: sum(e["status"] == status for e in entries) for status in STATUSES}
    logger.info(
        "link record: wrote %s (%s)", record_path, ", ".join(f"{n} {status}" for status, n in counts.items())
    )
    if counts["unverified"]:
        logger.info(
            "link record: %d links unverified (no network, DNS, timeout or rate limit): "
            "they are recorded as unverified, not as broken",
            counts["unverified"],
        )
    # Sphinx fails the run on any unreachable link; we fail it only on real problems.
    app.statuscode = 1 if (counts["broken"] or counts["redirected"] or http) else 0


def finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    record_path = os.path.join(app.srcdir, app.config.link_record_file)
    http = check_http(app)
    if app.builder.name == "linkcheck":
        write(app, record_path, http)
    else:
        check(app, os.path.relpath(record_path))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("link_record_file", "links.json", "", types=[str])
    app.add_config_value("link_record_allowed_http", [], "", types=frozenset({list, tuple}))
    LINKS.connect(app)
    app.connect("doctree-read", collect)
    app.connect("build-finished", finished)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
