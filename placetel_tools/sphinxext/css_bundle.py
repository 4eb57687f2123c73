"""Sphinx extension: serve the pages' stylesheets as one file, _static/css/site.css, so the first paint
waits for one stylesheet request instead of five.

Used by Sphinx (conf.py), HTML builds only."""

# Every stylesheet a page links is render-blocking; on a slow phone connection
# each costs a round trip before anything shows (Lighthouse: render-blocking
# requests). Sphinx, the theme, sphinx-tabs, sphinx-copybutton and our
# custom.css each add one. The pages link site.css instead, in the order Sphinx
# would have linked the files; when the build has copied the static files, their
# contents are joined into site.css, url(...) references rewritten for its place.
# Each part starts with a marker naming its file and priority, which the next
# incremental build reads back for the pages it does not write again.

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)
BUNDLE = "_static/css/site.css"
URL = re.compile(r"""url\(\s*(["']?)(?!data:|https?:|/|#)([^"')]+)\1\s*\)""")


def _local(filename: str) -> bool:
    return filename.startswith("_static/") and "://" not in filename


def start(app: Sphinx) -> None:
    """builder-inited: the bundle's files, in the order the pages link them."""
    app.env.css_bundle_files = {}  # file -> (priority, first seen); rebuilt by every build's pages


def bundle_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """html-page-context: link site.css in place of the page's own stylesheets."""
    files = context.get("css_files")
    if not files or app.builder.format != "html":
        return
    kept = []
    for css in files:
        name = getattr(css, "filename", str(css))
        media = getattr(css, "attributes", {}).get("media", "all")
        if _local(name) and media in ("all", "screen"):
            # Sphinx links a page's stylesheets by priority, then in the order they were added
            # (sphinx-tabs adds tabs.css to a page after custom.css, at a lower priority).
            app.env.css_bundle_files.setdefault(
                name, (getattr(css, "priority", 500), len(app.env.css_bundle_files))
            )
        else:
            kept.append(css)
    context["css_files"] = [BUNDLE, *kept]


def bundle_order(files: dict[str, tuple[int, int]]) -> list[str]:
    """The bundled stylesheets in the order Sphinx links them: by priority, then as first added."""
    return sorted(files, key=files.__getitem__)


def rewrite_urls(css: str, source: str) -> str:
    """``css`` of the file ``source`` (under _static/) with relative url()s made relative to site.css."""
    here, there = posixpath.dirname(source), posixpath.dirname(BUNDLE)

    def moved(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(here, match.group(2)))
        return f"url({match.group(1)}{posixpath.relpath(target, there)}{match.group(1)})"

    return URL.sub(moved, css)


MARKER = re.compile(r"^/\* (\S+) priority=(-?\d+) \*/$", re.M)


def write_bundle(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: join the copied stylesheets into site.css.

    An incremental build writes only the changed pages, so the files that only unchanged pages
    link (tabs.css) are taken from the site.css of the build before, whose parts are marked."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    files = dict(app.env.css_bundle_files)
    if (out / BUNDLE).is_file():
        for name, priority in MARKER.findall((out / BUNDLE).read_text(encoding="utf-8")):
            files.setdefault(name, (int(priority), len(files)))
    parts = []
    for name in bundle_order(files):
        path = out / name
        if not path.is_file():
            logger.warning(
                "%s is linked by a page but was not copied — check html_css_files", name, type="css-bundle"
            )
            continue
        css = rewrite_urls(path.read_text(encoding="utf-8"), name)
        parts.append(f"/* {name} priority={files[name][0]} */\n{css}")
    if parts:
        (out / BUNDLE).parent.mkdir(parents=True, exist_ok=True)  # a theme without a css/ folder
        (out / BUNDLE).write_text("\n".join(parts) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", start)
    app.connect("html-page-context", bundle_page, priority=900)  # after the extensions added theirs
    app.connect("build-finished", write_bundle)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": False}
