"""Each check of the built site fails on a copy of the built site broken on purpose."""

import re
import shutil
import threading
from contextlib import contextmanager

import pytest
from expected import a_german_inflection, a_section_heading, pasteable
from page_reports import Tab

from placetel_tools.dev import site_check as sc
from placetel_tools.loopback import LoopbackServer, QuietHandler


@contextmanager
def browsing(tab, site, width):
    """``site`` (a built copy) on a loopback server of its own (an origin of its own: no storage of
    another test's), and the session's tab ``width`` px wide: yields (server, page, its traffic
    recorder, emptied)."""
    with sc.serve(site) as server:
        yield server, tab.at(width), tab.rec


@pytest.fixture(scope="module")
def broken(tmp_path_factory, built_site):
    """One copy of the built site that the tests below break on purpose, each on pages of its own: an
    offsite image and an image without alt text on overview.html, a too narrow table on endpoint.html
    (English); the language switch on the German pages; copy buttons on caller-recognition.html and
    de/troubleshooting.html; print on de/settings.html and de/caller-recognition.html."""
    built = tmp_path_factory.mktemp("broken") / "html"
    shutil.copytree(built_site, built)
    overview = built / "overview.html"
    html = overview.read_text("utf-8")
    assert '<div itemprop="articleBody">' in html, "overview.html: no article body to put images into"
    overview.write_text(
        html.replace(
            '<div itemprop="articleBody">',
            '<div itemprop="articleBody"><img src="_static/favicon.svg" id="no-alt">'
            '<img src="https://cdn.example.org/logo.png" alt="Logo from a CDN">',
            1,
        ),
        "utf-8",
    )
    endpoint = built / "endpoint.html"  # the request fields' table: its first column too narrow
    html, found = re.subn(
        r'<colgroup>\s*<col style="width: 30\.0%" />\s*<col style="width: 70\.0%" />',
        '<colgroup><col style="width: 8%" /><col style="width: 92%" />',
        endpoint.read_text("utf-8"),
        count=1,
    )
    assert found, "endpoint.html has no table with :widths: 30 70 any more: pick another to squeeze"
    endpoint.write_text(html, "utf-8")
    yield built
    shutil.rmtree(built)


def test_checks_report_a_broken_language_switch(broken, tab):
    """A switch to the wrong page, a wrong <html lang> and a missing hreflang link are each reported."""
    built = broken
    german = built / "de" / "setup.html"
    german.write_text(
        german.read_text("utf-8").replace(
            'href="../setup.html" hreflang="en"', 'href="../index.html" hreflang="en"'
        ),
        "utf-8",
    )
    overview = built / "de" / "overview.html"
    overview.write_text(
        re.sub(
            r'<link rel="alternate" hreflang="en"[^>]*>',
            "",
            overview.read_text("utf-8").replace('lang="de"', 'lang="en"', 1),
        ),
        "utf-8",
    )
    endpoint = built / "de" / "endpoint.html"
    endpoint.write_text(
        re.sub(r'<a [^>]*hreflang="en"[^>]*>[^<]*</a>', "", endpoint.read_text("utf-8")), "utf-8"
    )
    with browsing(tab, built, 375) as (srv, page, _):
        base = srv.url + "/"
        wrong_target = sc.language_switch_problems(page, base, "de/setup.html", "en")
        sc.open_page(page, base + "de/setup.html")
        wrong_link = sc.language_link_problems(page, base, "de/setup.html", ["en", "de"])
        wrong_lang = sc.language_switch_problems(page, base, "de/overview.html", "en")
        no_switch = sc.language_switch_problems(page, base, "de/endpoint.html", "en")
        fine = sc.language_switch_problems(page, base, "de/glossary.html", "en")
    assert wrong_link == ["de/setup.html: the switch to 'en' leads to 'index.html', not to 'setup.html'"]
    assert wrong_target == [
        *wrong_link,
        "de/setup.html: clicking the switch to 'en' leads to 'index.html', not to 'setup.html'",
    ]
    assert "de/overview.html: <html lang='en'>, expected 'de'" in wrong_lang, wrong_lang
    assert any("hreflang> names" in p for p in wrong_lang), wrong_lang
    assert "de/endpoint.html: no visible language switch to 'en'" in no_switch, no_switch
    assert fine == []


def test_checks_report_a_broken_figure_a_missing_alt_and_an_offsite_request(broken, tab):
    """The same check functions, pointed at a copy with deliberate defects, must fail."""
    built = broken
    figures = sorted((built / "_images").glob("*")) if (built / "_images").is_dir() else []
    figure_pages = [
        p
        for p in sc.pages(built)
        if re.search(r'<figure[^>]*>\s*<img[^>]*src="_images/', (built / p).read_text("utf-8"))
    ]
    assert figures and figure_pages, "the site has no figure to break: a figure belongs on the setup page"
    broken = re.search(
        r'<figure[^>]*>\s*<img[^>]*src="(_images/[^"]+)"', (built / figure_pages[0]).read_text("utf-8")
    ).group(1)
    (built / broken).write_bytes(b"\x00garbage, not an image\xff" * 20)

    with browsing(tab, built, 1280) as (srv, page, rec):
        sc.visit(page, sc.page_url(srv, "overview.html"))
        offsite = sc.request_problems(rec, "overview.html")
        no_alt = sc.image_problems(page, "overview.html")
        axe = sc.axe_problems(page, "overview.html")
        rec.reset()
        sc.visit(page, sc.page_url(srv, figure_pages[0]))
        garbage = sc.image_problems(page, figure_pages[0])
    assert any("leaves loopback" in p and "cdn.example.org" in p for p in offsite), offsite
    assert any("favicon.svg has no alt text" in p for p in no_alt), no_alt
    assert any("axe image-alt" in p for p in axe), axe
    assert any(broken in p and "did not decode" in p for p in garbage), garbage


def inject(html_file, head="", body=""):
    """Put ``head`` first into <head> and ``body`` first into <body> of a built page."""
    text = html_file.read_text("utf-8")
    text = text.replace("<head>", "<head>" + head, 1)
    html_file.write_text(re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + body, text, count=1), "utf-8")


def test_checks_report_broken_tabs_search_layout_navigation_and_console(broken, tab):
    """Tab, sticky-tab, search, overflow, navigation and console checks fail on a site broken on purpose."""
    built = broken
    german_data = built / "de" / "_static" / "language_data.js"  # a German search that does not stem
    german_data.write_text(
        german_data.read_text("utf-8")
        + "\nwindow.Stemmer = function () { this.stemWord = (word) => word; };\n",
        "utf-8",
    )
    inject(built / "settings.html", head="<style>.sphinx-tabs-panel{display:block!important}</style>")
    inject(built / "troubleshooting.html", head="<style>.sphinx-tabs-panel{display:none!important}</style>")
    inject(built / "endpoint.html", head="<script>sessionStorage.clear()</script>")  # forgets the chosen tab
    (built / "searchindex.js").write_text(
        'Search.setIndex({"docnames": [], "filenames": [], "terms": {}, '
        '"titles": [], "titleterms": {}, "objects": {}, "objnames": {}, '
        '"objtypes": {}, "envversion": {}, "alltitles": {}, '
        '"indexentries": {}})',
        "utf-8",
    )
    inject(
        built / "glossary.html",
        head='<link rel="stylesheet" href="_static/gone.css"><style>.wy-nav-content{min-width:900px}</style>',
        body='<script>console.error("boom")</script>',
    )
    inject(
        built / "index.html",
        head="<style>.wy-menu-vertical, [data-toggle='wy-nav-top']{display:none!important}</style>",
    )

    with browsing(tab, built, 375) as (srv, page, rec):
        sc.open_page(page, sc.page_url(srv, "settings.html"))
        all_shown = sc.tab_switch_problems(page, "settings.html")
        sc.open_page(page, sc.page_url(srv, "troubleshooting.html"))
        none_shown = sc.tab_switch_problems(page, "troubleshooting.html")
        sticky = sc.sticky_tab_problems(page, (srv.url + "/"), "settings.html", "endpoint.html", "UHl0aG9u")
        query, expected = a_section_heading(built)
        search = sc.search_problems(page, (srv.url + "/"), query, expected)
        german_query, german_expected = a_german_inflection(built)
        unstemmed = sc.search_problems(page, srv.url + "/de/", german_query, german_expected)
        rec.reset()
        sc.visit(page, sc.page_url(srv, "glossary.html"))
        console = sc.request_problems(rec, "glossary.html")
        wide = sc.overflow_problems(page, "glossary.html", 375)
        sc.visit(page, sc.page_url(srv, "endpoint.html"))
        squeezed = sc.broken_code_problems(page, "endpoint.html", 375)
        sc.visit(page, sc.page_url(srv, "index.html"))
        no_nav = sc.nav_problems(page, "index.html", 375)
    assert any("other panels stay visible" in p for p in all_shown), all_shown
    assert any("does not show its panel" in p for p in none_shown), none_shown
    assert sticky and all("chosen on settings.html is not selected here" in p for p in sticky), sticky
    assert search and repr(query) in search[0], search
    assert unstemmed and repr(german_query) in unstemmed[0], unstemmed
    assert any("console error: boom" in p for p in console), console
    assert any("gone.css (HTTP 404)" in p for p in console), console
    assert len(wide) == 1 and wide[0].startswith("glossary.html: at 375 px the page scrolls sideways"), wide
    assert (
        "endpoint.html: at 375 px 'call_id' breaks across lines in a table cell: widen its column "
        "(:widths: of the list-table)" in squeezed
    ), squeezed
    assert no_nav == ["index.html: at 375 px no navigation link is visible and there is no menu button"], (
        no_nav
    )


def test_checks_report_a_copy_button_that_copies_the_prompt_or_is_missing(broken, tab):
    """A copybutton.js without the prompt setting copies prompts and output; a page without
    copybutton.js has no buttons; with every script loaded after the page, the configured one still copies the
    command alone."""
    built = broken
    script = (built / "_static" / "copybutton.js").read_text("utf-8")
    keeps_prompts, found = re.subn(
        r"formatCopyText\(text, '(?:[^'\\]|\\.)*'", "formatCopyText(text, ''", script
    )
    assert found == 1, "copybutton.js no longer calls formatCopyText(text, PROMPT, ...): update the test"
    (built / "_static" / "copybutton-keeps-prompts.js").write_text(keeps_prompts, "utf-8")
    page_file = built / "caller-recognition.html"
    html, found = re.subn(
        r"_static/copybutton\.js[^\"]*", "_static/copybutton-keeps-prompts.js", page_file.read_text("utf-8")
    )
    assert found == 1, "caller-recognition.html does not load _static/copybutton.js"
    page_file.write_text(html, "utf-8")
    no_buttons = built / "de" / "caller-recognition.html"
    html, found = re.subn(
        r'<script [^>]*?src="[^"]*/copybutton\.js[^"]*"></script>', "", no_buttons.read_text("utf-8")
    )
    assert found == 1, "de/caller-recognition.html does not load copybutton.js"
    no_buttons.write_text(html, "utf-8")
    deferred = built / "de" / "troubleshooting.html"  # as built: copybutton.js loads after the page
    assert re.search(
        r'<script type="text/x-after-load" data-src="[^"]*copybutton\.js', deferred.read_text("utf-8")
    )

    with browsing(tab, built, 1280) as (srv, page, _):
        results = {}
        for name in ("caller-recognition.html", "de/troubleshooting.html"):
            sc.open_page(page, sc.page_url(srv, name))
            blocks = sc.code_blocks(page)
            index = next(i for i, block in enumerate(blocks) if block["text"].startswith("$ "))
            expected = pasteable(blocks[index]["text"])
            results[name] = (
                index,
                blocks[index]["text"],
                sc.copy_button_problems(page, name, index, expected),
            )
        sc.open_page(page, sc.page_url(srv, "de/caller-recognition.html"))
        blocks = sc.code_blocks(page)
        missing = sc.copy_button_missing_problems(page, "de/caller-recognition.html")
        not_copied = sc.copy_button_problems(page, "de/caller-recognition.html", 0, "")
    index, text, with_prompt = results["caller-recognition.html"]
    first = text.split("\n")[0]
    assert with_prompt == [
        f"caller-recognition.html: the copy button of code block {index + 1} copies {first!r} in line 1, "
        f"expected {first[2:]!r} (copybutton_* settings in conf.py)"
    ]
    assert results["de/troubleshooting.html"][2] == []
    first_lines = [block["text"].split("\n")[0] for block in blocks]
    assert first_lines, "de/caller-recognition.html has no code block"
    assert missing == [
        f"de/caller-recognition.html: code block {number} ({first!r}) has no copy button: "
        "sphinx_copybutton belongs in conf.py's extensions"
        for number, first in enumerate(first_lines, 1)
    ]
    assert not_copied == [
        "de/caller-recognition.html: code block 1 has no copy button: "
        "sphinx_copybutton belongs in conf.py's extensions"
    ]


def test_checks_report_a_printed_navigation_and_missing_or_doubled_addresses(broken, tab):
    """Print: the side navigation shown; a named external link without its address; a link whose text
    is its address (not marked bare-url) with the address twice. The same links, named and marked as
    the build marks them, pass on the site's own print rules."""
    built = broken

    def add_links(name, bare_class):
        page_file = built / name
        links = (
            '<p><a class="reference external" href="https://example.org/named">a named link</a> and '
            f'<a class="{bare_class}reference external" href="https://example.org/bare">'
            "https://example.org/bare</a></p>"
        )
        html = page_file.read_text("utf-8")
        assert '<div itemprop="articleBody">' in html, name
        page_file.write_text(
            html.replace('<div itemprop="articleBody">', '<div itemprop="articleBody">' + links, 1), "utf-8"
        )

    add_links("de/settings.html", "bare-url ")
    inject(
        built / "de/settings.html",
        body="<style>@media print { .wy-nav-side { display: block !important } }</style>",
    )
    add_links("de/caller-recognition.html", "")
    inject(
        built / "de/caller-recognition.html",
        body='<style>@media print { a[href="https://example.org/named"]::after { content: none !important } }</style>',
    )

    with browsing(tab, built, 1280) as (srv, page, _):
        sc.visit(page, sc.page_url(srv, "de/settings.html"))
        navigation = sc.print_problems(page, "de/settings.html")
        sc.visit(page, sc.page_url(srv, "de/caller-recognition.html"))
        addresses = sc.print_problems(page, "de/caller-recognition.html")
    assert navigation == [
        "de/settings.html: printed, the page shows the side navigation (.wy-nav-side): "
        "hide it in the print section of docs/_static/custom.css"
    ]
    assert addresses == [
        "de/caller-recognition.html: printed, the external link 'a named link' does not show its address "
        "https://example.org/named: add it after the text in the print section of docs/_static/custom.css",
        "de/caller-recognition.html: printed, the link https://example.org/bare prints its address twice",
    ]


def test_missing_chromium_stops_with_the_install_instruction(monkeypatch):
    monkeypatch.setattr(sc, "CHROMIUM", "/nonexistent/chromium")
    try:
        sc.launch(playwright=None)
    except RuntimeError as error:
        assert "apt-get install -y chromium" in str(error)
    else:
        raise AssertionError("launch() started without Chromium")


def test_only_loopback_counts_as_local():
    assert sc.is_loopback("http://127.0.0.1:8000/index.html")
    assert sc.is_loopback("http://[::1]/x") and sc.is_loopback("data:image/png;base64,AA==")
    assert not sc.is_loopback("https://cdn.example.org/theme.css")
    assert not sc.is_loopback("http://10.0.0.1/")


def test_checks_report_a_blocking_script_and_a_web_font(broken, tab):
    """A script the page fetches before it has loaded and an element in the theme's icon font are
    each reported."""
    page_file = broken / "de" / "index.html"
    inject(
        page_file,
        head='<script src="_static/doctools.js"></script>',
        body='<p style="font-family: FontAwesome">\uf015</p>',
    )
    with browsing(tab, broken, 1280) as (srv, page, rec):
        sc.visit(page, sc.page_url(srv, "de/index.html"))
        problems = sc.first_paint_problems(page, rec, "de/index.html")
    assert problems == [
        "de/index.html: script doctools.js is fetched before the page has loaded — load it after the page "
        "(docs/_templates/deferred_scripts.html)",
        "de/index.html: web font fontawesome-webfont.woff2 is downloaded — draw the icon or use "
        "the system font (docs/_static/custom.css)",
    ], problems


def test_checks_report_a_not_found_page_with_relative_links_and_a_host_without_it(broken, tab, server):
    """The broken copy's 404 pages link to the start page and the search relatively: fine at the root,
    dead one folder down; its German search page says it is English. A host that is not configured
    answers with its own page, and an existing page is no 404."""
    built = broken
    texts = {}
    for lang, folder in (("en", built), ("de", built / "de")):
        file = folder / "404.html"
        html = file.read_text("utf-8")
        section = re.search(r'<section id="page-not-found">.*?</section>', html, re.S).group(0)
        relative = re.sub(r'href="/(?:de/)?', 'href="', section)
        texts[lang] = re.findall(r'<a href="[^"]+">([^<]+)</a>', relative)
        file.write_text(html.replace(section, relative), "utf-8")
    german_search = built / "de" / "search.html"  # declared English
    german_search.write_text(german_search.read_text("utf-8").replace('lang="de"', 'lang="en"', 1), "utf-8")
    languages = ["en", "de"]
    with sc.serve_like_host(built) as srv:
        page, rec = tab.at(), tab.rec
        base = srv.url + "/"
        answers = {}  # shared, as the site's tests share it: a dead link is named at every address
        at_root = sc.not_found_problems(page, base, "missing.html", languages, rec, answers)
        german_root = sc.not_found_problems(page, base, "de/missing.html", languages, rec, answers)
        deep = sc.not_found_problems(page, base, "a/b/c/missing.html", languages, rec, answers)
        german = sc.not_found_problems(page, base, "de/x/missing.html", languages, rec, answers)
        again = sc.not_found_problems(page, base, "a/b/c/missing.html", languages, rec, answers)
        unconfigured = sc.not_found_problems(page, server.url + "/", "de/x/missing.html", languages)
        existing = sc.not_found_problems(page, server.url + "/", "setup.html", languages)
    dead = "which answers HTTP 404 — the not-found page's links must be absolute paths (notfound_urls_prefix)"
    start, search = texts["en"]
    assert at_root == []
    assert german_root == [
        "de/missing.html: the search /de/search.html answers HTTP 200 in 'en', not in 'de'"
    ]
    assert deep == [
        f"a/b/c/missing.html: the link {start!r} (index.html) leads to /a/b/c/index.html, {dead}",
        f"a/b/c/missing.html: the link {search!r} (search.html) leads to /a/b/c/search.html, {dead}",
        "a/b/c/missing.html: its text has no link to the start page /index.html",
        "a/b/c/missing.html: its text has no link to the search /search.html",
    ]
    assert again == deep
    start, search = texts["de"]
    assert german == [
        f"de/x/missing.html: the link {start!r} (index.html) leads to /de/x/index.html, {dead}",
        f"de/x/missing.html: the link {search!r} (search.html) leads to /de/x/search.html, {dead}",
        "de/x/missing.html: its text has no link to the start page /de/index.html",
        "de/x/missing.html: its text has no link to the search /de/search.html",
    ]
    assert len(unconfigured) == 3 and unconfigured[0].startswith(
        "de/x/missing.html: the answer's <html lang> is "
    )
    assert unconfigured[0].endswith("expected 'de' — serve de/404.html for missing addresses under /de/"), (
        unconfigured
    )
    assert unconfigured[1:] == [
        "de/x/missing.html: its text has no link to the start page /de/index.html",
        "de/x/missing.html: its text has no link to the search /de/search.html",
    ]
    assert existing[0] == (
        "setup.html: answered HTTP 200, expected 404 — the host must answer a missing address with "
        "status 404 and the not-found page (README: host configuration)"
    )


def test_the_loader_runs_inline_scripts_with_their_attributes(broken, tab):
    """docs/_templates/layout.html: an inert inline script (no data-src) runs once the page has loaded,
    keeps its attributes, fetches nothing, and the page still becomes live."""
    page_file = broken / "protect-endpoint.html"  # a page no other test here breaks
    inject(
        page_file,
        body='<script type="text/x-after-load" id="probe" data-kind="inline">'
        "window.probe = document.currentScript.id + ':' + document.currentScript.dataset.kind;</script>",
    )
    with browsing(tab, broken, 1280) as (srv, page, rec):
        sc.visit(page, sc.page_url(srv, "protect-endpoint.html"))
        page.wait_for_function("document.documentElement.dataset.scripts === 'ready'", timeout=10_000)
        assert page.evaluate("window.probe") == "probe:inline"
        assert not [url for url in rec.requested if "undefined" in url], rec.requested
        assert not rec.failed_requests, rec.failed_requests


def test_axe_reports_poor_contrast_once_per_way_text_is_drawn(broken, tab):
    """color-contrast checks one element of each way text is drawn: a class of paragraphs too light is
    reported once with the number of others like it; an element drawn in a way of its own is reported
    too, even when an element drawn the same way, but hidden, comes first."""
    page_file = broken / "setup.html"  # a page no other test here breaks
    inject(
        page_file,
        head="<style>td p { color: #bbb !important }</style>",
        body='<p hidden style="color: #ccc">hidden</p><p style="color: #ccc" id="faint">faint</p>',
    )
    cells = len(re.findall(r"<td[^>]*>\s*<p>", page_file.read_text("utf-8")))
    assert cells > 1, "setup.html has fewer than two table cells to make too light"
    with browsing(tab, broken, 1280) as (srv, page, _):
        sc.visit(page, sc.page_url(srv, "setup.html"))
        problems = [p for p in sc.axe_problems(page, "setup.html") if "color-contrast" in p]
    faint = [p for p in problems if "#faint" in p]
    cell_lines = [p for p in problems if "td" in p]
    assert faint and "more drawn the same way" not in faint[0], problems
    assert cell_lines and all("more drawn the same way" in p for p in cell_lines), problems
    counted = sum(1 + int(re.search(r"and (\d+) more", p).group(1)) for p in cell_lines)
    assert counted <= cells and len(cell_lines) < counted, problems


def test_the_session_tab_checks_each_width_after_a_resize(broken, browser):
    """page_reports.Tab loads a page once and checks it at every width: a page too wide on a phone
    only is reported at the phone's width only, and text too faint at every width (axe runs again on
    the resized page, with the rules as axe defines them)."""
    inject(
        broken / "de" / "genindex.html",  # a page no other test here breaks
        head="<style>@media (max-width: 799px) { .wy-nav-content { min-width: 900px } }</style>",
        body='<p id="faint" style="color: #ccc">faint</p>',
    )
    narrow, wide = min(sc.WIDTHS), max(sc.WIDTHS)
    with sc.serve(broken) as srv:
        tab = Tab(browser, srv, broken)
        try:
            reports = {width: tab.report("de/genindex.html", width) for width in (wide, narrow)}
        finally:
            tab.context.close()
    assert reports[narrow]["overflow"] and reports[wide]["overflow"] == [], reports
    assert reports[narrow]["nav"] == reports[wide]["nav"] == [], reports
    for width in (wide, narrow):
        assert [p for p in reports[width]["axe"] if "color-contrast" in p and "#faint" in p], reports[width]


def test_a_tab_that_a_click_cannot_reach_is_reported(broken, tab):
    """A box drawn over the tab bar takes the reader's click: no tab behind it is selected."""
    covered = broken / "covered-tabs.html"  # a page of its own
    shutil.copy(broken / "settings.html", covered)
    inject(
        covered,
        head="<style>.sphinx-tabs [role=tablist] { position: relative }"
        " .sphinx-tabs [role=tablist]::after { content: ''; position: absolute; inset: 0 }</style>",
    )
    with browsing(tab, broken, 1280) as (srv, page, _):
        sc.open_page(page, sc.page_url(srv, "covered-tabs.html"))
        unselected = page.locator(".sphinx-tabs-tab[aria-selected='false']").count()
        problems = sc.tab_switch_problems(page, "covered-tabs.html")
    not_shown = [p for p in problems if "does not show its panel" in p]
    assert unselected and len(not_shown) == unselected, problems


def test_a_request_the_reader_leaves_behind_is_not_the_next_pages_failure(broken, tab):
    """A fetch still running when the reader opens another page is cut off by the browser (net::ERR_ABORTED):
    no failure of the page opened next. A missing file on that page still is."""
    answer = threading.Event()

    class Slow(QuietHandler):
        def do_GET(self):
            answer.wait(10)
            self.send_error(404)

    shutil.copy(broken / "index.html", broken / "leaving.html")  # pages of their own
    shutil.copy(broken / "index.html", broken / "arriving.html")
    with LoopbackServer(Slow) as slow, browsing(tab, broken, 1280) as (srv, page, rec):
        inject(
            broken / "leaving.html",
            body=f"<script>addEventListener('load', () => fetch('{slow.url}/never'))</script>",
        )
        inject(broken / "arriving.html", body='<img src="_static/gone.svg" alt="A file that is gone">')
        sc.open_page(page, sc.page_url(srv, "leaving.html"))
        page.wait_for_function("performance.getEntriesByType('resource').length > 0")
        rec.reset()
        sc.visit(page, sc.page_url(srv, "arriving.html"))
        problems = sc.request_problems(rec, "arriving.html")
        answer.set()
    assert [p for p in problems if "/never" in p] == [], problems
    assert any("gone.svg (HTTP 404)" in p for p in problems), problems
