"""The language switch: each page's counterparts in the other languages, relative and absolute."""

import pytest

from placetel_tools.sphinxext.language_switch import alternates


@pytest.mark.parametrize(
    "page, current, expected",
    [
        ("setup", "en", [("de", "Deutsch", "de/setup.html", "https://x.org/de/setup.html")]),
        ("setup", "de", [("en", "English", "../setup.html", "https://x.org/setup.html")]),
        ("sub/page", "en", [("de", "Deutsch", "../de/sub/page.html", "https://x.org/de/sub/page.html")]),
        ("sub/page", "de", [("en", "English", "../../sub/page.html", "https://x.org/sub/page.html")]),
    ],
)
def test_alternates_point_at_the_same_page(page, current, expected):
    found = alternates(page, current, ["en", "de"], "https://x.org/")
    assert [(a["code"], a["name"], a["href"], a["absolute"]) for a in found] == expected


def _contexts(app):
    seen = {}

    def keep(app, name, template, context, doctree):
        seen[name] = dict(context)

    app.connect("html-page-context", keep)
    app.build()
    return seen


@pytest.mark.sphinx("html", testroot="language-switch", srcdir="language-switch-en")
def test_an_english_build_links_every_translation(app):
    page = _contexts(app)["sub/page"]
    assert [(a["code"], a["href"]) for a in page["alternates"]] == [
        ("de", "../de/sub/page.html"),
        ("fr", "../fr/sub/page.html"),
    ]
    assert page["page_url"] == "https://docs.example.org/site/sub/page.html"
    assert page["project"] == "Start"  # the site's name is the start page's title


@pytest.mark.sphinx(
    "html", testroot="language-switch", srcdir="language-switch-de", confoverrides={"language": "de"}
)
def test_a_translated_build_names_itself_and_the_others(app):
    contexts = _contexts(app)
    page = contexts["sub/page"]
    assert [(a["code"], a["name"], a["href"]) for a in page["alternates"]] == [
        ("en", "English", "../../sub/page.html"),
        ("fr", "Français", "../../fr/sub/page.html"),
    ]
    assert page["page_url"] == "https://docs.example.org/site/de/sub/page.html"
    assert page["project"] == page["docstitle"] == "Anfang"  # translated with the start page
    assert 'lang="de"' in (app.outdir / "index.html").read_text(encoding="utf-8")
