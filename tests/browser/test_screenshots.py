"""`make screenshots` (placetel_tools.dev.screenshots) on a small site of its own: the pictures taken
with the session's browser, the command line in a process of its own, as the Makefile runs it."""

import subprocess
import sys
from pathlib import Path

from placetel_tools.dev import site_check as sc
from placetel_tools.dev.screenshots import take

PAGE = (
    '<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title></head><body><p>{title}</p></body></html>'
)
PNG = b"\x89PNG\r\n\x1a\n"


def site(root: Path) -> Path:
    for name in ("index.html", "setup.html", "de/index.html", "de/setup.html"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(PAGE.format(lang=name[:2] if "/" in name else "en", title=name), "utf-8")
    return root


ROOT = Path(__file__).resolve().parents[2]


def screenshots(*args: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "placetel_tools.dev.screenshots", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_page_at_every_width_and_the_printed_setup_guide(tmp_path, browser):
    html, out = site(tmp_path / "html"), tmp_path / "shots"
    out.mkdir()
    (out / "gone-375.png").write_bytes(PNG)  # a page the site no longer has
    written = take(html, out, browser)
    expected = {
        f"{stem}-{width}.png" for stem in ("index", "setup", "de-index", "de-setup") for width in sc.WIDTHS
    } | {"setup-print.png", "de-setup-print.png"}
    assert {p.name for p in out.iterdir()} == expected
    assert sorted(written) == sorted(out.iterdir())
    for path in out.iterdir():
        assert path.read_bytes().startswith(PNG) and path.stat().st_size > 1_000, path


def test_no_built_site_is_a_usage_error(tmp_path):
    proc = screenshots(tmp_path / "missing", tmp_path / "shots")
    assert proc.returncode == 2
    assert "make test-build" in proc.stdout
    assert not (tmp_path / "shots").exists()
