"""The sitemap (every page in every language, with its counterparts), robots.txt, the canonical address
per language and the not-found page's absolute links; and the check of the built site's sitemap."""

import runpy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from placetel_tools.dev import site_check as sc
from placetel_tools.sphinxext.sitemap import SITEMAP_NS, sitemap_entries, sitemap_xml

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SITE = "https://docs.example.org/site/"


def expected(page, languages=("en", "de")):
    """The <url> entries of ``page`` (a document name) in the tiny root's two languages."""
    urls = {"en": f"{SITE}{page}.html", "de": f"{SITE}de/{page}.html"}
    links = {**urls, "x-default": urls["en"]}
    return [(urls[lang], links) for lang in languages]


@pytest.mark.sphinx("html", testroot="sitemap", srcdir="sitemap-en")
def test_the_source_build_lists_every_page_of_every_language_with_its_counterparts(app):
    app.build()
    sitemap = (app.outdir / "sitemap.xml").read_bytes()
    assert sc.parse(sitemap) == [
        *expected("guide"),
        *expected("index"),
        *expected("orphan"),  # in no toctree, still a page
        *expected("sub/deeper/page"),
    ]  # not 404 (placetel_sitemap_exclude), search or genindex: built, but no content
    assert (app.outdir / "search.html").exists() and (app.outdir / "genindex.html").exists()
    assert sitemap.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="')
    assert (app.outdir / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE}sitemap.xml\n"
    )


@pytest.mark.sphinx("html", testroot="sitemap", srcdir="sitemap-again")
def test_a_rebuild_writes_the_same_bytes_with_every_page(app):
    app.build()
    first = (app.outdir / "sitemap.xml").read_bytes()
    (app.srcdir / "guide.rst").write_text("Guide\n=====\n\nChanged.\n", encoding="utf-8")
    app.build()  # incremental: only guide.rst is read again
    assert (app.outdir / "sitemap.xml").read_bytes() == first


@pytest.mark.sphinx("html", testroot="sitemap", srcdir="sitemap-de", confoverrides={"language": "de"})
def test_a_translation_build_writes_no_sitemap(app):
    app.build()
    assert (app.outdir / "index.html").exists()
    assert not (app.outdir / "sitemap.xml").exists() and not (app.outdir / "robots.txt").exists()


@pytest.mark.sphinx("html", testroot="sitemap", srcdir="sitemap-nobase", confoverrides={"html_baseurl": ""})
def test_without_a_site_address_there_is_a_warning_and_no_sitemap(app, warning):
    app.build()
    assert not (app.outdir / "sitemap.xml").exists()
    assert "sitemap: html_baseurl is empty, so no sitemap is written" in warning.getvalue()


@pytest.mark.sphinx("html", testroot="sitemap", srcdir="sitemap-canonical-en")
def test_the_canonical_address_is_the_page_in_its_language_en(app):
    app.build()
    page = (app.outdir / "sub" / "deeper" / "page.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE}sub/deeper/page.html" />' in page
    assert 'rel="canonical"' not in (app.outdir / "404.html").read_text(encoding="utf-8")


@pytest.mark.sphinx(
    "html", testroot="sitemap", srcdir="sitemap-canonical-de", confoverrides={"language": "de"}
)
def test_the_canonical_address_is_the_page_in_its_language_de(app):
    contexts = {}
    app.connect("html-page-context", lambda app, name, tmpl, ctx, tree: contexts.update({name: dict(ctx)}))
    app.build()
    page = (app.outdir / "sub" / "deeper" / "page.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE}de/sub/deeper/page.html" />' in page
    # The not-found page: every link an absolute path from the language's folder on the host.
    not_found = (app.outdir / "404.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in not_found
    assert 'href="/site/de/_static/' in not_found and 'href="_static/' not in not_found
    assert '<a href="/site/de/index.html">Anfang</a>' in not_found  # the start page, translated
    assert 'data-content_root="/site/de/"' in not_found
    assert [(a["code"], a["href"]) for a in contexts["404"]["alternates"]] == [("en", "/site/404.html")]
    assert contexts["guide"]["alternates"][0]["href"] == "../guide.html"  # other pages: relative


def test_entries_are_sorted_and_the_document_is_a_sitemap():
    entries = sitemap_entries({"b", "a"}, ["en", "de", "fr"], "https://x.org")
    assert [loc for loc, _ in entries] == [
        "https://x.org/a.html",
        "https://x.org/de/a.html",
        "https://x.org/fr/a.html",
        "https://x.org/b.html",
        "https://x.org/de/b.html",
        "https://x.org/fr/b.html",
    ]
    assert list(entries[1][1]) == ["en", "de", "fr", "x-default"]
    root = ET.fromstring(sitemap_xml(entries))
    assert root.tag == f"{{{SITEMAP_NS}}}urlset" and len(root) == 6
    assert sc.parse(sitemap_xml(entries)) == entries


# --- the built site (make test-build) --------------------------------------------------------------


@pytest.fixture(scope="module")
def built():
    """The built site's folder and html_baseurl from conf.py."""
    if not (HTML / "sitemap.xml").is_file():
        pytest.fail(f"{HTML}/sitemap.xml is missing: run `make test-build`", pytrace=False)
    return HTML, runpy.run_path(str(ROOT / "conf.py"))["html_baseurl"]


def test_the_built_sitemap_lists_every_page_of_both_languages(built):
    html, baseurl = built
    assert sc.translations(html), "the site has one language only: build the translations (make html)"
    assert len(sc.content_pages(html)) > 10
    problems = sc.sitemap_problems(html / "sitemap.xml", html, baseurl)
    assert not problems, "\n".join(problems)
    robots = (html / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {baseurl}sitemap.xml" in robots.splitlines()


def test_the_sitemap_check_reports_a_missing_page_and_wrong_entries(built, tmp_path):
    """A copy of the built sitemap without one page, with another page twice, a page that is not
    built and a wrong counterpart: each reported."""
    html, baseurl = built
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    tree = ET.parse(html / "sitemap.xml")
    urls = tree.getroot()
    by_loc = {url.findtext(f"{{{SITEMAP_NS}}}loc"): url for url in urls}
    urls.remove(by_loc[f"{baseurl}de/setup.html"])
    copy = tmp_path / "sitemap.xml"
    tree.write(copy, encoding="UTF-8", xml_declaration=True)
    assert sc.sitemap_problems(copy, html, baseurl) == [
        "sitemap.xml: de/setup.html is missing (no <loc>"
        f"{baseurl}de/setup.html</loc>) — build the site again (make html): its source-language build "
        "writes the sitemap"
    ]

    urls.append(by_loc[f"{baseurl}glossary.html"])  # listed twice
    gone = ET.SubElement(urls, f"{{{SITEMAP_NS}}}url")
    ET.SubElement(gone, f"{{{SITEMAP_NS}}}loc").text = f"{baseurl}search.html"
    alternate = by_loc[f"{baseurl}de/overview.html"].find(
        "{http://www.w3.org/1999/xhtml}link[@hreflang='en']"
    )
    alternate.set("href", f"{baseurl}index.html")
    tree.write(copy, encoding="UTF-8", xml_declaration=True)
    assert sc.sitemap_problems(copy, html, baseurl) == [
        f"sitemap.xml: {baseurl}glossary.html is listed 2 times — list each page once",
        "sitemap.xml: de/setup.html is missing (no <loc>"
        f"{baseurl}de/setup.html</loc>) — build the site again (make html): its source-language build "
        "writes the sitemap",
        f"sitemap.xml: de/overview.html: hreflang=en names '{baseurl}index.html', expected "
        f"'{baseurl}overview.html'",
        f"sitemap.xml: lists {baseurl}search.html, which is no content page of {html}",
    ]
