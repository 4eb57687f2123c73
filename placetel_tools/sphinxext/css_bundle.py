"""Sphinx extension: serve the pages' stylesheets as one file, _static/css/site.css, so the first paint
waits for one stylesheet request instead of five.

Used by Sphinx (conf.py), HTML builds only."""

# Every stylesheet a page links is render-blocking; on a slow phone connection
# each costs a round trip before anything shows (Lighthouse: render-blocking
# requests). Sphinx, the theme, sphinx-tabs, sphinx-copybutton and our
# custom.css each add one. The pages link site.css instead; once every page is
# written, the stylesheets they would have linked are joined into site.css in
# the order Sphinx would have linked them, url(...) references rewritten for its
# place, and every page's link gets the bundle's checksum (?v=, as Sphinx gives
# its other assets), so a browser never keeps a stale stylesheet.
#
# Each page records its stylesheets in a small file of its own under the
# doctree folder (css-bundle/PAGE.json): pages are written in parallel with
# `-j`, and an incremental build writes only the changed pages, while the
# bundle needs the stylesheets of every page.

from __future__ import annotations

import json
import posixpath
import re
import zlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)
BUNDLE = "_static/css/site.css"
URL = re.compile(r"""url\(\s*(["']?)(?!data:|https?:|/|#)([^"')]+)\1\s*\)""")
LINK = re.compile(r"(_static/css/site\.css)(?:\?v=[0-9a-f]+)?(?=\")")


def _local(filename: str) -> bool:
    return filename.startswith("_static/") and "://" not in filename


def _records(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "css-bundle"


def bundle_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """html-page-context: link site.css in place of the page's own stylesheets, and record them."""
    files = context.get("css_files")
    if not files or app.builder.format != "html":
        return
    kept, bundled = [], []
    for css in files:
        name = getattr(css, "filename", str(css))
        media = getattr(css, "attributes", {}).get("media", "all")
        if _local(name) and media in ("all", "screen"):
            # Sphinx links a page's stylesheets by priority, then in the order they were added
            # (sphinx-tabs adds tabs.css to a page after custom.css, at a lower priority).
            bundled.append([name, getattr(css, "priority", 500)])
        else:
            kept.append(css)
    record = _records(app) / f"{pagename}.json"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(bundled), encoding="utf-8")
    context["css_files"] = [BUNDLE, *kept]


def bundle_order(pages: list[list[list[Any]]]) -> list[tuple[str, int]]:
    """Every page's stylesheets, each once, in the order Sphinx links them: by priority, then as a
    page added them (pages in the order given)."""
    first: dict[str, tuple[int, int]] = {}
    for page in pages:
        for name, priority in page:
            first.setdefault(name, (int(priority), len(first)))
    return [(name, first[name][0]) for name in sorted(first, key=first.__getitem__)]


def rewrite_urls(css: str, source: str) -> str:
    """``css`` of the file ``source`` (under _static/) with relative url()s made relative to site.css."""
    here, there = posixpath.dirname(source), posixpath.dirname(BUNDLE)

    def moved(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(here, match.group(2)))
        return f"url({match.group(1)}{posixpath.relpath(target, there)}{match.group(1)})"

    return URL.sub(moved, css)


def checksum(data: bytes) -> str:
    """The ?v= value of an asset, computed as Sphinx computes it for its own assets."""
    return format(zlib.crc32(data.translate(None, b"\r")), "08x")


def write_bundle(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: join the recorded stylesheets into site.css and link it with its checksum."""
    if exception is not None or app.builder.format != "html" or not _records(app).is_dir():
        return
    out = Path(app.outdir)
    records = {
        path.relative_to(_records(app)).with_suffix("").as_posix(): json.loads(
            path.read_text(encoding="utf-8")
        )
        for path in sorted(_records(app).glob("**/*.json"))
    }
    parts = []
    for name, priority in bundle_order(list(records.values())):
        path = out / name
        if not path.is_file():
            logger.warning(
                "%s is linked by a page but was not copied — check html_css_files",
                name,
                type="placetel",
                subtype="css_bundle",
            )
            continue
        css = rewrite_urls(path.read_text(encoding="utf-8"), name)
        parts.append(f"/* {name} priority={priority} */\n{css}")
    if not parts:
        return
    data = ("\n".join(parts) + "\n").encode("utf-8")
    (out / BUNDLE).parent.mkdir(parents=True, exist_ok=True)  # a theme without a css/ folder
    (out / BUNDLE).write_bytes(data)
    version = checksum(data)
    for pagename in records:  # every page of this build, the ones an incremental build kept too
        page = Path(app.builder.get_outfilename(pagename))
        if not page.is_file():
            continue  # a page deleted from the sources
        html = page.read_text(encoding="utf-8")
        linked = LINK.sub(rf"\1?v={version}", html)
        if linked != html:
            page.write_text(linked, encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-page-context", bundle_page, priority=900)  # after the extensions added theirs
    app.connect("build-finished", write_bundle)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
