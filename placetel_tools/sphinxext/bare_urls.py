"""Sphinx extension: mark each external link whose text is its own address (class ``bare-url``), so
the print stylesheet prints every other link's address after its text, and these ones once.

Used by Sphinx (conf.py); the print rules are in docs/_static/custom.css."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata


def mark_bare_urls(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: the class ``bare-url`` on each link whose text is its address."""
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if "://" in uri and ref.astext().strip() in (uri, uri.rstrip("/")):
            ref["classes"].append("bare-url")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-resolved", mark_bare_urls)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
