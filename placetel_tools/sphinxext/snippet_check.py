"""Sphinx extension: fail the build on a file in the snippets folder (doctests/) that no page uses,
since its examples would never reach a reader."""

# A snippet is used when a page includes it (include, literalinclude: Sphinx
# records both as dependencies of the page) or when a used snippet names it as
# the configuration of its examples (`.. simulator: config=NAME.json` for the
# console examples, doctest_config("NAME.json") for Sphinx's doctest).
# Settings (conf.py): snippet_check_folder, relative to the configuration
# directory; a folder that does not exist is reported once, not a crash.

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)
NAMED = re.compile(r"""config=([\w.-]+\.json)|doctest_config\(\s*["']([\w.-]+\.json)["']""")


def unused(snippets: Path, included: Iterable[Path], pages: Iterable[Path]) -> list[Path]:
    """The files of the folder ``snippets`` that are neither in ``included`` nor named by one of
    ``pages`` or of the included snippets."""
    files = {p.resolve() for p in Path(snippets).iterdir() if p.is_file() and not p.name.startswith(".")}
    used = files & {Path(p).resolve() for p in included}
    for path in [*pages, *(p for p in used if p.suffix == ".rst")]:
        for match in NAMED.finditer(Path(path).read_text(encoding="utf-8")):
            used.add((Path(snippets) / (match.group(1) or match.group(2))).resolve())
    return sorted(files - used)


def check(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: every page has been read (in parallel builds, merged), so the dependencies are whole."""
    root = Path(app.confdir).resolve()
    folder = root / app.config.snippet_check_folder
    if not folder.is_dir():
        logger.warning(
            "snippet_check_folder %r is not a folder — create it, or set snippet_check_folder in conf.py",
            app.config.snippet_check_folder,
            location=f"{root / 'conf.py'}:1",
            type="placetel",
            subtype="snippet_check",
        )
        return
    included = {Path(app.srcdir) / dep for deps in env.dependencies.values() for dep in deps}
    pages = [env.doc2path(docname) for docname in env.found_docs]
    name = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(folder)
    for path in unused(folder, included, pages):
        how = (
            f".. include:: ../{name}/{path.name}"
            if path.suffix == ".rst"
            else f".. literalinclude:: ../{name}/{path.name}, or name it in a snippet's "
            f".. simulator: config={path.name}"
        )
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        logger.warning(
            "no page uses %s — use it from a page (%s) or delete it",
            shown,
            how,
            location=f"{path}:1",
            type="placetel",
            subtype="snippet_check",
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("snippet_check_folder", "doctests", "env", types=[str])
    app.connect("env-updated", check)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
