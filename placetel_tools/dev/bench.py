"""Benchmark for `make bench`: build and test times, page weights and Lighthouse scores of every page
in every language."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from placetel_tools.dev import site_check as sc

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
TOUCHED = ROOT / "docs" / "glossary.rst"  # the page touched for the incremental rebuild
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Targets from issues 4 and 6. Ratios are against one full `make html` from a fresh _build/.
MAX_TEST_RATIO = 3.0
MAX_INCREMENTAL_RATIO = 0.3
MIN_SCORES = {"performance": 95, "accessibility": 100, "best-practices": 100}


def timed(*cmd):
    """Run a command in the project root; return (seconds, exit status, last lines of output)."""
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.monotonic() - start
    lines = proc.stdout.strip().splitlines()
    summary = [line for line in lines if re.search(r"=+ .*\b(passed|failed|error)", line)]
    return seconds, proc.returncode, (summary or lines or [""])[-1]


def median_build(before, runs=3):
    """Median seconds of ``runs`` `make html` runs, each after calling ``before()``.
    Returns (seconds, last status, last line)."""
    results = []
    for _ in range(runs):
        before()
        results.append(timed("make", "html"))
    results.sort(key=lambda r: r[0])
    return results[len(results) // 2][0], results[-1][1], results[-1][2]


def page_weights(html_dir):
    """{page: (bytes of the HTML, bytes of everything else it loads)}, measured in Chromium."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with sc.serve(html_dir) as server, sync_playwright() as playwright:
        browser = sc.launch(playwright)
        context, rec = sc.new_context(browser, 375)
        page = context.new_page()
        for name in sc.site_pages(html_dir):  # every page of every language
            rec.reset()
            sc.visit(page, sc.page_url(server, name))
            page.wait_for_load_state("networkidle")
            html = rec.loaded.get(sc.page_url(server, name), 0)
            weights[name] = (html, sum(rec.loaded.values()) - html)
        browser.close()
    return weights


def lighthouse(url, out):
    """Lighthouse (mobile preset, its default) on one URL; {category: score 0-100} and bytes on the wire."""
    env = {**os.environ, "CHROME_PATH": sc.CHROMIUM}
    proc = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr.strip()[-500:]}")
    report = json.loads(Path(out).read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    missed = [
        a["id"]
        for a in report["audits"].values()
        if a.get("score") is not None
        and a["score"] < 1
        and a.get("scoreDisplayMode") in ("binary", "metricSavings", "numeric")
        and not a["id"].endswith("-insight")
    ]
    return scores, report["audits"]["total-byte-weight"]["numericValue"], missed


def main(argv=None):
    misses = []

    def verdict(ok, what):
        if not ok:
            misses.append(what)
        return "ok" if ok else "MISSED"

    print("== Build and test times")
    full, status, tail = median_build(lambda: shutil.rmtree(HTML, ignore_errors=True))
    print(
        f"full make html (empty _build/html, median of 3):  {full:6.2f} s"
        + ("" if status == 0 else f"  FAILED: {tail}")
    )
    incr, status, tail = median_build(TOUCHED.touch)
    print(
        f"incremental make html (touched {TOUCHED.relative_to(ROOT)}, median of 3): {incr:6.2f} s"
        + ("" if status == 0 else f"  FAILED: {tail}")
    )
    # A build with nothing to do measures Sphinx's fixed cost (start-up, extensions,
    # templates): the floor under any incremental rebuild, whatever the site's size.
    noop, _, _ = median_build(lambda: None)
    print(f"  (of which a make html with nothing changed, the fixed cost: {noop:.2f} s)")
    test, status, tail = timed("make", "test")
    print(f"full make test: {test:6.1f} s  {tail.strip('= ')}" + ("" if status == 0 else "  FAILED"))
    if status != 0:
        misses.append("make test failed")
    browser, _, tail = timed(sys.executable, "-m", "pytest", "-q", "tests/browser")
    print(f"  (of which tests/browser alone: {browser:.1f} s  {tail.strip('= ')})")
    print(
        f"make test / make html = {test / full:.2f}  (target <= {MAX_TEST_RATIO}): "
        + verdict(test <= MAX_TEST_RATIO * full, "make test too slow")
    )
    print(
        f"incremental / full    = {incr / full:.2f}  (target <= {MAX_INCREMENTAL_RATIO}): "
        + verdict(incr <= MAX_INCREMENTAL_RATIO * full, "incremental rebuild too slow")
    )

    print("\n== Page weight (bytes as served uncompressed; HTML + every resource the page loads)")
    weights = page_weights(HTML)
    for name, (html, rest) in weights.items():
        print(f"{name:24} {html + rest:9,d}  (HTML {html:,d} + resources {rest:,d})")

    print("\n== Lighthouse (mobile preset) against a loopback server that gzips like a real host")
    if not LIGHTHOUSE.exists():
        print("node_modules/.bin/lighthouse is missing: run `npm ci` (make bench does)", file=sys.stderr)
        return 1
    print(f"{'page':24} {'perf':>5} {'a11y':>5} {'BP':>5} {'SEO':>5} {'wire bytes':>11}")
    with sc.serve(HTML, hosting=True) as server, tempfile.TemporaryDirectory() as tmp:
        for name in sc.site_pages(HTML):
            scores, wire, missed = lighthouse(sc.page_url(server, name), Path(tmp) / "report.json")
            print(
                f"{name:24} "
                + " ".join(f"{scores[c]:5d}" for c in CATEGORIES)
                + f" {wire:11,.0f}"
                + (f"   below 100: {', '.join(missed)}" if missed else "")
            )
            for category, minimum in MIN_SCORES.items():
                if scores[category] < minimum:
                    misses.append(f"{name}: {category} {scores[category]} < {minimum}")
    print("targets: performance >= 95, accessibility 100, best practices 100")
    print("\n" + ("all targets met" if not misses else "MISSED: " + "; ".join(misses)))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
