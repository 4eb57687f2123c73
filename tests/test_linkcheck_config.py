"""The linkcheck settings in conf.py, run by Sphinx's real linkcheck builder against a local HTTP server."""

import json
import subprocess
import sys
import time
import typing
from http.server import BaseHTTPRequestHandler

import pytest

from placetel_tools.loopback import LoopbackServer, refused_port
from placetel_tools.sphinxext import link_record

PAGE = b'<!DOCTYPE html><html><body><h2 id="present">Here</h2></body></html>'


class Site(BaseHTTPRequestHandler):
    """A page with an anchor, a 404, two redirects, a slow page and a rate-limited page."""

    hits: typing.ClassVar[dict] = {}  # path -> times of the requests

    def log_message(self, *args):
        pass

    def answer(self, status, headers=(), body=b""):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("#")[0]
        Site.hits.setdefault(path, []).append(time.monotonic())
        html = [("Content-Type", "text/html; charset=utf-8")]
        if path == "/page":
            self.answer(200, html, PAGE)
        elif path in ("/moved", "/old-allowed"):
            self.answer(301, [("Location", "/page")])
        elif path == "/slow":
            time.sleep(3)
            self.answer(200, html, PAGE)
        elif path == "/limited" and len(Site.hits[path]) == 1:
            self.answer(429, [("Retry-After", "1")])
        elif path == "/limited":
            self.answer(200, html, PAGE)
        else:
            self.answer(404, html, b"<html><body>Not found</body></html>")

    do_HEAD = do_GET


@pytest.fixture
def site():
    Site.hits = {}
    with LoopbackServer(Site) as server:
        yield server.url


@pytest.fixture
def closed_port():
    with refused_port() as port:
        yield port


def test_linkcheck_reports_each_kind_of_bad_link(tree, site, closed_port):
    refused = f"http://127.0.0.1:{closed_port}/gone"
    urls = {
        "anchor": f"{site}/page#present",
        "no-anchor": f"{site}/page#absent",
        "404": f"{site}/missing",
        "redirect": f"{site}/moved",
        "allowed": f"{site}/old-allowed",
        "slow": f"{site}/slow",
        "429": f"{site}/limited",
        "refused": refused,
        "placeholder": "https://zammad.example.com/api/v1/placetel/Sx7uLqkA9pW3rT2vYc5N",
    }
    for page in (tree / "docs").glob("*.rst"):
        page.unlink()
    (tree / "docs/index.rst").write_text(
        "Links\n=====\n\n" + "".join(f"* `{name} <{url}>`_\n" for name, url in urls.items()), encoding="utf-8"
    )
    # The real settings, plus one allowed redirect on the test server.
    with open(tree / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(f'\nlinkcheck_allowed_redirects[r"{site}/old-allowed$"] = r"{site}/page$"\n')

    started = time.monotonic()
    status, output = tree.sphinx(
        "linkcheck",
        "-D",
        "linkcheck_timeout=1",  # /slow answers after 3 s
        # conf.py ignores loopback addresses (placeholders in examples); the
        # test server is one, so keep only the zammad.example.com placeholder.
        "-D",
        r"linkcheck_ignore=^https?://zammad\.example\.com(?:[:/]|$)",
        # https is required; conf.py allows http:// only for loopback, so drop that here.
        "-D",
        r"link_record_allowed_http=^http://localhost/",
    )
    elapsed = time.monotonic() - started

    results = {}
    for line in (tree / "_build/linkcheck/output.json").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        results[entry["uri"]] = entry
    got = {name: results[url]["status"] for name, url in urls.items()}
    assert got == {
        "anchor": "working",
        "no-anchor": "broken",
        "404": "broken",
        "redirect": "redirected",
        "allowed": "working",
        "slow": "timeout",
        "429": "working",
        "refused": "broken",
        "placeholder": "ignored",
    }, output
    assert results[urls["no-anchor"]]["info"] == "Anchor 'absent' not found"
    assert results[urls["404"]]["info"].startswith("404 Client Error")
    assert results[urls["redirect"]]["code"] == 301
    # The 429 was waited out: a second request came at least Retry-After (1 s) later.
    limited = Site.hits["/limited"]
    assert len(limited) >= 2 and limited[1] - limited[0] >= 0.9
    assert (
        f"index.rst:4: WARNING: plain http:// link {urls['anchor']} — use its https:// address" in output
    ), output
    assert status != 0  # broken links, disallowed redirects and http:// fail `make linkcheck`
    assert elapsed < 60

    # ... and the record written from that run, with network failures as unverified.
    record, problem = link_record.load(tree / "docs/links.json")
    assert problem is None
    assert {name: record[url]["status"] for name, url in urls.items() if url in record} == {
        "anchor": "working",
        "no-anchor": "broken",
        "404": "broken",
        "redirect": "redirected",
        "allowed": "working",
        "slow": "unverified",
        "429": "working",
        "refused": "unverified",
    }
    assert record[refused]["detail"] == "no network: connection refused"
    assert record[urls["404"]]["detail"] == "HTTP 404 Not Found"


def test_record_is_sorted_and_stable():
    entries = [
        {"url": "https://b.example.org/", "status": "working", "detail": "", "checked": "2026-11-24"},
        {
            "url": "https://a.example.org/",
            "status": "unverified",
            "detail": "no network: DNS lookup failed",
            "checked": "2026-11-24",
        },
    ]
    text = link_record.dump(entries)
    assert text == link_record.dump(list(reversed(entries)))
    data = json.loads(text)
    assert [e["url"] for e in data["links"]] == ["https://a.example.org/", "https://b.example.org/"]
    assert "never edit it by hand" in data["about"]


@pytest.mark.parametrize(
    "result, verdict",
    [
        (
            {
                "status": "broken",
                "info": "HTTPSConnectionPool(host='x.org', port=443): Max retries "
                'exceeded with url: / (Caused by NameResolutionError("<urllib3.connection.HTTPSConnection '
                "object at 0x7f0>: Failed to resolve 'x.org' ([Errno -2] Name or service not known)\"))",
            },
            ("unverified", "no network: DNS lookup failed"),
        ),
        (
            {"status": "broken", "info": "HTTPSConnectionPool(host='x.org', port=443): Read timed out."},
            ("unverified", "no network: timed out"),
        ),
        (
            {"status": "broken", "info": "429 Client Error: Too Many Requests for url: https://x.org/"},
            ("unverified", "rate limited (HTTP 429) longer than linkcheck_rate_limit_timeout"),
        ),
        (
            {"status": "broken", "info": "500 Server Error: Internal Server Error for url: https://x.org/"},
            ("broken", "HTTP 500 Internal Server Error"),
        ),
        ({"status": "broken", "info": "unauthorized"}, ("broken", "HTTP 401 unauthorized")),
        ({"status": "timeout", "info": "Read timed out."}, ("unverified", "no network: timed out")),
        (
            {"status": "redirected", "info": "https://x.org/new", "code": 302, "text": "with Found"},
            ("redirected", "redirected with Found to https://x.org/new"),
        ),
        ({"status": "unchecked", "info": ""}, None),
    ],
)
def test_linkcheck_results_are_classified_honestly(result, verdict):
    assert link_record.classify(result) == verdict


def test_make_linkcheck_without_network_records_unverified_and_succeeds(tree, closed_port):
    """Offline, `make linkcheck` must not fail or call links broken: it records them unverified."""
    refused = f"https://127.0.0.1:{closed_port}/page"
    for page in (tree / "docs").glob("*.rst"):
        page.unlink()
    (tree / "docs/index.rst").write_text(f"Links\n=====\n\nSee {refused}.\n", encoding="utf-8")
    conf = tree / "conf.py"  # the real settings, minus the loopback placeholder
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "\nlinkcheck_ignore = [p for p in linkcheck_ignore if '127' not in p]\n",
        encoding="utf-8",
    )
    # The Makefile's linkcheck command (not the strict one of the other builders).
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "linkcheck", "-c", ".", "-E", "docs", "_build/linkcheck"],
        cwd=tree.path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 unverified" in proc.stdout
    record, problem = link_record.load(tree / "docs/links.json")
    assert problem is None
    assert record[refused]["status"] == "unverified"
