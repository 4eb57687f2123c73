"""Sphinx extension: console examples that run the check tool are translated with their page, because the tool answers in the reader's language."""

# Sphinx translates paragraphs, not code. The check tool (check.py) prints German
# when the reader's locale is German, so a German page must show German output:
# such a console block becomes a message of the page's catalogue like a
# paragraph. Every other code block (curl, Python, JSON) stays as written.
# `python -m placetel_tools.console_examples --language de` runs the translated
# blocks with a German locale and compares their output.

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.typing import ExtensionMetadata

RUNS_CHECK_TOOL = re.compile(r"^\$ python3 check\.py\b", re.M)


def runs_check_tool(node: nodes.Node) -> bool:
    return (isinstance(node, nodes.literal_block) and node.get("language") == "console"
            and RUNS_CHECK_TOOL.search(node.astext()) is not None)


class TranslateCheckToolOutput(SphinxTransform):
    """Mark the check tool's console blocks translatable, before Sphinx extracts or applies messages."""

    default_priority = 10  # with Sphinx's ExtraTranslatableNodes, before Locale (20)

    def apply(self, **kwargs: object) -> None:
        for node in self.document.findall(runs_check_tool):
            node["translatable"] = True


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_transform(TranslateCheckToolOutput)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
