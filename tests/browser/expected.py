"""What the browser tests expect, derived from the built site and from how readers use it, never
from the wording of a page: a heading to search for, the text a copy button must give."""

import html
import re
from pathlib import Path

import pytest

from placetel_tools.dev import site_check as sc

HTML = Path(__file__).resolve().parents[2] / "_build" / "html"

SECTION_HEADING = re.compile(r"<h2>(.*?)<a class=\"headerlink\"", re.S)


def a_section_heading(html_dir=HTML):
    """(the words of a section heading, the page that has it), read from the built site: the first
    section heading of the first content page of the source language that has one. Whatever the
    pages say, the search must find a page by the words of its headings."""
    for page_name in sc.content_pages(html_dir):
        if "/" in page_name:
            continue  # a translation
        for heading in SECTION_HEADING.findall((html_dir / page_name).read_text("utf-8")):
            text = html.unescape(re.sub(r"<[^>]+>", "", heading))
            words = [
                word for word in re.findall(r"\w+", text) if len(word) > 2
            ]  # Sphinx's search skips shorter
            if words:
                return " ".join(words), page_name
    pytest.fail(f"no page of {html_dir} has a section heading (<h2>)")


# A prompt at the start of a line: "$ " (shell), ">>> " and "... " (Python; a bare "..." too).
PROMPT = re.compile(r"(\$|>>>|\.\.\.)( |$)")


def pasteable(text):
    """What a reader pastes from a code block as the page shows it: from a block with prompts, each
    prompt line without its prompt, and the lines its trailing backslashes continue; no output line;
    from a block without prompts, all of it. No final line break: pasting runs nothing by itself."""
    lines = text.removesuffix("\n").split("\n")
    if not any(PROMPT.match(line) for line in lines):
        return "\n".join(lines)
    kept, continued = [], False
    for line in lines:
        prompt = PROMPT.match(line)
        if prompt or continued:
            kept.append(line[prompt.end() :] if prompt else line)
        continued = bool(prompt or continued) and line.endswith("\\")
    return "\n".join(kept).removesuffix("\n")
