"""Sphinx extension: translate what Sphinx's i18n leaves out on these pages, the check tool's console
output and sphinx-tabs' tab labels."""

# 1. Sphinx translates paragraphs, not code. The check tool (check.py) prints
#    German when the reader's locale is German, so a German page must show German
#    output: a console block that runs `python3 check.py` becomes a message of the
#    page's catalogue like a paragraph. Every other code block (curl, Python, JSON)
#    stays as written. `python -m placetel_tools.examples.console --language de`
#    runs the translated blocks with a German locale and compares their output.
# 2. sphinx-tabs turns a tab's label into a bare text node for HTML builders, which
#    Sphinx's Locale transform never visits; the gettext builder still extracts the
#    label as a message. This looks the label up in the page's catalogue after
#    Sphinx's own translation. The group name stays the English label's, so a tab
#    chosen on one page is chosen on the others.

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain
from sphinx.util.typing import ExtensionMetadata

from placetel_tools import languages

RUNS_CHECK_TOOL = re.compile(r"^\$ python3 check\.py\b", re.M)


def runs_check_tool(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.literal_block)
        and node.get("language") == "console"
        and RUNS_CHECK_TOOL.search(node.astext()) is not None
    )


class TranslateCheckToolOutput(SphinxTransform):
    """Mark the check tool's console blocks translatable, before Sphinx extracts or applies messages."""

    default_priority = 10  # with Sphinx's ExtraTranslatableNodes, before Locale (20)

    def apply(self, **kwargs: object) -> None:
        for node in self.document.findall(runs_check_tool):
            node["translatable"] = True


def is_tab_label(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.Element)
        and "sphinx-tabs-tab" in node.get("classes", ())
        and len(node.children) == 1
        and isinstance(node.children[0], nodes.Text)
    )


class TranslateTabLabels(SphinxTransform):
    """Replace each plain-text tab label by its translation from the page's catalogue."""

    default_priority = 25  # after Locale (20)

    def apply(self, **kwargs: object) -> None:
        if not self.config.language or self.config.language == languages.SOURCE:
            return
        domain = docname_to_domain(self.env.current_document.docname, self.config.gettext_compact)
        dirs = [self.env.srcdir / directory for directory in self.config.locale_dirs]
        catalog, found = init_locale(dirs, self.config.language, domain)
        if not found:
            return
        for label in list(self.document.findall(is_tab_label)):
            english = label.children[0].astext()
            translated = catalog.gettext(english)
            if translated != english:
                label.replace(label.children[0], nodes.Text(translated))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_transform(TranslateCheckToolOutput)
    app.add_transform(TranslateTabLabels)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
