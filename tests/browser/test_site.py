"""The built site in Chromium: requests, images, accessibility, layout, tabs, search, the language switch, copy buttons, print, the not-found page."""

import re
from pathlib import Path

import pytest
from expected import PROMPT, a_german_inflection, a_section_heading, pasteable

from placetel_tools import languages
from placetel_tools.dev import site_check as sc

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"


def test_no_console_error_failed_or_offsite_request(report):
    assert not report["requests"], "\n".join(report["requests"])


def test_nothing_blocks_the_first_paint(report):
    assert not report["first paint"], "\n".join(report["first paint"])


def test_every_image_decodes_and_figures_have_alt(report):
    assert not report["images"], "\n".join(report["images"])


def test_axe_finds_no_violation(report):
    assert not report["axe"], "\n".join(report["axe"])


def test_no_horizontal_scrolling(report):
    assert not report["overflow"], "\n".join(report["overflow"])


def test_every_code_block_has_a_copy_button(report):
    assert not report["copy"], "\n".join(report["copy"])


def test_navigation_reachable(report):
    assert not report["nav"], "\n".join(report["nav"])


def test_tabs_switch_on_click(tab, server, tab_page):
    assert (HTML / tab_page).exists(), tab_page
    page = tab.at()
    sc.open_page(page, sc.page_url(server, tab_page))
    assert page.locator(".sphinx-tabs-tab").count() > 1
    problems = sc.tab_switch_problems(page, tab_page)
    assert not problems, "\n".join(problems)


def test_chosen_group_tab_sticks_on_another_page(tab, server, tab_pair):
    first, second = tab_pair
    assert (HTML / first).exists() and (HTML / second).exists(), first
    page = tab.at()
    sc.open_page(page, sc.page_url(server, second))
    page.evaluate("sessionStorage.clear()")
    sc.open_page(page, sc.page_url(server, second))
    # A group offered on both pages that the second page does not show everywhere by itself.
    not_shown = {t["name"] for t in sc.group_tabs(page) if not t["selected"]}
    sc.open_page(page, sc.page_url(server, first))
    candidates = sorted(not_shown & {t["name"] for t in sc.group_tabs(page)})
    assert candidates, f"{first} and {second} share no tab group that is not already the default"
    problems = sc.sticky_tab_problems(page, (server.url + "/"), first, second, candidates[0])
    assert not problems, "\n".join(problems)
    page.evaluate("sessionStorage.clear()")


def test_search_lists_the_page_of_a_heading(tab, server):
    query, expected = a_section_heading()
    problems = sc.search_problems(tab.at(), (server.url + "/"), query, expected)
    assert not problems, "\n".join(problems)


def test_german_search_finds_german_words(tab, server):
    """Sphinx's German search stems what a reader types: an inflected form no page writes finds
    the page whose heading has the word."""
    query, expected = a_german_inflection()
    problems = sc.search_problems(tab.at(), (server.url + "/") + "de/", query, expected)
    assert not problems, "\n".join(problems)


def test_every_page_links_to_itself_in_every_language(report):
    assert sc.translations(HTML), "the site has one language only: build the translations (make html)"
    assert not report["languages"], "\n".join(report["languages"])


def test_the_language_switch_leads_there_and_back(tab, server, width):
    page = tab.at(width)
    for lang in sc.translations(HTML):
        there = sc.language_switch_problems(page, server.url + "/", "setup.html", lang)
        back = sc.language_switch_problems(page, server.url + "/", f"{lang}/setup.html", languages.SOURCE)
        assert not there + back, "\n".join(there + back)


def test_pasteable_keeps_commands_and_drops_prompts_and_output():
    console = "$ tool --one \\\n    --two\noutput \\\n\n$ other\nmore output\n"
    assert pasteable(console) == "tool --one \\\n    --two\nother"
    python = ">>> for x in (1, 2):\n...     print(x)\n...\n1\n2\n>>> x\n2\n"
    assert pasteable(python) == "for x in (1, 2):\n    print(x)\n\nx"
    assert pasteable(python.split(">>> x")[0]) == "for x in (1, 2):\n    print(x)"
    assert pasteable('{\n  "a": 1\n}\n') == '{\n  "a": 1\n}'


def test_the_pages_offer_the_check_tool_for_download(built_site):
    """The setup guide and troubleshooting link the check tool in every language; the file behind the
    link is placetel_tools/check.py, byte for byte."""
    tool = (ROOT / "placetel_tools" / "check.py").read_bytes()
    for name in ("setup.html", "troubleshooting.html"):
        for page in [built_site / name] + [built_site / lang / name for lang in sc.translations(built_site)]:
            links = re.findall(r'href="(_downloads/[0-9a-f]+/check\.py)"', page.read_text(encoding="utf-8"))
            assert links, f"{page.relative_to(built_site)} offers no download of check.py"
            assert (page.parent / links[0]).read_bytes() == tool, f"{page}: {links[0]} is not check.py"


# The examples a reader copies: on which page, which code block (the first that fits), every language.
COPIED = {
    "setup.html": {"curl": lambda block: block["text"].startswith("$ curl ")},
    "endpoint.html": {
        "url": lambda block: block["text"].startswith("https://"),
        "python": lambda block: block["text"].startswith(">>> "),
        "json": lambda block: block["language"] == "json",
    },
}


@pytest.mark.parametrize("copied_page", COPIED)
def test_copy_button_copies_what_a_reader_pastes(tab, server, copied_page):
    """Click the copy button, read the clipboard: the block without prompts and output, in every
    language, at every width (the expected text comes from the page's own block, so rewording a page
    changes both). Each page is loaded once and resized, as the per-page checks do."""
    page = tab.at()
    problems = []
    try:
        for name in [copied_page] + [f"{lang}/{copied_page}" for lang in sc.translations(HTML)]:
            sc.open_page(page, sc.page_url(server, name))
            blocks = sc.code_blocks(page)
            for width in tab.widths():
                for example, fits in COPIED[copied_page].items():
                    index = next((i for i, block in enumerate(blocks) if fits(block)), None)
                    assert index is not None, f"{name}: no {example} example to copy"
                    expected = pasteable(blocks[index]["text"])
                    assert expected and not PROMPT.match(expected), expected
                    problems += [
                        f"at {width} px: {problem}"
                        for problem in sc.copy_button_problems(page, name, index, expected)
                    ]
    finally:
        page.evaluate("sessionStorage.clear()")  # forget the tab chosen to reach a block
    assert not problems, "\n".join(problems)


def test_printed_setup_guide_has_no_navigation_keeps_figures_and_shows_addresses(tab, server):
    """The setup guide with print media, in every language (to look at it: make screenshots)."""
    page = tab.at()
    problems = []
    for name in ["setup.html"] + [f"{lang}/setup.html" for lang in sc.translations(HTML)]:
        sc.visit(page, sc.page_url(server, name))
        assert page.locator("figure img").count(), f"{name}: no figure to print"
        assert page.locator("a.reference.external").count(), f"{name}: no external link to print"
        problems += sc.print_problems(page, name)
        assert page.evaluate("matchMedia('print').matches") is False  # back on screen for other tests
    assert not problems, "\n".join(problems)


# --- the not-found page, as the configured host serves it (README: host configuration) ---------------


@pytest.fixture(scope="module")
def host():
    """The built site on a server that answers a missing address like the configured host: status 404
    and 404.html, or de/404.html for an address under /de/."""
    with sc.serve_like_host(HTML) as srv:
        srv.answers = {}  # what each address the not-found pages link to answers (the same at any depth)
        yield srv


@pytest.mark.parametrize("folders", ["", "x/", "a/b/c/"], ids=["depth 0", "depth 1", "depth 3"])
def test_a_missing_address_gets_the_not_found_page_of_its_language(tab, host, folders):
    """At any depth, in every language: status 404, the page in the address's language with its styles,
    and links to that language's start page and search that load."""
    site = [languages.SOURCE, *sc.translations(HTML)]
    assert len(site) > 1, "the site has one language only: build the translations (make html)"
    page = tab.at()
    problems = [
        problem
        for lang in site
        for problem in sc.not_found_problems(
            page,
            host.url + "/",
            "/".join(filter(None, [languages.html_dir(lang), f"{folders}missing.html"])),
            site,
            tab.rec,
            host.answers,
        )
    ]
    assert not problems, "\n".join(problems)
