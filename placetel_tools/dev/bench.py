"""Benchmark for `make bench`: build and test times with each stage's share, page weights, and
Lighthouse (median of three runs) for every page in every language.

Used by `make bench` only; `make test` never runs it."""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
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
RUNS = 3  # Lighthouse runs per page; the median counts
# Targets against one full `make html` of both languages: issue 12 (make check), issue 20
# (make test, which replaced issue 12's fixed 45 s); issue 13: every page of both languages.
MAX_TEST_RATIO = 30.0
MAX_CHECK_RATIO = 4.0
MIN_SCORES = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_LCP_SECONDS = 1.2


def timed(*cmd: str) -> tuple[float, int, str]:
    """Run a command in the project root; return (seconds, exit status, its last summary line, after
    the lines naming each failed test when it failed)."""
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.monotonic() - start
    lines = proc.stdout.strip().splitlines()
    summary = [line for line in lines if re.search(r"=+ .*\b(passed|failed|error)", line)]
    failed = [line for line in lines if line.startswith(("FAILED ", "ERROR "))] if proc.returncode else []
    return seconds, proc.returncode, "\n".join([*failed, (summary or lines or [""])[-1]])


def median_of(runs: int, before, *cmd: str) -> tuple[float, int, str]:
    """Median seconds of ``runs`` runs of ``cmd``, each after ``before()``; (seconds, status, last line)."""
    results = []
    for _ in range(runs):
        before()
        results.append(timed(*cmd))
    results.sort(key=lambda r: r[0])
    return results[len(results) // 2][0], max(r[1] for r in results), results[-1][2]


def page_weights(html_dir: Path) -> dict[str, tuple[int, int]]:
    """{page: (bytes of the HTML, bytes of everything else it loads)}, measured in Chromium."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with sc.serve(html_dir) as server, sync_playwright() as playwright:
        browser = sc.launch(playwright)
        for name in sc.site_pages(html_dir):  # every page of every language
            context, rec = sc.new_context(browser, 375, weigh=True)  # an empty cache: a first visit
            page = context.new_page()
            sc.visit(page, sc.page_url(server, name))
            page.wait_for_load_state("networkidle")
            html = rec.loaded.get(sc.page_url(server, name), 0)
            weights[name] = (html, sum(rec.loaded.values()) - html)
            context.close()
        browser.close()
    return weights


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile preset, its default): scores, LCP, bytes on the wire, audits below 1."""
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
    audits = report["audits"]
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "bytes": audits["total-byte-weight"]["numericValue"],
        "missed": sorted(
            a["id"]
            for a in audits.values()
            if a.get("score") is not None
            and a["score"] < 1
            and a.get("scoreDisplayMode") in ("binary", "metricSavings", "numeric")
            and not a["id"].endswith("-insight")
        ),
    }


def median_lighthouse(url: str, tmp: Path) -> dict:
    """The median of RUNS Lighthouse runs, per score and per metric."""
    runs = [lighthouse(url, tmp / f"report-{i}.json") for i in range(RUNS)]
    return {
        "scores": {c: statistics.median(r["scores"][c] for r in runs) for c in CATEGORIES},
        "lcp": statistics.median(r["lcp"] for r in runs),
        "bytes": statistics.median(r["bytes"] for r in runs),
        "missed": sorted({a for r in runs for a in r["missed"]}),
    }


def main(argv: list[str] | None = None) -> int:
    misses = []

    def verdict(ok: bool, what: str) -> str:
        if not ok:
            misses.append(what)
        return "ok" if ok else "MISSED"

    print("== Build and test times (seconds, on this machine)")
    full, status, tail = median_of(3, lambda: shutil.rmtree(HTML, ignore_errors=True), "make", "html")
    print(
        f"full make html, both languages (empty _build/html, median of 3): {full:6.2f}"
        + ("" if status == 0 else f"  FAILED: {tail}")
    )
    incr, _, _ = median_of(3, TOUCHED.touch, "make", "html")
    noop, _, _ = median_of(3, lambda: None, "make", "html")
    print(
        f"incremental make html (touched {TOUCHED.relative_to(ROOT)}, median of 3): {incr:6.2f}"
        f"  (nothing changed: {noop:.2f}, Sphinx's fixed cost)"
    )

    check, status, tail = median_of(3, lambda: None, "make", "check")
    print(f"make check (median of 3): {check:6.2f}" + ("" if status == 0 else f"  FAILED: {tail}"))
    stages = {target: timed("make", target)[0] for target in ("test-build", "doctest", "lint", "spelling")}
    for target, seconds in stages.items():
        print(
            f"  {target:12} {seconds:6.2f}  ({seconds / sum(stages.values()):4.0%} of the stages; "
            "make check runs them side by side)"
        )
    print(
        f"make check / make html = {check / full:.2f}  (target <= {MAX_CHECK_RATIO:g}): "
        + verdict(check <= MAX_CHECK_RATIO * full, "make check too slow")
    )

    test, status, tail = timed("make", "test")
    print(f"make test: {test:6.1f}  {tail.strip('= ')}" + ("" if status == 0 else "  FAILED"))
    if status != 0:
        misses.append("make test failed")
    tooling, _, tail_t = timed(sys.executable, "-m", "pytest", "-q", "--ignore=tests/browser")
    browser, _, tail_b = timed(sys.executable, "-m", "pytest", "-q", "tests/browser")
    for what, seconds, line in (
        ("make check", check, ""),
        ("pytest, tooling", tooling, tail_t),
        ("pytest, browser", browser, tail_b),
    ):
        print(f"  {what:16} {seconds:6.1f}  ({seconds / test:4.0%} of make test)  {line.strip('= ')}")
    print(
        f"make test / make html = {test / full:.1f}  (target <= {MAX_TEST_RATIO:g}): "
        + verdict(test <= MAX_TEST_RATIO * full, "make test too slow")
    )

    print("\n== Page weight (bytes as served uncompressed; HTML + every resource the page loads)")
    for name, (html, rest) in page_weights(HTML).items():
        print(f"{name:30} {html + rest:9,d}  (HTML {html:,d} + resources {rest:,d})")

    print(f"\n== Lighthouse (mobile preset, median of {RUNS} runs) against a loopback host that gzips")
    if not LIGHTHOUSE.exists():
        print("node_modules/.bin/lighthouse is missing: run `npm ci` (make bench does)", file=sys.stderr)
        return 1
    print(f"{'page':30} {'perf':>5} {'a11y':>5} {'BP':>5} {'SEO':>5} {'LCP s':>6} {'wire bytes':>11}")
    with sc.serve(HTML, hosting=True) as server, tempfile.TemporaryDirectory() as tmp:
        for name in sc.site_pages(HTML):
            result = median_lighthouse(sc.page_url(server, name), Path(tmp))
            scores = result["scores"]
            print(
                f"{name:30} "
                + " ".join(f"{scores[c]:5.0f}" for c in CATEGORIES)
                + f" {result['lcp']:6.2f} {result['bytes']:11,.0f}"
                + (f"   below 1: {', '.join(result['missed'])}" if result["missed"] else "")
            )
            for category, minimum in MIN_SCORES.items():
                if scores[category] < minimum:
                    misses.append(f"{name}: {category} {scores[category]:.0f} < {minimum}")
            if result["lcp"] > MAX_LCP_SECONDS:
                misses.append(f"{name}: LCP {result['lcp']:.2f} s > {MAX_LCP_SECONDS} s")
    print(f"targets: every score {min(MIN_SCORES.values())}, LCP <= {MAX_LCP_SECONDS} s")
    print("\n" + ("all targets met" if not misses else "MISSED: " + "; ".join(misses)))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
