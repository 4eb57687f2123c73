"""Browser fixtures: _build/html served on 127.0.0.1, one Chromium, one tab resized to each window width."""

import re
from pathlib import Path

import pytest
from page_reports import Tab

from placetel_tools.dev import site_check as sc

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
MISSING_BUILD = f"{HTML} is missing: run `make test-build` (or `make test-browser`, which builds first)"
GROUP_TAB = re.compile(r'<button[^>]*class="sphinx-tabs-tab group-tab"[^>]*name="([^"]+)"')


def site_pages():
    """Every page of every language of the built site."""
    if not HTML.is_dir() or not sc.pages(HTML):
        pytest.fail(MISSING_BUILD, pytrace=False)
    return sc.site_pages(HTML)


def group_tab_names(page_name):
    """Group-tab names on a built page, read from its HTML."""
    return set(GROUP_TAB.findall((HTML / page_name).read_text(encoding="utf-8")))


def pytest_generate_tests(metafunc):
    """Parametrise over the pages found in _build/html (never a hard-coded list)."""
    if "page_name" in metafunc.fixturenames:
        metafunc.parametrize("page_name", site_pages())
    if "width" in metafunc.fixturenames:
        metafunc.parametrize("width", sc.WIDTHS)
    if "tab_page" in metafunc.fixturenames:
        with_tabs = [
            p for p in site_pages() if 'class="sphinx-tabs-tab' in (HTML / p).read_text(encoding="utf-8")
        ]
        # No page with tabs is a failure of the site, not a reason to skip.
        metafunc.parametrize("tab_page", with_tabs or ["<no page has sphinx-tabs>"])
    if "tab_pair" in metafunc.fixturenames:
        grouped = [p for p in site_pages() if group_tab_names(p)]
        pairs = [
            (a, b)
            for a in grouped
            for b in grouped  # within one language: its own tab labels
            if a != b and sc.language_of(a) == sc.language_of(b) and group_tab_names(a) & group_tab_names(b)
        ]
        # One pair per language: the tabs' script and markup are the same on every page, and each
        # page's tabs are switched by test_tabs_switch_on_click anyway.
        chosen = {sc.language_of(b): (a, b) for a, b in pairs}
        metafunc.parametrize(
            "tab_pair",
            list(chosen.values()) or [("<no two pages share a tab group>", "")],
            ids=lambda pair: "->".join(pair),
        )


@pytest.fixture(scope="session")
def built_site():
    """_build/html, as make test-build left it (a failure if it is missing)."""
    site_pages()
    return HTML


@pytest.fixture(scope="session")
def server(built_site):
    with sc.serve(built_site) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    if not Path(sc.CHROMIUM).exists():
        pytest.fail(sc.MISSING_CHROMIUM, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = sc.launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def tab(browser, server, built_site):
    opened = Tab(browser, server, built_site)
    yield opened
    opened.context.close()


@pytest.fixture
def report(tab, page_name, width):
    return tab.report(page_name, width)
