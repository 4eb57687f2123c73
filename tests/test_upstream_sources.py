"""`make upstream`'s sources and command line: local trees, the download path (a tree the tests serve on
127.0.0.1 in GitHub's layout, through the overridable base URLs), missing files named with exit 2,
differences with exit 1, agreement with exit 0; `make upstream` itself."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import upstream_trees
from project_copy import copy_project

from placetel_tools.loopback import LoopbackServer
from placetel_tools.upstream import cli, facts, sources

ZAMMAD_SHA = "1" * 40
PLACETEL_SHA = "2" * 40


def serve_github(root, tag="9.9.1", releases=True, tags=None):
    """Write a GitHub stand-in under ``root``: api/ (releases, tags, commits, repository) and raw/."""
    api, raw = root / "api" / "repos", root / "raw"

    def put(path, value):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")

    if releases:
        put(api / "zammad/zammad/releases/latest", {"tag_name": tag})
    put(api / "zammad/zammad/tags", [{"name": name} for name in (tags or [tag])])
    put(api / "zammad/zammad/commits" / tag, {"sha": ZAMMAD_SHA})
    # A folder's address is redirected to its index: the repository's own JSON lives there.
    put(api / "Placetel/call-control-notify-api/index.html", {"default_branch": "master"})
    put(api / "Placetel/call-control-notify-api/commits/master", {"sha": PLACETEL_SHA})
    upstream_trees.zammad_tree(raw / "zammad/zammad" / ZAMMAD_SHA)
    upstream_trees.placetel_tree(raw / "Placetel/call-control-notify-api" / PLACETEL_SHA)
    return root


@pytest.fixture
def github(tmp_path, monkeypatch):
    """Serve ``serve_github(folder)`` and point the base URLs at it; yields the folder."""
    folder = tmp_path / "github"
    folder.mkdir()
    with LoopbackServer.directory(folder) as server:
        monkeypatch.setenv("UPSTREAM_API_URL", server.url + "/api")
        monkeypatch.setenv("UPSTREAM_RAW_URL", server.url + "/raw")
        monkeypatch.delenv("GITHUB_TOKEN", raising=False)
        yield folder


def trees(tmp_path, **changes):
    return (
        str(upstream_trees.zammad_tree(tmp_path / "zammad", **changes)),
        str(upstream_trees.placetel_tree(tmp_path / "placetel")),
    )


def test_local_trees_that_agree_exit_0_and_write_the_record(tmp_path, capsys):
    zammad, placetel = trees(tmp_path)
    status = cli.main(
        ["--zammad", zammad, "--placetel", placetel, "--record", str(tmp_path / "r.json"), "--texts", "500"]
    )
    out = capsys.readouterr().out
    assert status == 0, out
    assert "make upstream: everything agrees" in out
    record = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert record["result"] == "agree" and record["zammad"]["version"] == "9.9.x"
    assert record["zammad"]["po_revision"] == "2099-01-02 03:04+0000"
    assert record["zammad"]["ref"] == "local" and record["placetel"]["ref"] == "local"
    assert record["checks"]["model"] == {"compared": 500 + len(facts.examples(facts.ROOT)), "differences": 0}


def test_a_difference_exits_1_and_is_printed(tmp_path, capsys):
    zammad, placetel = trees(tmp_path, routes=("/api/v1/", "/api/v9/"))
    status = cli.main(["--zammad", zammad, "--placetel", placetel, "--no-record", "--texts", "10"])
    out = capsys.readouterr().out
    assert status == 1
    assert "placetel_tools/simulator.py:" in out and "integration_placetel.rb:3" in out
    assert not (tmp_path / "r.json").exists()


def test_a_missing_file_exits_2_naming_it_and_writes_no_record(tmp_path, capsys):
    zammad, placetel = trees(tmp_path)
    (tmp_path / "zammad" / sources.ZAMMAD_FILES["caller_id"]).unlink()
    status = cli.main(["--zammad", zammad, "--placetel", placetel, "--record", str(tmp_path / "r.json")])
    err = capsys.readouterr().err
    assert status == 2
    assert f"cannot read {tmp_path / 'zammad' / sources.ZAMMAD_FILES['caller_id']}" in err
    assert not (tmp_path / "r.json").exists()


def test_the_download_path_reads_the_newest_release_and_the_default_branch(github, tmp_path, capsys):
    serve_github(github)
    status = cli.main(["--record", str(tmp_path / "r.json"), "--texts", "200"])
    out = capsys.readouterr().out
    assert status == 0, out
    record = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert record["zammad"] | {"version": None, "po_revision": None} == {
        "repo": "zammad/zammad",
        "ref": "9.9.1",
        "commit": ZAMMAD_SHA,
        "version": None,
        "po_revision": None,
    }
    assert record["placetel"] == {
        "repo": "Placetel/call-control-notify-api",
        "ref": "master",
        "commit": PLACETEL_SHA,
    }


def test_without_releases_the_highest_release_tag_is_taken(github):
    serve_github(github, tag="9.10.0", releases=False, tags=["9.9.1", "9.10.0", "10.0.0-rc1", "stable"])
    assert sources.GitHub().newest_release("zammad/zammad") == "9.10.0"


def test_a_given_ref_is_read(github):
    serve_github(github, tag="8.0.0")
    zammad = sources.zammad(ref="8.0.0")
    assert (zammad.ref, zammad.commit) == ("8.0.0", ZAMMAD_SHA)
    assert zammad.files["version"] == "9.9.x\n"


def test_a_missing_download_exits_2_naming_the_address(github, capsys):
    serve_github(github)
    (github / "raw/zammad/zammad" / ZAMMAD_SHA / sources.ZAMMAD_FILES["catalogue"]).unlink()
    assert cli.main(["--no-record"]) == 2
    err = capsys.readouterr().err
    assert f"/raw/zammad/zammad/{ZAMMAD_SHA}/i18n/zammad.de-de.po: HTTP 404" in err


def test_an_unreachable_github_exits_2(monkeypatch, capsys):
    monkeypatch.setenv("UPSTREAM_API_URL", "http://127.0.0.1:9/api")  # the discard port: nothing listens
    assert cli.main(["--no-record"]) == 2
    assert "cannot be reached" in capsys.readouterr().err


def test_make_upstream_reads_local_trees_and_reports_the_checkers_status(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    zammad, placetel = trees(tmp_path)
    env = dict(os.environ, VIRTUAL_ENV=str(Path(sys.executable).parent.parent))

    def make(*args):
        proc = subprocess.run(
            ["make", "--no-print-directory", "upstream", *args],
            cwd=project.path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return proc.returncode, proc.stdout + proc.stderr

    status, output = make(f"ZAMMAD={zammad}", f"PLACETEL={placetel}")
    assert status == 0, output
    assert (project / "docs/upstream.json").exists()
    status, output = make(f"ZAMMAD={tmp_path / 'nowhere'}", f"PLACETEL={placetel}")
    assert status == 2 and "exit status 2 (a source cannot be read)" in output and "nowhere" in output
