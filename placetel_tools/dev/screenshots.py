"""Screenshots of the built site for people to look at: every page of every language at each
width of the browser checks, and the setup guide as printed.

Used by `make screenshots`; `make test` never takes screenshots (its checks read the pages, not
pictures of them)."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from placetel_tools.dev import site_check as sc

ROOT = Path(__file__).resolve().parents[2]
PRINTED = "setup.html"  # the page readers print, in every language


def take(html_dir: Path, out_dir: Path, browser) -> list[Path]:
    """Write ``<page>-<width>.png`` and ``<page>-print.png`` under ``out_dir`` with ``browser`` (from
    site_check.launch); return the files."""
    shutil.rmtree(out_dir, ignore_errors=True)  # no stale shot of a page that is gone
    written = []
    printed = [PRINTED] + [f"{lang}/{PRINTED}" for lang in sc.translations(html_dir)]
    with sc.serve(html_dir) as server:
        for width in sc.WIDTHS:
            context, _ = sc.new_context(browser, width)
            page = context.new_page()
            for name in sc.site_pages(html_dir):
                sc.visit(page, sc.page_url(server, name))
                written.append(sc.screenshot(page, out_dir, name, width))
                if width == max(sc.WIDTHS) and name in printed:
                    sc.print_problems(page, name, out_dir)
                    written.append(out_dir / f"{name[: -len('.html')].replace('/', '-')}-print.png")
            context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m placetel_tools.dev.screenshots", description=__doc__)
    parser.add_argument("html", nargs="?", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "_build" / "screenshots")
    args = parser.parse_args(argv)
    if not sc.site_pages(args.html):
        print(f"{args.html}: no built page — run `make test-build` first")
        return 2
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = sc.launch(playwright)
        try:
            written = take(args.html, args.out, browser)
        finally:
            browser.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
