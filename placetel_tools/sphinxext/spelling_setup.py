"""Sphinx extension: configure the spelling builder (sphinxcontrib-spelling) for the language of the
build, and accept hyphenated compounds whose parts are words."""

# `make spelling` runs `-b spelling -D language=LANG` once per language. The
# language is known only after -D, so the dictionary and word lists are chosen
# at config-inited: Debian's hunspell dictionary (en_US, de_DE, ...), the word
# list all languages share (spelling_shared_word_list: names such as Placetel)
# and the language's own lists locale/LANG/spelling_*.txt.
#
# German joins names and words with hyphens (Placetel-Konto, Zammad-Server,
# SIP-Benutzer-ID); hunspell knows the parts but not each compound. The filter
# checks each part of such a compound instead of the whole, so a word list need
# not grow with every new compound, and a misspelt part is still found.
#
# The spelling builder checks only text whose parent is a paragraph, title, list
# item or the like; the text of a link or of a role (:term:`Anrufprotokoll
# <caller log>`, :ref:`Schritt 4 <setup-step-4>`, :doc:`…`) sits in a reference
# or an inline node and would slip through. The builder here checks those too:
# they are prose the reader reads.

from __future__ import annotations

import re
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

from placetel_tools import languages

try:
    from enchant.tokenize import Filter, tokenize
except ImportError:  # only the spelling builder needs Enchant; other builds work without it
    Filter = tokenize = object


class _Parts(tokenize):
    """The parts of a hyphenated word, each with its offset."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._parts = [(m.group(), m.start()) for m in re.finditer(r"[^-]+", text)]

    def next(self) -> tuple[str, int]:
        if not self._parts:
            raise StopIteration()
        return self._parts.pop(0)


class HyphenatedCompounds(Filter):
    """Check Placetel-Konto as Placetel and Konto."""

    def _split(self, word: str) -> tokenize:
        return _Parts(word)


def dictionary(language: str) -> str:
    """The hunspell dictionary of a language code: the language where it is most likely spoken (CLDR's
    likely subtags, through Babel): en -> en_US, de -> de_DE, sv -> sv_SE; pt_BR stays pt_BR;
    a code CLDR does not know, xx -> xx_XX."""
    likely = get_global("likely_subtags").get(language)
    try:
        territory = Locale.parse(language).territory or (Locale.parse(likely).territory if likely else None)
    except UnknownLocaleError:  # a code CLDR does not know: its own name (xx -> xx_XX), missing later
        territory = None
    return f"{language.partition('_')[0]}_{territory or language.upper()}"


def _configure(app: Sphinx, config: Config) -> None:
    language = config.language or languages.SOURCE
    config.spelling_lang = config.tokenizer_lang = dictionary(language)
    root = Path(app.confdir)
    own = sorted((root / config.spelling_locale_dir / language).glob("spelling_*.txt"))
    config.spelling_word_list_filename = [
        str(root / config.spelling_shared_word_list),
        *(str(path) for path in own if language != languages.SOURCE),
    ]
    # Named by import path: a class in the configuration cannot be cached with the environment.
    # A link whose text is its address is checked now too: Enchant's URLFilter skips the address.
    config.spelling_filters = [
        *getattr(config, "spelling_filters", []),
        "enchant.tokenize.URLFilter",  # before the compounds: an address is one token
        f"{__name__}.HyphenatedCompounds",
    ]


# Link texts and role texts: the parents of their text nodes after references are resolved.
PROSE_IN_MARKUP = frozenset({"reference", "inline"})
# Inline text that is no prose: a product's labels (text_check holds them to docs/ui-labels.txt).
LABELS = frozenset({"menuselection", "guilabel", "kbd"})


def _check_link_texts(app: Sphinx) -> None:
    """builder-inited: the spelling builder also checks the text of links and roles."""
    if app.builder.name == "spelling":
        app.builder.TEXT_NODES = set(app.builder.TEXT_NODES) | PROSE_IN_MARKUP


def _skip_labels(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: menu paths and labels are the product's words, not the page's."""
    if app.builder.name != "spelling":
        return
    for inline in doctree.findall(nodes.inline):
        if LABELS & set(inline["classes"]):
            for text in inline.findall(nodes.Text):
                text.spellingIgnore = True  # the attribute sphinxcontrib-spelling's own ignore role sets


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("spelling_shared_word_list", "docs/spelling_wordlist.txt", "env", types=[str])
    app.add_config_value("spelling_locale_dir", "locale", "env", types=[str])
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _check_link_texts)
    app.connect("doctree-resolved", _skip_labels)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
