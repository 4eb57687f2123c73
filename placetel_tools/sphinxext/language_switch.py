"""Sphinx extension: every page links to the same page in each other language of the site (switch and
hreflang)."""

# The site's layout, one build per language:
#   _build/html/PAGE.html        the source language (English)
#   _build/html/LANG/PAGE.html   each translation, one per folder locale/LANG/LC_MESSAGES/
# (placetel_tools.languages: which languages, and each one's folder).
# Templates get `alternates`: one entry per other language, with its name in that
# language (from Babel, so a new language needs no code), a link relative to the
# current page and an absolute one from html_baseurl for <link rel="alternate">.
# `page_url` and Sphinx's `pageurl` (<link rel="canonical">) are the page's own
# address in its language. The not-found page (sphinx-notfound-page) is served at
# any address, so its links are absolute paths from the language's folder
# (notfound_urls_prefix, set here per language) and it names no canonical address.

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from placetel_tools import languages


def language_root(lang: str) -> str:
    """The folder of ``lang``'s pages, relative to the site's root ('' or 'de/')."""
    folder = languages.html_dir(lang)
    return f"{folder}/" if folder else ""


def absolute_url(pagename: str, lang: str, baseurl: str, suffix: str = ".html") -> str:
    """The address of ``pagename`` in ``lang`` under ``baseurl`` (html_baseurl); '' without a baseurl."""
    if not baseurl:
        return ""
    return baseurl.rstrip("/") + "/" + language_root(lang) + pagename + suffix


def site_path(lang: str, baseurl: str) -> str:
    """The absolute path of ``lang``'s folder on the host: html_baseurl's path, then '' or 'de/'."""
    path = urlsplit(baseurl).path if baseurl else ""
    return path.rstrip("/") + "/" + language_root(lang)


def alternates(
    pagename: str, current: str, site: list[str], baseurl: str, suffix: str = ".html"
) -> list[dict[str, str]]:
    """For each language but ``current``: code, name in that language, relative and absolute URL."""
    up = "../" * (pagename.count("/") + (1 if languages.html_dir(current) else 0))
    result = []
    for lang in site:
        if lang == current:
            continue
        path = f"{language_root(lang)}{pagename}{suffix}"
        result.append(
            {
                "code": lang,
                "name": Locale.parse(lang).get_display_name(lang).capitalize(),
                "href": up + path,
                "absolute": absolute_url(pagename, lang, baseurl, suffix),
            }
        )
    return result


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    config = app.config
    site = languages.site_languages(Path(app.confdir) / config.language_switch_locale_dir)
    current, suffix = config.language or languages.SOURCE, app.builder.out_suffix
    context["alternates"] = alternates(pagename, current, site, config.html_baseurl, suffix)
    context["page_url"] = absolute_url(pagename, current, config.html_baseurl, suffix)
    # The canonical address (Sphinx's <link rel="canonical">) is the page in its own language.
    context["pageurl"] = context["page_url"] or None
    if pagename == getattr(config, "notfound_pagename", None):
        # Served in place of any missing page, at any depth: links from the host's root, and
        # no canonical address (the page stands for the address asked for, not for 404.html).
        for alt in context["alternates"]:
            alt["href"] = site_path(alt["code"], config.html_baseurl) + pagename + suffix
        context["content_root"] = site_path(current, config.html_baseurl)
        context["pageurl"] = None
    # The site's name is the start page's title, so it is translated with that page.
    title = app.env.titles.get(config.root_doc)
    if title is not None:
        context["project"] = context["docstitle"] = context["shorttitle"] = title.astext()


def _notfound_prefix(app: Sphinx, config: Any) -> None:
    """sphinx-notfound-page's links start from this language's folder on the host ('/', '/de/'), so its
    404 page works at any depth. Nothing to do without that extension."""
    if "notfound_urls_prefix" in config:
        config.notfound_urls_prefix = site_path(config.language or languages.SOURCE, config.html_baseurl)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("language_switch_locale_dir", "locale", "html", types=[str])
    app.connect("config-inited", _notfound_prefix)
    app.connect("html-page-context", _page_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
