"""`make screenshots` (placetel_tools.dev.screenshots) on a small site of its own."""

from pathlib import Path

from placetel_tools.dev import screenshots
from placetel_tools.dev import site_check as sc

PAGE = (
    '<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title></head><body><p>{title}</p></body></html>'
)
PNG = b"\x89PNG\r\n\x1a\n"


def site(root: Path) -> Path:
    for name in ("index.html", "setup.html", "de/index.html", "de/setup.html"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(PAGE.format(lang=name[:2] if "/" in name else "en", title=name), "utf-8")
    return root


def test_every_page_at_every_width_and_the_printed_setup_guide(tmp_path, capsys):
    html, out = site(tmp_path / "html"), tmp_path / "shots"
    out.mkdir()
    (out / "gone-375.png").write_bytes(PNG)  # a page the site no longer has
    assert screenshots.main([str(html), str(out)]) == 0
    expected = {
        f"{stem}-{width}.png" for stem in ("index", "setup", "de-index", "de-setup") for width in sc.WIDTHS
    } | {"setup-print.png", "de-setup-print.png"}
    assert {p.name for p in out.iterdir()} == expected
    for path in out.iterdir():
        assert path.read_bytes().startswith(PNG) and path.stat().st_size > 1_000, path
    assert capsys.readouterr().out.count(".png") == len(expected)


def test_no_built_site_is_a_usage_error(tmp_path, capsys):
    assert screenshots.main([str(tmp_path / "missing"), str(tmp_path / "shots")]) == 2
    assert "make test-build" in capsys.readouterr().out
    assert not (tmp_path / "shots").exists()
