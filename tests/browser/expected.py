"""What the browser tests expect, derived from the built site and from how readers use it, never
from the wording of a page: a heading to search for, the text a copy button must give."""

import html
import re
from pathlib import Path

import pytest

from placetel_tools import languages
from placetel_tools.dev import site_check as sc

HTML = Path(__file__).resolve().parents[2] / "_build" / "html"

SECTION_HEADING = re.compile(r"<h2>(.*?)<a class=\"headerlink\"", re.S)


def section_headings(html_dir, language):
    """(page relative to its language's folder, the words of one of its section headings), for every
    section heading (<h2>) of every content page of ``language``, in order."""
    folder = languages.html_dir(language)
    for page_name in sc.content_pages(html_dir):
        if sc.language_of(page_name) != language:
            continue
        for heading in SECTION_HEADING.findall((html_dir / page_name).read_text("utf-8")):
            text = html.unescape(re.sub(r"<[^>]+>", "", heading))
            yield page_name.removeprefix(f"{folder}/" if folder else ""), re.findall(r"\w+", text)


def a_section_heading(html_dir=HTML):
    """(the words of a section heading, the page that has it), read from the built site: the first
    section heading of the first content page of the source language that has one. Whatever the
    pages say, the search must find a page by the words of its headings."""
    for page_name, words in section_headings(html_dir, languages.SOURCE):
        words = [word for word in words if len(word) > 2]  # Sphinx's search skips shorter
        if words:
            return " ".join(words), page_name
    pytest.fail(f"no page of {html_dir} has a section heading (<h2>)")


def a_german_inflection(html_dir=HTML):
    """(a word the German pages never write, the page one of whose headings has its stem): a noun
    of a German section heading with the genitive -s ("Anrufprotokoll" -> "Anrufprotokolls") that
    the German stemmer Sphinx indexes with (snowball) takes back to the noun's stem; of those, the
    noun on the fewest pages. Only a search that stems German finds the page by it."""
    import snowballstemmer

    stem = snowballstemmer.stemmer("german").stemWord
    words_of = {
        page_name: set(
            re.findall(r"\w+", re.sub(r"<[^>]+>", " ", (html_dir / page_name).read_text("utf-8").lower()))
        )
        for page_name in sc.content_pages(html_dir)
        if sc.language_of(page_name) == "de"
    }
    written = set().union(*words_of.values())
    candidates = [
        (sum(word.lower() in words for words in words_of.values()), word + "s", page_name)
        for page_name, words in section_headings(html_dir, "de")
        for word in words[1:]  # capitalised inside a heading: a noun
        if word[:1].isupper()
        and len(word) > 4
        and word[-1] not in "ens"  # a plural or a form with an ending already
        and (word + "s").lower() not in written
        and stem((word + "s").lower()) == stem(word.lower())
    ]
    if not candidates:
        pytest.fail(
            f"no German heading of {html_dir} has a noun whose genitive -s the German stemmer removes"
        )
    _, inflected, page_name = min(candidates)
    return inflected, page_name


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
