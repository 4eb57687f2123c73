"""Check a built HTML site in Chromium: requests, images, accessibility, layout, tabs, search, copy
buttons and print.

Used by the browser tests (tests/browser) and `make bench`."""

import contextlib
import functools
import gzip
import io
import ipaddress
import re
import time
import weakref
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from placetel_tools import languages
from placetel_tools.loopback import LoopbackServer, QuietHandler, refused_port
from placetel_tools.sphinxext import sitemap

CHROMIUM = "/usr/bin/chromium"
MISSING_CHROMIUM = (
    "Chromium is missing at /usr/bin/chromium: run "
    "'sudo apt-get install -y chromium' (or 'make test', which installs it as root)"
)
# Flags for a quiet, hermetic Chromium: nothing phones home, no GPU in containers.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--mute-audio",
]
WIDTHS = (375, 1280)


def pages(html_dir):
    """Every HTML page at the top of a built site, by file name (``index.html``, ...)."""
    return sorted(p.name for p in Path(html_dir).glob("*.html"))


def translations(html_dir):
    """The languages built into folders LANG/ of a site (each with its own index.html)."""
    return sorted(
        p.parent.name
        for p in Path(html_dir).glob("*/index.html")
        if p.parent.name.isalpha() and len(p.parent.name) <= 3
    )


def site_pages(html_dir):
    """Every page of every language: ``setup.html``, ``de/setup.html``, ..."""
    return pages(html_dir) + [
        f"{lang}/{name}" for lang in translations(html_dir) for name in pages(Path(html_dir) / lang)
    ]


def language_of(page_name, source=languages.SOURCE):
    """The language of a page name from site_pages()."""
    return page_name.split("/")[0] if "/" in page_name else source


class _HostingHandler(QuietHandler):
    """Like a production static host: gzip for text files, a day of caching for _static/."""

    TEXT = (".html", ".css", ".js", ".svg", ".json", ".txt", ".inv")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (
            self.command != "GET"
            or not path.is_file()
            or not path.name.endswith(self.TEXT)
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        if self.path.startswith("/_static/") or self.path.startswith("/_images/"):
            self.send_header("Cache-Control", "public, max-age=86400")
        super().end_headers()


def page_url(server, page=""):
    """The address of ``page`` (``de/setup.html``) on a server from serve()."""
    return f"{server.url}/{page}"


def serve(directory, hosting=False):
    """The built site at ``directory`` on the project's loopback server (started; use ``with``).
    ``hosting=True`` compresses and caches like a real static web host (for Lighthouse)."""
    return LoopbackServer.directory(directory, _HostingHandler if hosting else QuietHandler).start()


_HELD = contextlib.ExitStack()  # what this process holds until it ends


@functools.cache
def _refusing_port():
    """A port that refuses every connection, held while this process runs (the browsers' proxy)."""
    return _HELD.enter_context(refused_port())


def launch(playwright):
    """Start Debian's Chromium through Playwright (its own browser download is not used).

    Every request to a host other than loopback goes to a proxy that refuses it (Chromium never sends
    loopback through a proxy), so nothing leaves the machine and no request has to pass through Python:
    Recorder names each such request."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(MISSING_CHROMIUM)
    return playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--proxy-server=http://127.0.0.1:{_refusing_port()}"]
    )


def is_loopback(url):
    """True for data:/blob:/about: URLs and for http(s) to 127.0.0.0/8, ::1 or localhost."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Recorder:
    """What one browser context saw: console errors, failed and off-site requests, every address it
    requested, and (``weigh=True``) the bytes of each response."""

    console_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    offsite_requests: list = field(default_factory=list)
    requested: list = field(default_factory=list)
    loaded: dict = field(default_factory=dict)  # url -> bytes of the response body as sent (weigh=True)
    # The page a request was made for, counted by the navigations of the main frame: a request the
    # browser cuts off because the reader went on to another page is none of that page's failures.
    pages_opened: int = 0
    made_for: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary)

    def reset(self):
        for items in (self.console_errors, self.failed_requests, self.offsite_requests, self.requested):
            items.clear()
        self.loaded.clear()


def viewport(width, height=None):
    """A browser window ``width`` px wide: as tall as a phone's below 800 px, else a laptop's."""
    return {"width": width, "height": height or (812 if width < 800 else 900)}


def new_context(browser, width, height=None, clipboard=False, weigh=False):
    """A browser context ``width`` px wide that records its traffic (a browser from launch() blocks
    every request that would leave loopback). ``clipboard=True``: its pages may read and write the
    clipboard (copy_button_problems). ``weigh=True``: record each response's size (one more round
    trip to the browser per request, so only for `make bench`)."""
    context = browser.new_context(viewport=viewport(width, height))
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
    rec = Recorder()

    def on_request(request):
        if request.is_navigation_request() and request.frame.parent_frame is None:
            rec.pages_opened += 1
        rec.made_for[request] = rec.pages_opened
        rec.requested.append(request.url)
        if not is_loopback(request.url):
            rec.offsite_requests.append(request.url)

    def on_failed(request):
        left_behind = rec.made_for.get(request, rec.pages_opened) < rec.pages_opened
        if left_behind and request.failure == "net::ERR_ABORTED":
            return
        answered = any(r.startswith(request.url + " (HTTP ") for r in rec.failed_requests)
        if request.url not in rec.offsite_requests and not answered:
            rec.failed_requests.append(f"{request.url} ({request.failure})")

    def on_response(response):
        if response.status >= 400:
            rec.failed_requests.append(f"{response.url} (HTTP {response.status})")

    def on_finished(request):
        try:
            sizes = request.sizes()
            rec.loaded[request.url] = sizes["responseBodySize"]
        except Exception:  # a request torn down by navigation has no sizes
            pass

    def on_console(message):
        if message.type == "error":
            rec.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    context.on("request", on_request)
    context.on("requestfailed", on_failed)
    context.on("response", on_response)
    if weigh:
        context.on("requestfinished", on_finished)
    context.on("console", on_console)
    context.on("weberror", lambda error: rec.console_errors.append(f"uncaught: {error.error}"))
    return context, rec


# The pages load their scripts once the page has loaded (docs/_templates/layout.html) and mark
# <html data-scripts="ready"> when every one has run: until then tabs, menu, search and copy
# buttons are not live yet.
SCRIPTS_READY = (
    "() => document.documentElement.dataset.scripts === 'ready'"
    " || !document.querySelector('script[type=\"text/x-after-load\"]')"  # a page without the loader
)


def open_page(page, url):
    """Go to ``url`` and wait until the page has loaded and its scripts have run; return the response."""
    response = page.goto(url, wait_until="load")
    page.wait_for_function(SCRIPTS_READY, timeout=10_000)
    return response


def visit(page, url):
    """Open ``url`` and wait until it and every image (lazy ones included) have loaded."""
    open_page(page, url)
    page.evaluate("""async () => {
        for (const img of document.images) {
            img.scrollIntoView();
            if (!img.complete) await new Promise(ok => {
                img.addEventListener('load', ok, {once: true});
                img.addEventListener('error', ok, {once: true});
            });
        }
        window.scrollTo(0, 0);
        await document.fonts.ready;
    }""")


def request_problems(rec, page_name):
    """Console errors, failed requests and requests that tried to leave loopback."""
    return (
        [f"{page_name}: console error: {m}" for m in rec.console_errors]
        + [f"{page_name}: request failed: {r}" for r in rec.failed_requests]
        + [f"{page_name}: request leaves loopback (blocked): {u}" for u in rec.offsite_requests]
    )


FONT_FILE = (".woff2", ".woff", ".ttf", ".otf", ".eot")


def first_paint_problems(page, rec, page_name):
    """Nothing may hold up the first paint: no script is fetched before the page has loaded (the
    pages load theirs afterwards, docs/_templates/layout.html), no web font at all (the icons are
    drawn in CSS, the text uses the system's fonts)."""
    early = page.evaluate(
        """() => {
        const loaded = performance.getEntriesByType('navigation')[0].loadEventStart;
        return performance.getEntriesByType('resource')
            .filter(r => r.initiatorType === 'script' && r.startTime < loaded)
            .map(r => new URL(r.name).pathname);
    }"""
    )
    problems = [
        f"{page_name}: script {path.rsplit('/', 1)[-1]} is fetched before the page has loaded — load it "
        "after the page (docs/_templates/deferred_scripts.html)"
        for path in early
    ]
    problems += [
        f"{page_name}: web font {url.rsplit('/', 1)[-1].split('?')[0]} is downloaded — draw the icon or use "
        "the system font (docs/_static/custom.css)"
        for url in rec.requested
        if url.split("?")[0].endswith(FONT_FILE)
    ]
    return problems


def image_problems(page, page_name):
    """Every <img> decoded (naturalWidth > 0); every figure image has non-empty alt text."""
    found = page.evaluate("""() => Array.from(document.images).map(img => ({
        src: img.getAttribute('src'), width: img.naturalWidth, complete: img.complete,
        alt: img.getAttribute('alt'), inFigure: !!img.closest('figure, .figure')}))""")
    problems = []
    for img in found:
        if not img["complete"] or img["width"] == 0:
            problems.append(
                f"{page_name}: image {img['src']} did not decode (naturalWidth 0): "
                "regenerate it with 'make images' or fix the path"
            )
        if img["alt"] is None or not img["alt"].strip():
            where = "figure image" if img["inFigure"] else "image"
            problems.append(f"{page_name}: {where} {img['src']} has no alt text: add :alt: to the directive")
    return problems


@functools.lru_cache(maxsize=1)
def _axe_script():
    from axe_playwright_python.base import AXE_SCRIPT  # axe.min.js bundled with the package

    return AXE_SCRIPT


# axe's color-contrast rule costs about a millisecond per element with text: on a page of code examples
# more than all other rules together. The contrast of an element's text follows from the element's text
# style and from what lies behind it: the backgrounds, opacities, filters, blend modes and stacking of
# the element and its ancestors (and their ::before/::after boxes). So the rule checks, among the
# elements it would check anyway, the first of each such combination; every other rule checks every
# element. A violation names the element checked and how many others are drawn the same way.
# (Not told apart: text covered by a box that is not its ancestor. The theme positions only the top
# bar, the menu and the copy buttons, and their own text is checked.)
_AXE_RUN = """async () => {
    const BEHIND = ['backgroundColor', 'backgroundImage', 'opacity', 'filter', 'mixBlendMode',
                    'backdropFilter', 'position', 'zIndex', 'visibility'];
    const TEXT = ['color', 'fontSize', 'fontWeight', 'textShadow', 'webkitTextFillColor',
                  'webkitTextStrokeColor', 'webkitTextStrokeWidth'];
    const styleOf = (element, pseudo, names) => {
        const style = getComputedStyle(element, pseudo);
        return (pseudo && style.content === 'none') ? '' : names.map(name => style[name]).join(',');
    };
    const behind = new Map();
    const backdrop = element => {
        if (!element) return '';
        if (!behind.has(element))
            behind.set(element, [styleOf(element, null, BEHIND), styleOf(element, '::before', BEHIND),
                                 styleOf(element, '::after', BEHIND)].join('|')
                                + '>' + backdrop(element.parentElement));
        return behind.get(element);
    };
    const alike = new Map();  // the element checked -> how many others are drawn the same way
    const checked = new Map();  // how an element is drawn -> the element checked for it
    axe.reset();  // the rules as axe defines them, not as an earlier run on this page configured them
    const rule = axe._audit.rules.find(r => r.id === 'color-contrast');
    const matches = rule.matches.bind(rule);
    axe.configure({rules: [{id: 'color-contrast', matches: (node, virtualNode, context) => {
        if (!matches(node, virtualNode, context)) return false;
        const drawn = styleOf(node, null, TEXT) + '|' + backdrop(node);
        const first = checked.get(drawn);
        if (first) { alike.set(first, alike.get(first) + 1); return false; }
        checked.set(drawn, node);
        alike.set(node, 0);
        return true;
    }}]});
    const result = await axe.run(document, {resultTypes: ['violations'],
                                            rules: {'target-size': {enabled: true}}});
    for (const violation of result.violations)
        for (const node of violation.nodes)
            node.alike = violation.id === 'color-contrast' && node.target.length === 1
                ? alike.get(document.querySelector(node.target[0])) || 0 : 0;
    return result.violations;
}"""


def axe_problems(page, page_name):
    """axe-core violations, one line per rule and element.

    Every rule axe runs by default, plus target-size (WCAG 2.2), which Lighthouse also runs;
    color-contrast on one element of each way text is drawn (_AXE_RUN)."""
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per page: the script is large
        page.evaluate(_axe_script())
    problems = []
    for violation in page.evaluate(_AXE_RUN):
        for node in violation["nodes"]:
            alike = f" (and {node['alike']} more drawn the same way)" if node["alike"] else ""
            problems.append(
                f"{page_name}: axe {violation['id']} ({violation['impact']}): "
                f"{' '.join(map(str, node['target']))}{alike} — {violation['help']}"
            )
    return problems


def overflow_problems(page, page_name, width):
    """The page must not scroll sideways."""
    scroll, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    if scroll > inner:
        return [
            f"{page_name}: at {width} px the page scrolls sideways ({scroll} px wide content): "
            "wrap or shrink the widest element"
        ]
    return []


def broken_code_problems(page, page_name, width):
    """No identifier in a table cell (``IncomingCall``, ``call_id``) breaks in the middle: a column too
    narrow for it splits it across lines, which the code-wrapping rule of custom.css allows."""
    broken = page.evaluate("""() => Array.from(document.querySelectorAll('td code, th code'))
        .filter(c => !/\\s/.test(c.textContent) && c.textContent.length <= 24
                     && c.getClientRects().length > 1)
        .map(c => c.textContent)""")
    return [
        f"{page_name}: at {width} px {name!r} breaks across lines in a table cell: widen its "
        "column (:widths: of the list-table)"
        for name in broken
    ]


_NAV_LINKS_VISIBLE = """() => {
    const links = Array.from(document.querySelectorAll('.wy-menu-vertical a'));
    return links.length > 0 && links.some(a => {
        const r = a.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.right > 0 && r.left < window.innerWidth
            && getComputedStyle(a).visibility !== 'hidden';
    });
}"""


def nav_problems(page, page_name, width):
    """Site navigation is on screen (at phone width: after opening the menu button)."""
    if page.evaluate(_NAV_LINKS_VISIBLE):
        return []
    toggle = page.locator("[data-toggle='wy-nav-top']").first
    if toggle.count() == 0 or not toggle.is_visible():
        return [f"{page_name}: at {width} px no navigation link is visible and there is no menu button"]
    toggle.click()
    try:  # the theme slides the menu in
        page.wait_for_function(_NAV_LINKS_VISIBLE, timeout=2_000)
    except Exception:
        return [f"{page_name}: at {width} px the menu button does not reveal the navigation"]
    return []


def screenshot(page, directory, page_name, width):
    """A full-page PNG ``<page>-<width>.png`` under ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{page_name[: -len('.html')].replace('/', '-')}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def group_tabs(page):
    """The group tabs on the open page: [{name, label, selected, position}]."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.sphinx-tabs-tab.group-tab'))
        .map(t => ({name: t.getAttribute('name'), label: t.textContent.trim(), id: t.id,
                    selected: t.getAttribute('aria-selected') === 'true',
                    position: Array.from(t.parentNode.children).indexOf(t)}))""")


# What the reader sees, not what the markup claims: a stylesheet can show a
# panel that has the `hidden` attribute, or hide one that has not.
_SHOWN = """el => el.getClientRects().length > 0 && el.getBoundingClientRect().height > 0
    && getComputedStyle(el).visibility !== 'hidden'"""


def _panel_shown(page, tab_id):
    return page.evaluate(
        f"""id => {{
        const shown = {_SHOWN};
        const tab = document.getElementById(id);
        const panel = document.getElementById(tab.getAttribute('aria-controls'));
        return tab.getAttribute('aria-selected') === 'true' && shown(panel);
    }}""",
        tab_id,
    )


def tab_switch_problems(page, page_name):
    """Clicking each tab of each tab set selects it and shows its panel (and only its panel)."""
    problems = []
    tab_ids = page.evaluate("() => Array.from(document.querySelectorAll('.sphinx-tabs-tab')).map(t => t.id)")
    for tab_id in reversed(tab_ids):  # last tabs first: they start hidden
        tab = page.locator(f"[id='{tab_id}']")
        if tab.get_attribute("aria-selected") != "true":
            # A mouse click at the tab's centre without Playwright's waits for it to be stable and
            # uncovered (half the cost of a click): a covered tab is not selected, which is reported.
            tab.click(force=True)
        if not _panel_shown(page, tab_id):
            problems.append(f"{page_name}: clicking tab {tab.inner_text()!r} does not show its panel")
        others = page.evaluate(
            f"""id => {{
            const shown = {_SHOWN};
            const tab = document.getElementById(id);
            return Array.from(tab.parentNode.children).filter(t => t !== tab)
                .filter(t => shown(document.getElementById(t.getAttribute('aria-controls')))).length;
        }}""",
            tab_id,
        )
        if others:
            problems.append(f"{page_name}: after clicking {tab.inner_text()!r} other panels stay visible")
    return problems


def sticky_tab_problems(page, base_url, first, second, name):
    """Choose the group tab ``name`` on page ``first``; page ``second`` must open with it selected."""
    page.evaluate("sessionStorage.clear()")
    open_page(page, base_url + first)
    tabs = page.locator(f".sphinx-tabs-tab.group-tab[name='{name}']")
    unselected = page.locator(f".sphinx-tabs-tab.group-tab[name='{name}'][aria-selected='false']")
    tab = (unselected if unselected.count() else tabs).first  # clicking a shown tab would close it
    label = tab.inner_text()
    tab.click()
    open_page(page, base_url + second)
    chosen = [t for t in group_tabs(page) if t["name"] == name]
    if not chosen:
        return [f"{second}: has no group tab {label!r}"]
    problems = []
    for t in chosen:
        if not _panel_shown(page, t["id"]):
            problems.append(
                f"{second}: tab {label!r} chosen on {first} is not selected here "
                "(sphinx-tabs keeps it in sessionStorage)"
            )
    return problems


def search_problems(page, base_url, query, expected_page):
    """search.html?q=<query> lists a result linking to ``expected_page``."""
    open_page(page, base_url + "search.html?q=" + query.replace(" ", "+"))
    try:
        # Sphinx's search adds its summary element when it starts and stops its progress
        # dots (Search._pulse_status back to -1) when every result is listed. (The summary's
        # text is no sign: Sphinx's German catalogue translates it as empty.)
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary') !== null"
            " && typeof Search !== 'undefined' && Search._pulse_status === -1",
            timeout=10_000,
        )
    except Exception:
        return [f"search.html: no results appeared for {query!r}"]
    hrefs = page.evaluate(
        "() => Array.from(document.querySelectorAll('#search-results li a')).map(a => a.getAttribute('href'))"
    )
    if not any(h.split("#")[0].split("?")[0] == expected_page for h in hrefs):
        return [f"search.html: {query!r} does not list {expected_page} (found {hrefs})"]
    return []


def counterpart(page_name, to_lang, source=languages.SOURCE):
    """The same page in ``to_lang``: setup.html -> de/setup.html -> setup.html."""
    from_lang = language_of(page_name, source)
    name = page_name.split("/", 1)[1] if from_lang != source else page_name
    return name if to_lang == source else f"{to_lang}/{name}"


_LANGUAGE_LINKS = f"""() => {{
    const shown = {_SHOWN};
    return {{
        declared: document.documentElement.lang,
        hreflangs: Array.from(document.querySelectorAll('head link[rel=alternate][hreflang]'))
            .map(link => link.hreflang),
        switches: Array.from(document.querySelectorAll('.language-switch a[hreflang]'))
            .map(a => ({{lang: a.getAttribute('hreflang'), href: a.href, shown: shown(a)}})),
    }};
}}"""


def language_link_problems(page, base_url, page_name, languages, source=languages.SOURCE):
    """On the page shown (``page_name``): <html lang> is its language, <link rel="alternate" hreflang>
    names every language, and a visible switch to each other language points at the same page there."""
    from_lang = language_of(page_name, source)
    problems = []
    found = page.evaluate(_LANGUAGE_LINKS)
    if found["declared"] != from_lang:
        problems.append(f"{page_name}: <html lang={found['declared']!r}>, expected {from_lang!r}")
    hreflangs = set(found["hreflangs"])
    if not set(languages) <= hreflangs:
        problems.append(
            f"{page_name}: <link rel=alternate hreflang> names {sorted(hreflangs)}, "
            f"expected {sorted(languages)}"
        )
    for to_lang in languages:
        if to_lang == from_lang:
            continue
        switches = [link for link in found["switches"] if link["lang"] == to_lang]
        if len(switches) != 1 or not switches[0]["shown"]:
            problems.append(f"{page_name}: no visible language switch to {to_lang!r}")
            continue
        target = switches[0]["href"][len(base_url) :].split("#")[0]
        if target != counterpart(page_name, to_lang, source):
            problems.append(
                f"{page_name}: the switch to {to_lang!r} leads to {target!r}, "
                f"not to {counterpart(page_name, to_lang, source)!r}"
            )
    return problems


def language_switch_problems(page, base_url, page_name, to_lang, source=languages.SOURCE):
    """Open ``page_name``, check its language links, click the switch to ``to_lang``: the reader lands
    on the same page in that language, with the right <html lang>."""
    open_page(page, base_url + page_name)
    problems = language_link_problems(
        page, base_url, page_name, [language_of(page_name, source), to_lang], source
    )
    if any("no visible language switch" in p for p in problems):
        return problems
    page.locator(f".language-switch a[hreflang={to_lang}]").click()
    page.wait_for_load_state("load")
    landed = page.url[len(base_url) :].split("#")[0]
    expected = counterpart(page_name, to_lang, source)
    if landed != expected:
        problems.append(
            f"{page_name}: clicking the switch to {to_lang!r} leads to {landed!r}, not to {expected!r}"
        )
    elif page.evaluate("() => document.documentElement.lang") != to_lang:
        problems.append(f"{landed}: reached by the switch, but <html lang> is not {to_lang!r}")
    return problems


# --- the sitemap and the not-found page ----------------------------------------------------------

NOT_CONTENT = ("search.html", "genindex.html", "404.html")  # Sphinx's generated pages, the 404 page


def content_pages(html_dir, source=languages.SOURCE):
    """Every content page of every language, nested ones included (``setup.html``, ``de/setup.html``),
    without Sphinx's generated pages and the not-found page (NOT_CONTENT)."""
    html_dir = Path(html_dir)
    languages = set(translations(html_dir))
    found = []
    for path in html_dir.rglob("*.html"):
        parts = path.relative_to(html_dir).parts
        if any(part.startswith("_") for part in parts):
            continue  # _static/, _images/, ...: Sphinx's folders, no pages
        inside = parts[1:] if parts[0] in languages else parts
        if "/".join(inside) not in NOT_CONTENT:
            found.append("/".join(parts))
    return sorted(found)


def parse(xml: bytes | str) -> list[tuple[str, dict[str, str]]]:
    """A sitemap's entries as sitemap.sitemap_entries() returns them (for checks of a written sitemap)."""
    root = ET.fromstring(xml)
    entries = []
    for url in root.findall(f"{{{sitemap.SITEMAP_NS}}}url"):
        loc = (url.findtext(f"{{{sitemap.SITEMAP_NS}}}loc") or "").strip()
        links = {
            link.get("hreflang", ""): link.get("href", "")
            for link in url.findall(f"{{{sitemap.XHTML_NS}}}link")
            if link.get("rel") == "alternate"
        }
        entries.append((loc, links))
    return entries


def sitemap_problems(sitemap_xml, html_dir, baseurl, source=languages.SOURCE):
    """The sitemap at ``sitemap_xml`` against the built site ``html_dir``: every content page of every
    language listed once at its address under ``baseurl``, nothing else listed, and each naming the
    same page in every language (hreflang) and the source language as x-default."""
    name = Path(sitemap_xml).name
    base = baseurl.rstrip("/") + "/"
    languages = [source, *translations(html_dir)]
    pages = {base + page: page for page in content_pages(html_dir, source)}
    entries = parse(Path(sitemap_xml).read_bytes())
    listed = [loc for loc, _ in entries]
    problems = [
        f"{name}: {loc} is listed {listed.count(loc)} times — list each page once"
        for loc in sorted({loc for loc in listed if listed.count(loc) > 1})
    ]
    problems += [
        f"{name}: {page} is missing (no <loc>{loc}</loc>) — build the site again (make html): "
        "its source-language build writes the sitemap"
        for loc, page in pages.items()
        if loc not in listed
    ]
    for loc, links in entries:
        page = pages.get(loc)
        if page is None:
            problems.append(f"{name}: lists {loc}, which is no content page of {html_dir}")
            continue
        expected = {lang: base + counterpart(page, lang, source) for lang in languages}
        expected["x-default"] = expected[source]
        for hreflang in sorted(expected.keys() | links.keys()):
            if links.get(hreflang) != expected.get(hreflang):
                problems.append(
                    f"{name}: {page}: hreflang={hreflang} names {links.get(hreflang)!r}, "
                    f"expected {expected.get(hreflang)!r}"
                )
    return problems


class _NotFoundHandler(QuietHandler):
    """A static host configured as the README says: a missing address gets status 404 and the not-found
    page of its language's folder (/de/… → de/404.html, any other → 404.html); no folder listings."""

    def send_error(self, code, message=None, explain=None):
        site = Path(self.directory)
        first = urlsplit(self.path).path.lstrip("/").split("/")[0]
        folder = site / first if first in translations(site) else site
        page = folder / "404.html"
        if code != 404 or self.command not in ("GET", "HEAD") or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def list_directory(self, path):
        self.send_error(404)


def serve_like_host(directory):
    """The built site at ``directory`` on a loopback server that answers a missing address like the
    configured host: status 404 with the not-found page of the address's language (use ``with``)."""
    return LoopbackServer.directory(directory, _NotFoundHandler).start()


def _html_lang(html):
    import re

    found = re.search(r"<html\b[^>]*\blang=\"([^\"]*)\"", html)
    return found.group(1) if found else ""


def not_found_problems(page, base_url, address, languages, rec=None, answers=None):
    """Open the missing ``address`` (``de/x/missing.html``): status 404, the not-found page in the
    address's language, its styles and scripts load (with ``rec`` from new_context), every link and form
    on it leads to a page that loads, and its text links to that language's start page and search.
    ``answers``: a dict that keeps each linked address's answer for the next call on the same host."""
    source = languages[0]
    first = address.split("/")[0]
    lang = first if first in languages[1:] and "/" in address else source
    root = "" if lang == source else f"{lang}/"
    if rec is not None:
        rec.reset()
    response = open_page(page, base_url + address)
    problems = []
    status = response.status if response else None
    if status != 404:
        problems.append(
            f"{address}: answered HTTP {status}, expected 404 — the host must answer a missing address "
            "with status 404 and the not-found page (README: host configuration)"
        )
    declared = page.evaluate("() => document.documentElement.lang")
    if declared != lang:
        problems.append(
            f"{address}: the answer's <html lang> is {declared!r}, expected {lang!r} — serve "
            f"{root}404.html for missing addresses under /{root}"
        )
    if rec is not None:
        asked = base_url + address
        rec.failed_requests[:] = [r for r in rec.failed_requests if not r.startswith(asked + " ")]
        rec.console_errors[:] = [
            m for m in rec.console_errors if not (m.startswith("Failed to load resource") and asked in m)
        ]
        problems += request_problems(rec, address)
    links = page.evaluate("""() => [
        ...Array.from(document.querySelectorAll('a[href]')).map(a => ({
            text: a.textContent.trim() || a.getAttribute('aria-label') || '', raw: a.getAttribute('href'),
            url: a.href.split('#')[0], main: !!a.closest('[role=main]')})),
        ...Array.from(document.querySelectorAll('form[action]')).map(f => ({
            text: 'form ' + (f.id || ''), raw: f.getAttribute('action'), url: f.action.split('?')[0],
            main: false}))]
        .filter(l => !l.raw.startsWith('#'))""")
    answers = {} if answers is None else answers
    checked = set()
    for link in links:
        url = link["url"]
        if not is_loopback(url) or url in checked:
            continue
        checked.add(url)
        if url not in answers:
            answer = page.request.get(url)
            answers[url] = (answer.status, _html_lang(answer.text()) if answer.ok else "")
        status = answers[url][0]
        if status != 200:
            problems.append(
                f"{address}: the link {link['text']!r} ({link['raw']}) leads to {url[len(base_url) - 1 :]}, "
                f"which answers HTTP {status} — the not-found page's links must be absolute paths "
                "(notfound_urls_prefix)"
            )
    for what, target in (("start page", f"{root}index.html"), ("search", f"{root}search.html")):
        if not any(link["main"] and link["url"] == base_url + target for link in links):
            problems.append(f"{address}: its text has no link to the {what} /{target}")
        elif answers[base_url + target] != (200, lang):
            status, found = answers[base_url + target]
            problems.append(
                f"{address}: the {what} /{target} answers HTTP {status} in {found!r}, not in {lang!r}"
            )
    return problems


def code_blocks(page):
    """Every code block on the open page, in page order (the order copy_button_problems counts):
    [{language, text}], ``language`` from the block's class highlight-LANGUAGE (console, pycon, json,
    default, ...), ``text`` as the page shows it, prompts and output included."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('div.highlight pre')).map(pre => {
        const outer = pre.closest('[class*="highlight-"]');
        const cls = outer ? Array.from(outer.classList).find(c => c.startsWith('highlight-')) : null;
        return {language: cls ? cls.slice('highlight-'.length) : '', text: pre.textContent};
    })""")


def copy_button_missing_problems(page, page_name):
    """Every code block has a copy button (sphinx-copybutton adds them once the page is parsed)."""
    missing = page.evaluate("""() => Array.from(document.querySelectorAll('div.highlight pre'))
        .map((pre, i) => [i + 1, pre.nextElementSibling, pre.textContent.split('\\n')[0]])
        .filter(([, next]) => !(next && next.matches('button.copybtn')))
        .map(([number, , first]) => [number, first])""")
    return [
        f"{page_name}: code block {number} ({first!r}) has no copy button: "
        "sphinx_copybutton belongs in conf.py's extensions"
        for number, first in missing
    ]


def _show_tab_of(page, locator):
    """Select the tab of each hidden tab panel (sphinx-tabs) around ``locator``, outermost first."""
    for _ in range(5):  # tabs in tabs, at most a few deep
        tab_id = locator.evaluate("""el => {
            let outermost = null;
            for (let p = el.closest('[role=tabpanel]'); p; p = p.parentElement.closest('[role=tabpanel]'))
                if (p.hidden) outermost = p;
            return outermost && outermost.getAttribute('aria-labelledby');
        }""")
        if not tab_id:
            return
        page.locator(f"[id='{tab_id}']").click()


_CLIPBOARD_BEFORE = "(what the clipboard held before the click)"


def copy_button_problems(page, page_name, index, expected):
    """Click the copy button of code block ``index`` (0-based, as code_blocks() lists them; a block in
    a hidden tab panel: its tab first) and read the clipboard: it must hold ``expected``, exactly.
    The context needs new_context(..., clipboard=True)."""
    number = index + 1
    block = page.locator("div.highlight pre").nth(index)
    button = block.locator("xpath=following-sibling::button[contains(concat(' ', @class, ' '), ' copybtn ')]")
    # sphinx-copybutton adds its buttons when its script runs, which the page may defer: once every
    # script has run, a block without a button has none.
    page.wait_for_function(SCRIPTS_READY, timeout=10_000)
    if not button.count():
        return [
            f"{page_name}: code block {number} has no copy button: "
            "sphinx_copybutton belongs in conf.py's extensions"
        ]
    _show_tab_of(page, block)
    page.bring_to_front()  # the clipboard answers the focused page only
    page.evaluate("text => navigator.clipboard.writeText(text)", _CLIPBOARD_BEFORE)
    button.first.click()
    copied = _CLIPBOARD_BEFORE
    deadline = time.monotonic() + 3
    while copied == _CLIPBOARD_BEFORE and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        copied = page.evaluate("navigator.clipboard.readText()")
    if copied == _CLIPBOARD_BEFORE:
        return [f"{page_name}: the copy button of code block {number} copies nothing (clipboard unchanged)"]
    if copied == expected:
        return []
    got, want = copied.split("\n"), expected.split("\n")
    line = next(
        i for i in range(max(len(got), len(want))) if i >= len(got) or i >= len(want) or got[i] != want[i]
    )
    if line >= len(got):
        wrong = f"stops after line {line}, expected line {line + 1} {want[line]!r}"
    elif line >= len(want):
        wrong = f"copies {got[line]!r} in line {line + 1}, expected nothing after line {line}"
    else:
        wrong = f"copies {got[line]!r} in line {line + 1}, expected {want[line]!r}"
    return [f"{page_name}: the copy button of code block {number} {wrong} (copybutton_* settings in conf.py)"]


# An A4 page less the 15 mm margins of custom.css's @page rule, in CSS px (96 per inch).
PRINTED_PAGE = {"width": round(180 / 25.4 * 96), "height": round(267 / 25.4 * 96)}
# What a printed page must not show: (what, selector).
NOT_PRINTED = (
    ("the side navigation", ".wy-nav-side"),
    ("the phone top bar", ".wy-nav-top"),
    ("the search", "[role=search], #rtd-search-form"),
    ("the breadcrumbs", ".wy-breadcrumbs"),
    ("the language switch", ".language-switch"),
    ("the previous/next buttons", ".rst-footer-buttons"),
    ("a copy button", "button.copybtn"),
)
PRINT_CSS = "the print section of docs/_static/custom.css"


def _generated_text(content):
    """The text of a computed ``content`` value (Chromium resolves attr() into a string)."""
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', content or ""))


def print_problems(page, page_name, screenshots=None):
    """The open page as printed (print media, an A4 page's printable width): no navigation, search,
    language switch, previous/next or copy buttons; the text spans the page; each figure is kept on
    one page (break-inside: avoid, no taller than a page); each external link prints its address
    once. ``screenshots``: a folder for ``<page>-print.png``. The page is shown on screen again after."""
    size = page.viewport_size
    page.set_viewport_size(PRINTED_PAGE)
    page.emulate_media(media="print")
    try:
        seen = page.evaluate(
            """(notPrinted) => {
            const shown = """
            + _SHOWN
            + """;
            const main = document.querySelector('[role=main]') || document.body;
            return {
                shown: notPrinted.filter(([, sel]) => Array.from(document.querySelectorAll(sel)).some(shown)),
                width: main.getBoundingClientRect().width,
                page: document.documentElement.clientWidth,
                figures: Array.from(document.querySelectorAll('figure, .figure')).filter(shown).map(f => ({
                    name: f.id || '', image: (f.querySelector('img') || {}).src || '',
                    breakInside: getComputedStyle(f).breakInside,
                    height: Math.round(f.getBoundingClientRect().height)})),
                links: Array.from(document.querySelectorAll('a[href]')).filter(shown).map(a => ({
                    href: a.getAttribute('href'), text: a.textContent.trim(),
                    after: getComputedStyle(a, '::after').display === 'none'
                        ? '' : getComputedStyle(a, '::after').content})),
            };
        }""",
            [list(item) for item in NOT_PRINTED],
        )
        if screenshots:
            screenshot(page, screenshots, page_name, "print")
    finally:
        page.emulate_media(media="null")
        page.set_viewport_size(size)
    problems = [
        f"{page_name}: printed, the page shows {what} ({selector}): hide it in {PRINT_CSS}"
        for what, selector in seen["shown"]
    ]
    if seen["width"] < 0.9 * seen["page"]:
        problems.append(
            f"{page_name}: printed, the text is {seen['width']:.0f} px wide on a {seen['page']} px page: "
            f"let it span the page in {PRINT_CSS}"
        )
    for figure in seen["figures"]:
        name = figure["image"].rsplit("/", 1)[-1] or figure["name"]
        if figure["breakInside"] not in ("avoid", "avoid-page"):
            problems.append(
                f"{page_name}: printed, figure {name} may be split across two pages "
                f"(break-inside: {figure['breakInside']}): set break-inside: avoid in {PRINT_CSS}"
            )
        if figure["height"] > PRINTED_PAGE["height"]:
            problems.append(
                f"{page_name}: printed, figure {name} is {figure['height']} px tall, more than a page "
                f"({PRINTED_PAGE['height']} px): limit its height in {PRINT_CSS}"
            )
    for link in seen["links"]:
        href, after = link["href"], _generated_text(link["after"])
        if not href.startswith(("http://", "https://")):
            if href not in ("", "#") and href in after:
                problems.append(
                    f"{page_name}: printed, the internal link {link['text']!r} shows its address {href}"
                )
        elif link["text"] in (href, href.rstrip("/")):
            if href.rstrip("/") in after:
                problems.append(f"{page_name}: printed, the link {href} prints its address twice")
        elif href not in after:
            problems.append(
                f"{page_name}: printed, the external link {link['text']!r} does not show its address "
                f"{href}: add it after the text in {PRINT_CSS}"
            )
    return problems
