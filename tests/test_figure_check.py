"""figure_check: each figure defect is a warning at the page's (or the source's) file:line; good figures pass.

Built in-process on the tiny projects tests/roots/test-figure-*/ (sphinx.testing); the images each
test needs of an exact size or a broken format are written by the test into its copy."""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from project_copy import edit, line_of
from sphinx.util.console import strip_colors

from placetel_tools import figures
from placetel_tools.figures.layout import LANGUAGE_FILENAME as DEFAULT
from placetel_tools.sphinxext.figure_check import budget, decode_problem, references, variants_of

# --- image files written by hand ------------------------------------------------


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>t</title></svg>\n'


def padded_svg(size: int) -> bytes:
    """A valid SVG of exactly ``size`` bytes."""
    return SVG.replace(b"</svg>", b"<!--" + b"x" * (size - len(SVG) - 7) + b"--></svg>")


# --- the decoders and helpers ---------------------------------------------------------


@pytest.mark.parametrize(
    "name, data",
    [
        ("a.svg", SVG),
        ("a.svg", padded_svg(500)),
    ],
)
def test_complete_files_decode(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    assert decode_problem(tmp_path / name) is None


@pytest.mark.parametrize(
    "name, data, problem",
    [
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><g></svg>',
            "not well-formed XML",
        ),
        ("a.svg", b'<svg width="1" height="1"/>', "not <svg> in the SVG namespace"),
        ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="1"/>', "no height"),
        ("a.svg", b'<!DOCTYPE svg [<!ENTITY a "b">]><svg/>', "declares XML entities"),
    ],
)
def test_incomplete_files_are_named(tmp_path, name, data, problem):
    (tmp_path / name).write_bytes(data)
    assert problem in decode_problem(tmp_path / name)


@pytest.mark.parametrize(
    "pattern, figure, name, variant",
    [
        (DEFAULT, "images/call-flow.svg", "images/call-flow.de.svg", True),
        (DEFAULT, "images/call-flow.svg", "images/call-flow.svg", False),
        (DEFAULT, "images/photo.png", "images/photo.pt_BR.png", True),
        (DEFAULT, "images/v1.svg", "images/v1.2.svg", False),
        (DEFAULT, "images/flow.svg", "images/call-flow.de.svg", False),
        ("{path}{language}/{basename}{ext}", "images/flow.svg", "images/de/flow.svg", True),
        ("{path}{language}/{basename}{ext}", "images/flow.svg", "images/flow.de.svg", False),
    ],
)
def test_a_language_variant_belongs_to_its_figure(pattern, figure, name, variant):
    assert bool(variants_of(Path(figure), pattern).fullmatch(name)) is variant


def test_budgets_are_named_as_configured():
    assert [budget(n) for n in (100_000, 250_000, 1000, 1500, 999)] == [
        "100 KB",
        "250 KB",
        "1 KB",
        "1500 bytes",
        "999 bytes",
    ]


# --- building the tiny projects -------------------------------------------------------


def warnings(stream: StringIO) -> list[str]:
    return [line for line in strip_colors(stream.getvalue()).splitlines() if "WARNING" in line]


def figure_lines(srcdir: Path, page: str = "index.rst") -> list[int]:
    """The line of each `.. figure::` and `.. image::` of a page, in order."""
    lines = (Path(srcdir) / page).read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, 1) if line.startswith((".. figure::", ".. image::"))]


def at(srcdir: Path, path: str, line: int, message: str) -> str:
    """A warning line as Sphinx prints it: absolute file:line, message, [type.subtype]."""
    return f"{Path(srcdir) / path}:{line}: WARNING: {message} [placetel.figure_check]"


@pytest.mark.sphinx("html", testroot="figure-good", srcdir="figure-good")
def test_good_figures_pass(app, warning):
    (Path(app.srcdir) / "images/plain.svg").write_bytes(SVG)
    assert [p.name for p in figures.build(app.srcdir)] == ["flow.svg"]

    app.build()

    assert warnings(warning) == []
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    for name in ("flow.svg", "plain.svg"):
        assert f'src="_images/{name}"' in html, name


@pytest.mark.sphinx("html", testroot="figure-alt", srcdir="figure-alt")
def test_a_figure_without_alt_text_or_with_its_file_name_fails(app, warning):
    app.build()

    none, empty, name, stem, path, _good = figure_lines(app.srcdir)
    missing = "images/photo.svg has no alt text — add :alt: saying what the figure shows"
    file_name = "the alt text of images/photo.svg is its file name — make :alt: say what the figure shows"
    assert warnings(warning) == [
        at(app.srcdir, "index.rst", none, missing),
        at(app.srcdir, "index.rst", empty, missing),
        at(app.srcdir, "index.rst", name, file_name),
        at(app.srcdir, "index.rst", stem, file_name),
        at(app.srcdir, "index.rst", path, file_name),
    ]


@pytest.mark.sphinx("html", testroot="figure-decode", srcdir="figure-decode")
def test_a_raster_file_or_an_svg_that_does_not_decode_fails_at_its_page(app, warning):
    """The site's figures are drawn as SVG: a PNG (even a broken one) is named, not decoded."""
    (Path(app.srcdir) / "images/photo.png").write_bytes(b"\x89PNG\r\n\x1a\n cut short")

    app.build()

    raster, open_svg, html = figure_lines(app.srcdir)
    not_svg = "images/photo.png is not SVG: only SVG figures are checked; draw it as SVG under images/src"
    fix = "export it again (or run make images if it is generated)"
    problems = [
        (open_svg, "images/open.svg", "it is not well-formed XML (mismatched tag: line 1, column 68)"),
        (html, "images/html.svg", "its root element is 'html', not <svg> in the SVG namespace"),
    ]
    assert warnings(warning) == [at(app.srcdir, "index.rst", raster, not_svg)] + [
        at(app.srcdir, "index.rst", line, f"{name} does not decode: {problem} — {fix}")
        for line, name, problem in problems
    ]


HEAVY_PAGE = (
    "the images of this page weigh 1800 bytes together, over the 1500 bytes budget per page — "
    "use fewer or lighter images"
)


def heavy_images(srcdir: Path, suffix: str = "") -> None:
    """big.svg: over the root's 1000 bytes per image; heavy-N.svg: 600 bytes each, so that the
    page showing all three is over its 1500 bytes. ``suffix`` ".de": the German variants are."""
    images = Path(srcdir) / "images"
    (images / "big.svg").write_bytes(SVG if suffix else padded_svg(1200))
    for n in (1, 2, 3):
        (images / f"heavy-{n}.svg").write_bytes(SVG if suffix else padded_svg(600))
        if suffix:
            (images / f"heavy-{n}{suffix}.svg").write_bytes(padded_svg(600))


@pytest.mark.sphinx("html", testroot="figure-budget", srcdir="figure-budget")
def test_an_image_over_its_budget_and_a_page_over_its_budget_fail(app, warning):
    heavy_images(app.srcdir)

    app.build()

    third = figure_lines(app.srcdir, "heavy.rst")[3]  # heavy-1.svg, shown twice, counts once
    assert warnings(warning) == [
        at(app.srcdir, "heavy.rst", third, HEAVY_PAGE),
        at(
            app.srcdir,
            "index.rst",
            figure_lines(app.srcdir)[0],
            "images/big.svg weighs 1200 bytes, over the 1 KB budget per image — simplify or compress it",
        ),
    ]


@pytest.mark.sphinx(
    "html",
    testroot="figure-budget",
    srcdir="figure-budget-site",
    confoverrides={"figure_check_max_file_bytes": 100_000, "figure_check_max_page_bytes": 250_000},
)
def test_the_budgets_are_settings(app, warning):
    heavy_images(app.srcdir)
    app.build()
    assert warnings(warning) == []


@pytest.mark.sphinx(
    "html", testroot="figure-budget", srcdir="figure-budget-de", confoverrides={"language": "de"}
)
def test_a_german_page_weighs_its_german_figures(app, warning):
    heavy_images(app.srcdir, ".de")  # the English ones are light

    app.build()

    third = figure_lines(app.srcdir, "heavy.rst")[3]
    assert warnings(warning) == [at(app.srcdir, "heavy.rst", third, HEAVY_PAGE)]
    assert 'src="_images/heavy-1.de.svg"' in (Path(app.outdir) / "heavy.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="figure-unreferenced", srcdir="figure-unreferenced")
def test_a_file_no_page_references_fails_at_the_file(app, warning):
    figures.build(app.srcdir)
    (Path(app.srcdir) / "images/sub").mkdir()
    (Path(app.srcdir) / "images/sub/deep.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    app.build()

    fix = "reference it with a figure and :alt:, or delete it"
    # Not reported: used.de.svg (a variant of used.svg), .hidden.svg, the source images/src/used.txt.
    assert warnings(warning) == [
        at(app.srcdir, "images/sub/deep.png", 1, f"no page references images/sub/deep.png — {fix}"),
        at(app.srcdir, "images/unused.svg", 1, f"no page references images/unused.svg — {fix}"),
    ]


@pytest.mark.sphinx("html", testroot="figure-stale", srcdir="figure-stale-edited")
def test_an_svg_older_than_its_source_fails_at_the_page(app, warning):
    figures.build(app.srcdir)
    source = Path(app.srcdir) / "images/src/flow.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("| Answer", "| Reply"), encoding="utf-8")

    app.build()

    assert warnings(warning) == [
        at(
            app.srcdir,
            "index.rst",
            figure_lines(app.srcdir)[0],
            "images/flow.svg is not current with its source images/src/flow.txt — run make images",
        )
    ]


@pytest.mark.sphinx("html", testroot="figure-stale", srcdir="figure-stale-sources")
def test_a_figure_no_page_shows_and_a_broken_source_fail_at_the_source(app, warning):
    figures.build(app.srcdir)
    sources = Path(app.srcdir) / "images/src"
    (sources / "orphan.txt").write_text("figure 200 100\ntitle | No page shows me\n", encoding="utf-8")
    (sources / "broken.txt").write_text(
        "figure 100 100\ntitle | Broken\nbox 0 50 99 99 | x\n", encoding="utf-8"
    )

    app.build()

    assert warnings(warning) == [
        at(
            app.srcdir,
            "images/src/broken.txt",
            3,
            "this element (0,50 99x99) leaves the 100x100 canvas — move it or make room",
        ),
        at(app.srcdir, "images/src/orphan.txt", 1, "images/orphan.svg is missing — run make images"),
    ]


@pytest.mark.sphinx("html", testroot="figure-stale", srcdir="figure-stale-missing")
def test_a_missing_svg_a_page_shows_is_reported_once_by_sphinx(app, warning):
    app.build()  # images/flow.svg never rendered

    found = warnings(warning)
    assert len(found) == 1, found
    line = figure_lines(app.srcdir)[0]
    assert f"index.rst:{line}: WARNING: image file not readable: images/flow.svg" in found[0]


@pytest.mark.sphinx("html", testroot="figure-folders", srcdir="figure-folders-missing")
def test_a_missing_images_folder_is_a_message_not_a_crash(app, warning):
    app.build()

    fix = "in conf.py (relative to it)"
    assert warnings(warning) == [
        at(
            app.srcdir,
            "conf.py",
            1,
            f"figure_check_images 'images' is not a folder — create it, or set figure_check_images {fix}",
        ),
        at(
            app.srcdir,
            "conf.py",
            1,
            f"figure_check_sources 'images/src' is not a folder — create it, "
            f"or set figure_check_sources {fix}",
        ),
    ]


@pytest.mark.sphinx(
    "html",
    testroot="figure-folders",
    srcdir="figure-folders-set",
    confoverrides={"figure_check_images": "art", "figure_check_sources": "art/src"},
)
def test_the_folders_are_settings(app, warning):
    sources = Path(app.srcdir) / "art/src"
    sources.mkdir()
    (sources / "flow.txt").write_text("figure 200 100\ntitle | A figure in art/\n", encoding="utf-8")

    app.build()

    assert warnings(warning) == [
        at(app.srcdir, "art/src/flow.txt", 1, "art/flow.svg is missing — run make images"),
        at(
            app.srcdir,
            "art/unused.svg",
            1,
            "no page references art/unused.svg — reference it with a figure and :alt:, or delete it",
        ),
    ]


# --- languages -------------------------------------------------------------------------

PO = "locale/de/LC_MESSAGES/images.po"


@pytest.fixture
def german(tmp_path, rootdir, make_app):
    """A copy of tests/roots/test-figure-german with every figure rendered, and a way to build it
    in a language: build(language) -> (app, warnings)."""
    srcdir = tmp_path / "figure-german"
    shutil.copytree(rootdir / "test-figure-german", srcdir)
    assert len(figures.build(srcdir)) == 4  # flow and save, English and German

    def build(language):
        stream = StringIO()
        app = make_app(
            "html",
            srcdir=srcdir,
            builddir=srcdir / "_build" / language,
            confoverrides={"language": language},
            warning=stream,
        )
        app.build()
        return app, warnings(stream)

    return srcdir, build


@pytest.mark.parametrize("language", ["en", "de"])
def test_good_german_figures_pass_and_german_pages_show_them(german, language):
    _, build = german
    app, found = build(language)
    assert found == []
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    suffix = ".de" if language == "de" else ""
    assert f'src="_images/flow{suffix}.svg"' in html and f'src="_images/save{suffix}.svg"' in html


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_german_figure_missing_or_stale_fails_both_builds(german, language):
    srcdir, build = german
    (srcdir / "images/flow.de.svg").unlink()
    edit(srcdir / PO, 'msgstr "Speichern"', 'msgstr "Sichern"')  # save.de.svg is stale now

    _, found = build(language)

    if language == "en":  # at the sources: no English page shows a German figure
        assert found == [
            at(srcdir, "images/src/flow.txt", 1, "images/flow.de.svg is missing — run make images"),
            at(
                srcdir,
                "images/src/save.txt",
                1,
                f"images/save.de.svg is not current with this source and {PO} — run make images",
            ),
        ]
    else:  # at the page that shows them
        flow, save = figure_lines(srcdir)
        assert found == [
            at(
                srcdir,
                "index.rst",
                flow,
                "images/flow.de.svg is missing, so this German page shows the English figure — "
                "run make images",
            ),
            at(
                srcdir,
                "index.rst",
                save,
                f"images/save.de.svg is not current with its source images/src/save.txt and {PO} — "
                "run make images",
            ),
        ]


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_german_text_too_long_for_its_box_fails_both_builds(german, language):
    srcdir, build = german
    edit(srcdir / PO, 'msgstr "Speichern"', 'msgstr "Alle Einstellungen jetzt speichern"')

    _, found = build(language)

    button = line_of(srcdir / "images/src/save.txt", "| Save")
    entry = line_of(srcdir / PO, "Alle Einstellungen")
    assert found == [
        at(
            srcdir,
            "images/src/save.txt",
            button,
            "the German text 'Alle Einstellungen jetzt speichern' needs about 247 px, it has 88 — "
            f"widen its box (the source serves every language), or shorten the translation at {PO}:{entry}",
        )
    ]


# --- parallel and incremental builds -----------------------------------------------------


@pytest.mark.sphinx("html", testroot="figure-parallel", srcdir="figure-parallel", parallel=2)
def test_a_parallel_build_keeps_every_pages_figures_and_a_rebuild_forgets_a_removed_one(app, warning):
    merged = []
    app.connect("env-merge-info", lambda app, env, docnames, other: merged.append(sorted(docnames)))

    app.build()

    pages = [f"page{n}" for n in range(1, 9)]
    assert len(merged) > 1 and sorted(d for docs in merged for d in docs) == sorted(["index", *pages])
    refs = references(app.env)
    assert {docname: [Path(ref.path).name for ref in refs[docname]] for docname in pages} == {
        f"page{n}": [f"figure-{n}.svg", *(["shared.svg"] if n in (2, 6) else [])] for n in range(1, 9)
    }
    no_alt = at(
        app.srcdir,
        "page6.rst",
        figure_lines(app.srcdir, "page6.rst")[1],
        "images/shared.svg has no alt text — add :alt: saying what the figure shows",
    )
    assert warnings(warning) == [no_alt]  # no "no page references": every figure survived the merge

    # An incremental build reads page3 alone: its old figure is purged, so no page shows it now.
    page = Path(app.srcdir) / "page3.rst"
    page.write_text("Page 3\n======\n\nNo figure any more.\n", encoding="utf-8")
    later = page.stat().st_mtime + 10
    os.utime(page, (later, later))
    warning.seek(0)
    warning.truncate()

    app.build()

    assert references(app.env)["page3"] == []
    assert warnings(warning) == [
        no_alt,
        at(
            app.srcdir,
            "images/figure-3.svg",
            1,
            "no page references images/figure-3.svg — reference it with a figure and :alt:, or delete it",
        ),
    ]
