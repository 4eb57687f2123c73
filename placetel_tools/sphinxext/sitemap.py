"""Sphinx extension: sitemap.xml and robots.txt at the site's root, listing every page in every language
with its counterparts (hreflang)."""

# The site is built once per language (language_switch.py): the source language at
# the root, each translation in its folder LANG/. The translations are the source's
# pages through gettext, so the source-language build knows every page of every
# language and is the one that writes, into the site's root:
#   sitemap.xml  one <url> per page per language, each naming the page in every
#                language, itself included (<xhtml:link rel="alternate" hreflang>),
#                and x-default: the source language
#   robots.txt   names the sitemap (placetel_sitemap_robots)
# Addresses come from html_baseurl, like the pages' canonical and hreflang links.
# Sphinx's generated pages (search, genindex) are not documents, so never listed;
# documents in placetel_sitemap_exclude (a 404.rst) are left out. Output is sorted and has
# no dates, so an unchanged site writes the same bytes.

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from placetel_tools.languages import SOURCE, site_languages
from placetel_tools.sphinxext.language_switch import absolute_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

logger = logging.getLogger(__name__)


def sitemap_entries(
    pagenames: list[str] | set[str], languages: list[str], baseurl: str, suffix: str = ".html"
) -> list[tuple[str, dict[str, str]]]:
    """(address, {hreflang: address}) for every page in every language, page by page, source first;
    each page's alternates name every language and x-default (the source language)."""
    source = languages[0]
    entries = []
    for pagename in sorted(pagenames):
        urls = {lang: absolute_url(pagename, lang, baseurl, suffix) for lang in languages}
        links = {**urls, "x-default": urls[source]}
        entries.extend((urls[lang], links) for lang in languages)
    return entries


def sitemap_xml(entries: list[tuple[str, dict[str, str]]]) -> bytes:
    """The sitemap document (sitemaps.org with xhtml:link alternates), indented, UTF-8."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for loc, links in entries:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = loc
        for hreflang, href in links.items():
            ET.SubElement(
                url, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": hreflang, "href": href}
            )
    ET.indent(urlset)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"
    ).encode()


def robots_txt(sitemap_url: str) -> str:
    """A robots.txt that lets every crawler in and names the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"


def _write(app: Sphinx, exception: BaseException | None) -> None:
    config = app.config
    if exception is not None or app.builder.name != "html":
        return
    languages = site_languages(Path(app.confdir) / config.language_switch_locale_dir)
    if (config.language or SOURCE) != SOURCE:
        return  # a translation's folder: the source-language build writes the site's sitemap
    if not config.html_baseurl:
        logger.warning(
            "sitemap: html_baseurl is empty, so no sitemap is written: set it in conf.py to the "
            "site's address",
            type="placetel",
            subtype="sitemap",
        )
        return
    pagenames = set(app.env.found_docs) - set(config.placetel_sitemap_exclude)
    entries = sitemap_entries(pagenames, languages, config.html_baseurl, app.builder.out_suffix)
    outdir = Path(app.outdir)
    (outdir / config.placetel_sitemap_filename).write_bytes(sitemap_xml(entries))
    if config.placetel_sitemap_robots:
        sitemap_url = config.html_baseurl.rstrip("/") + "/" + config.placetel_sitemap_filename
        (outdir / "robots.txt").write_text(robots_txt(sitemap_url), encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("placetel_tools.sphinxext.language_switch")  # the languages and addresses
    app.add_config_value("placetel_sitemap_filename", "sitemap.xml", "html", types=[str])
    app.add_config_value("placetel_sitemap_exclude", ["404"], "html", types=[list, tuple])
    app.add_config_value("placetel_sitemap_robots", True, "html", types=[bool])
    app.connect("build-finished", _write)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
