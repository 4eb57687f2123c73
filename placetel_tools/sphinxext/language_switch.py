"""Sphinx extension: every page links to the same page in each other language of the site (switch and
hreflang)."""

# The site's layout, one build per language:
#   _build/html/PAGE.html        the source language (English)
#   _build/html/LANG/PAGE.html   each translation, one per folder locale/LANG/LC_MESSAGES/
# Templates get `alternates`: one entry per other language, with its name in that
# language (from Babel, so a new language needs no code), a link relative to the
# current page and an absolute one from html_baseurl for <link rel="alternate">.

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel import Locale
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata


def site_languages(locale_dir: Path, source: str = "en") -> list[str]:
    """The source language, then every language with a folder LANG/LC_MESSAGES under ``locale_dir``."""
    found = sorted(p.parent.name for p in Path(locale_dir).glob("*/LC_MESSAGES") if p.is_dir())
    return [source, *(lang for lang in found if lang != source)]


def language_root(lang: str, source: str = "en") -> str:
    """The folder of ``lang``'s pages, relative to the site's root ('' or 'de/')."""
    return "" if lang == source else f"{lang}/"


def alternates(
    pagename: str, current: str, languages: list[str], baseurl: str, suffix: str = ".html"
) -> list[dict[str, str]]:
    """For each language but ``current``: code, name in that language, relative and absolute URL."""
    source = languages[0]
    up = "../" * (pagename.count("/") + (0 if current == source else 1))
    result = []
    for lang in languages:
        if lang == current:
            continue
        path = f"{language_root(lang, source)}{pagename}{suffix}"
        result.append(
            {
                "code": lang,
                "name": Locale.parse(lang).get_display_name(lang).capitalize(),
                "href": up + path,
                "absolute": baseurl.rstrip("/") + "/" + path if baseurl else "",
            }
        )
    return result


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    config = app.config
    languages = site_languages(
        Path(app.confdir) / config.language_switch_locale_dir, config.language_switch_source
    )
    context["alternates"] = alternates(
        pagename, config.language or "en", languages, config.html_baseurl, app.builder.out_suffix
    )
    context["page_url"] = (
        (
            config.html_baseurl.rstrip("/")
            + "/"
            + language_root(config.language or "en", languages[0])
            + pagename
            + app.builder.out_suffix
        )
        if config.html_baseurl
        else ""
    )
    # The site's name is the start page's title, so it is translated with that page.
    title = app.env.titles.get(config.root_doc)
    if title is not None:
        context["project"] = context["docstitle"] = context["shorttitle"] = title.astext()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("language_switch_locale_dir", "locale", "html", types=[str])
    app.add_config_value("language_switch_source", "en", "html", types=[str])
    app.connect("html-page-context", _page_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
