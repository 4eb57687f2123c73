"""placetel_tools.check's model of Zammad's caller recognition (FACTS.md, "How Zammad recognises who is calling"),
and --recognise / --recognise-file over every outcome, in English and German, without any endpoint."""

import subprocess
import sys
from pathlib import Path

import pytest
from test_check import english_in, run, unwrap

from placetel_tools import check
from placetel_tools.examples import console

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "placetel_tools" / "example-users.csv"


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


# --- the model: reading and normalising -------------------------------------------------------


@pytest.mark.parametrize(
    "written, stored",
    [
        # FACTS.md, "Consequences an administrator meets"
        ("+49 30 609854189", ["4930609854189"]),
        ("0049 30 609854189", ["4930609854189"]),
        ("030 609854189", ["4930609854189"]),
        ("+49 (0)30 609854189", ["4930609854189"]),
        ("030/609854189", ["609854189"]),  # 030 is too short to count (Zammad issue #4872)
        ("0662 123456", ["49662123456"]),  # Salzburg read as German
        ("030.609854189", ["609854189"]),
        ("(030) 609 854 189", ["4930609854189"]),
        # the four steps one by one
        ("030-609-854-189", ["4930609854189"]),  # 1: white space and - go
        ("030\t609854189\n", ["4930609854189"]),
        ("0049 (0)30 609854189", ["4930609854189"]),  # 2: after 00 and a two-digit country code
        ("49(030)609854189", ["4930609854189"]),  # 2: the bracketed part's leading 0 goes
        ("+353 (0)1 234 5678", ["353012345678"]),  # 2: not after a three-digit country code
        ("030|609854189", ["4930609854189"]),  # 3: | and brackets go
        ("00 43 662 123456", ["43662123456"]),  # 4: a leading 00 goes
        ("0 171 5000000", ["491715000000"]),  # 4: a single 0 becomes 49
        ("4930609854189", ["4930609854189"]),  # 4: anything else stays
    ],
)
def test_numbers_as_zammad_stores_them(written, stored):
    assert check.stored_numbers(written) == stored


@pytest.mark.parametrize(
    "text, stored",
    [
        ("12345", []),  # 5 characters: no run
        ("123456", ["123456"]),  # 6: a run
        ("Tel.:12 34", []),  # "12 34" has 5 characters
        ("Tel.: 12 34", ["1234"]),  # " 12 34" has 6: the space before it counts
        ("ab123456cd", ["123456"]),  # letters end a run
        ("+49 30 609854189 +49 171 5000000", ["4930609854189", "491715000000"]),  # so does +
        ("030 609854189, 0171 5000000", ["4930609854189", "491715000000"]),  # and a comma
        ("030 609854189 0171 5000000", ["493060985418901715000000"]),  # white space joins numbers
        ("030 609854189\n0171 5000000", ["493060985418901715000000"]),  # line breaks too
        ("1" * 30, ["1" * 26]),  # a longer stretch: 26 characters, then the rest (too short here)
        ("1" * 32, ["1" * 26, "1" * 6]),
        ("      ", []),  # a run of spaces stores nothing
        ("", []),
    ],
)
def test_runs(text, stored):
    assert check.stored_numbers(text) == stored


# --- the model: looking a call up -----------------------------------------------------------------

ANNA = ("Anna Schmidt", "+49 30 609854189")


def test_known_numbers_come_before_maybe_numbers():
    maybe = [("Bernd Meier", "Tel. 030 609854189")]
    assert check.lookup("4930609854189", [ANNA], maybe) == ("known", ["Anna Schmidt"])
    assert check.lookup("4930609854189", [], maybe) == ("maybe", ["Bernd Meier"])
    assert check.caller_log("4930609854189", [ANNA], maybe) == ["Anna Schmidt"]
    assert check.caller_log("4930609854189", [], maybe) == ["maybe: Bernd Meier"]
    assert check.stored_comment("4930609854189", [], maybe) == "maybe Bernd Meier"


def test_nobody_and_the_caller_log_shows_the_number_only():
    assert check.lookup("4930609854100", [ANNA]) == (None, [])
    assert check.caller_log("4930609854100", [ANNA]) == []
    assert check.caller_log("anonymous", [ANNA]) == []
    assert check.caller_log("4930609854189", [("Anna Schmidt", "030/609854189")]) == []
    assert check.stored_comment("anonymous", [ANNA]) == ""


def test_several_users_at_most_twenty_each_once():
    known = [(f"User {n:02}", "+49 30 6098540") for n in range(25)] + [("User 00", "mobile 030 6098540")]
    level, names = check.lookup("49306098540", known)
    assert level == "known" and names == [f"User {n:02}" for n in range(20)]
    assert check.MOST_CALLERS == 20
    assert check.caller_log("49306098540", known[:2]) == ["User 00", "User 01"]  # one entry each
    assert check.caller_log("49306098540", [], known[:2]) == ["maybe: User 00", "maybe: User 01"]
    assert check.stored_comment("49306098540", known[:2]) == "User 00,User 01"  # no space: Zammad's join
    assert check.stored_comment("49306098540", [], known[:2]) == "maybe User 00,User 01"


def test_the_callers_number_is_normalised_the_same_way():
    """Placetel may send a national number (030600000000 in FACTS.md's field table)."""
    assert check.lookup("030609854189", [ANNA]) == ("known", ["Anna Schmidt"])


# --- the model: what a number means for a call --------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, expected, fix",
    [
        ("+49 30 609854189", "international", "", ""),
        ("0049 30 609854189", "international", "", ""),
        ("030 609854189", "national", "", ""),
        ("0662 123456", "national", "", ""),
        ("4930609854189", "plain", "", ""),
        ("030/609854189", "split", "4930609854189", "+49 30 609854189"),
        ("030.609854189", "split", "4930609854189", "+49 30 609854189"),
        ("030 / 609854189", "split", "4930609854189", "+49 30 609854189"),
        ("+353 (0)1 234 5678", "bracket-zero", "35312345678", "+353 1 234 5678"),
        ("030 609854189 0171 5000000", "too-long", "", ""),
        ("10115 Berlin", "too-short", "", ""),
    ],
)
def test_judged_for_a_call(text, kind, expected, fix):
    (number,), lost = check.recognise(text)
    assert (number.kind, number.expected, number.fix, lost) == (kind, expected, fix, [])
    assert number.matches == (kind in ("international", "national", "plain"))


def test_a_complete_number_beside_a_slash_is_not_split():
    numbers, _ = check.recognise("0171 5000000 / 030 609854189, +49 30 609854189/190")
    assert [(n.digits, n.kind) for n in numbers] == [
        ("491715000000", "national"),
        ("4930609854189", "national"),
        ("4930609854189", "international"),
    ]


def test_a_number_cut_into_short_parts_is_lost_but_a_date_is_no_number():
    assert check.recognise("030.609.854.189") == (
        [],
        [check.Lost("030.609.854.189", ".", "4930609854189", "+49 30 609 854 189")],
    )
    assert check.recognise("Since 12.03.2024") == ([], [])


def test_every_fix_is_read_as_the_number_placetel_sends():
    for text in (
        "030/609854189",
        "(030)/609854189",
        "+49(0)30/609854189",
        "0043.662.123456",
        "+353 (0)1 234 5678",
        "0049 (0) 30 / 609 854 189",
    ):
        numbers, lost = check.recognise(text)
        for found in [*numbers, *lost]:
            if found.fix:
                assert check.stored_numbers(found.fix) == [found.expected], (text, found)


# --- --recognise --------------------------------------------------------------------------------


def test_a_number_that_matches():
    code, out, err = run("--recognise", "+49 30 609854189")
    assert (code, err) == (0, "")
    assert out == (
        "4930609854189: matches. Zammad reads a call from +49 30 609854189 as 4930609854189 too, in whatever "
        "form Placetel sends the number.\n"
        "In the caller log, a call from a number that matches shows the name of the user who has it.\n"
    )


def test_a_slash():
    code, out, err = run("--recognise", "030/609854189")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        '609854189: never matches. The character "/" splits 030/609854189, and Zammad keeps only this part. '
        "Zammad reads a call from this number as 4930609854189. Write +49 30 609854189.",
        "In the caller log, a call from a number that never matches shows only the caller's number, with a "
        "button New User.",
        "See Caller recognition › Store numbers so that they match (recognition-store).",
    ]


def test_a_foreign_national_number_is_read_as_german():
    code, out, _ = run("--recognise", "0662 123456")
    assert code == 0  # it does match a German 0662 123456; only the reader knows it is in Salzburg
    assert out.startswith(
        "49662123456: matches if the number is German. Zammad reads the leading 0 of "
        "0662 123456 as Germany's country code 49"
    )
    assert "write + and its country code instead of the 0" in out


def test_a_text_without_a_number():
    code, out, _ = run("--recognise", "n/a")
    assert code == 1
    assert out.splitlines() == [
        "Zammad reads no number from this text: a number needs at least 6 characters in a row that are digits, "
        "spaces, -, (, ) or |.",
        "See Caller recognition › How Zammad reads a number (recognition-reading).",
    ]


def test_several_numbers_one_line_each_starting_with_the_digits():
    code, out, _ = run("--recognise", "Tel. +49 30 609854189, Fax 030/609854188, Mobil 0171 5000000")
    assert code == 1
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["4930609854189", "609854188", "491715000000"]
    assert lines[3].startswith("In the caller log, a call from a number that matches")  # two of them do
    assert lines[4].startswith("In the caller log, a call from a number that never matches")  # one does not
    assert lines[5].endswith("(recognition-store).") and len(lines) == 6


@pytest.mark.parametrize(
    "text, says",
    [
        ("030.609.854.189", 'Zammad reads no number from 030.609.854.189: the character "." splits it'),
        (
            "+353 (0)1 234 5678",
            "353012345678: never matches. Zammad drops a 0 in brackets only after a two-digit",
        ),
        ("030 609854189 0171 5000000", "493060985418901715000000: never matches: 24 digits are more than"),
        ("10115 Berlin", "10115: never matches: 5 digits are fewer than"),
    ],
)
def test_numbers_that_never_match_exit_1(text, says):
    code, out, _ = run("--recognise", text)
    assert code == 1 and out.startswith(says), out
    assert out.rstrip().endswith("(recognition-store).")


def test_a_plain_number_is_taken_as_written():
    code, out, _ = run("--recognise", "4930609854189")
    assert code == 0 and out.startswith("4930609854189: matches if these digits start with the country code")


def test_text_that_is_not_utf8_is_unreadable():
    code, out, err = run("--recognise", b"030 \xff609854189".decode("utf-8", "surrogateescape"))
    assert (code, out) == (2, "") and err == "error: The text after --recognise is not valid UTF-8.\n"


# --- --recognise-file -------------------------------------------------------------------------------


def csv_file(tmp_path, text, name="users.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_a_csv_with_a_mix(monkeypatch):
    monkeypatch.chdir(EXAMPLE.parent)  # the pages run it next to the file
    code, out, err = run("--recognise-file", EXAMPLE.name)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == "Reading the columns phone, mobile, fax of example-users.csv."
    assert [line.split(": ")[0] for line in lines[1:4]] == [
        "example-users.csv:3, phone",
        "example-users.csv:5, phone",
        "example-users.csv:7, phone",
    ]
    assert "Write +49 30 609854100." in lines[1] and "Write +49 30 609 854 177." in lines[2]
    assert lines[4:] == [
        "Numbers that never match a call: 3 of 10.",
        "Numbers written with a leading 0, which Zammad reads as German: 4. Write those that are not German with + "
        "and their country code.",
        "In the caller log, a call from a number that never matches shows only the caller's number, with a "
        "button New User.",
        "See Caller recognition › Store numbers so that they match (recognition-store).",
    ]
    assert "Calls back after 3 pm" not in out  # the note column is not read


def test_a_csv_whose_numbers_all_match(tmp_path):
    path = csv_file(tmp_path, "name,phone\nAnna,+49 30 609854189\nBernd,4930609854100\nCarla,\n")
    code, out, _ = run("--recognise-file", path)
    assert code == 0
    assert out.splitlines()[1:] == [
        f"Numbers Zammad reads from {path}: 2; every one can match a call.",
        "Numbers written without + or a leading 0, which Zammad keeps as written: 1. They match only if they start "
        "with the country code.",
    ]


def test_columns_named_like_phone_mobile_fax_telefon_handy(tmp_path):
    path = csv_file(
        tmp_path,
        "Name;Phone (work);Mobile;FAX;Telefon privat;Handynummer;PLZ\n"
        "Anna;030/1;030/2;030/3;030/4;030/5;10115\n".replace("030/", "030/60985418"),
    )
    code, out, _ = run("--recognise-file", path)
    assert code == 1
    assert out.splitlines()[0] == (
        f"Reading the columns Phone (work), Mobile, FAX, Telefon privat, Handynummer of {path}."
    )
    assert [line.split(": ")[0].split(", ")[-1] for line in out.splitlines()[1:6]] == [
        "Phone (work)",
        "Mobile",
        "FAX",
        "Telefon privat",
        "Handynummer",
    ]
    assert "10115" not in out  # the postal code's column is not read


def test_every_column_when_none_is_named_like_a_phone(tmp_path):
    path = csv_file(tmp_path, "Kunde\tKontakt\nAnna\t030/609854189\n")
    code, out, _ = run("--recognise-file", path)
    assert code == 1
    assert out.splitlines()[0] == (
        f"No column of {path} is named like phone, mobile, fax, Telefon or Handy: reading every column."
    )
    assert out.splitlines()[1].startswith(f"{path}:2, Kontakt: 609854189: never matches.")


def test_a_csv_without_numbers(tmp_path):
    code, out, _ = run("--recognise-file", csv_file(tmp_path, "name,phone\nAnna,\nBernd,n/a\n"))
    assert code == 1 and "reads no number from" in out and out.rstrip().endswith("(recognition-reading).")


def test_lines_count_from_the_file_with_quoted_line_breaks(tmp_path):
    path = csv_file(
        tmp_path, '\ufeffname,note,phone\nAnna,"two\nlines",030/609854189\n\nBernd,,030.609854100\n'
    )
    code, out, _ = run("--recognise-file", path)
    assert code == 1
    assert [line.split(": ")[0] for line in out.splitlines()[1:3]] == [f"{path}:2, phone", f"{path}:5, phone"]


@pytest.mark.parametrize(
    "content, says",
    [
        (None, "Cannot read {file}: it does not exist."),
        ("folder", "Cannot read {file}: it is a folder."),
        (
            "name,phone\nMüller,030 609854189\n".encode("latin-1"),
            "{file} is not UTF-8 text; save it as CSV in UTF-8.",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "{file} is not UTF-8 text; save it as CSV in UTF-8."),
        ("name,phone\nAnna,\x00\x00", "{file} is not a CSV file: it holds binary data."),
        ("", "{file} is empty."),
        (
            "name,phone\nAnna,030 609854189,extra\n",
            "{file} is not a CSV file: line 2 has 3 fields, the first line has 2.",
        ),
        ('name,phone\n"Anna"x,030 609854189\n', "{file} is not a CSV file: line 2 cannot be read as CSV ("),
    ],
)
def test_unreadable_input_exits_2(tmp_path, content, says):
    path = tmp_path / "users.csv"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        csv_file(tmp_path, content)
    code, out, err = run("--recognise-file", path)
    assert (code, out) == (2, "")
    assert err.startswith("error: " + says.format(file=path)), err


# --- the command line -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, says",
    [
        (["--recognise", "030", "--recognise-file", "x.csv"], "Use either --recognise or --recognise-file."),
        (
            ["--recognise", "030", "https://zammad.example.com/api/v1/placetel/abc"],
            "--recognise and --recognise-file send nothing: leave out",
        ),
        (["--recognise", "030", "--from", "491"], "--recognise and --recognise-file send nothing: leave out"),
        (
            ["--recognise-file", "x.csv", "--dry-run"],
            "--recognise and --recognise-file send nothing: leave out",
        ),
        (
            ["--recognise", "030", "--timeout", "3"],
            "--recognise and --recognise-file send nothing: leave out",
        ),
        ([], "ENDPOINT_URL is missing: give the address from Zammad's field Endpoint, or use --recognise"),
    ],
)
def test_recognising_and_the_endpoint_check_exclude_each_other(argv, says):
    code, out, err = run(*argv)
    assert (code, out) == (2, "") and err.startswith("error: " + says), err


def test_no_network_is_needed(monkeypatch, tmp_path):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("--recognise must not use the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert run("--recognise", "+49 30 609854189")[0] == 0
    assert run("--recognise-file", EXAMPLE)[0] == 1


def test_help_names_both_options(capsys):
    assert check.main(["--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "--recognise TEXT" in shown and "--recognise-file FILE" in shown and "[ENDPOINT_URL]" in shown
    assert "With --recognise or --recognise-file: 0 every number can match a call" in shown


# --- in German ----------------------------------------------------------------------------------

OUTCOMES = {
    "matches": (["--recognise", "+49 30 609854189"], 0),
    "slash": (["--recognise", "030/609854189"], 1),
    "foreign national": (["--recognise", "0662 123456"], 0),
    "no number": (["--recognise", "n/a"], 1),
    "lost": (["--recognise", "030.609.854.189"], 1),
    "bracket zero": (["--recognise", "+353 (0)1 234 5678"], 1),
    "too long": (["--recognise", "030 609854189 0171 5000000"], 1),
    "too short": (["--recognise", "10115"], 1),
    "plain": (["--recognise", "4930609854189"], 0),
    "csv mix": (["--recognise-file", str(EXAMPLE)], 1),
    "not utf-8": (None, 2),  # a file made by the test
    "conflict": (["--recognise", "1", "--recognise-file", "x"], 2),
}


@pytest.mark.parametrize("how", ["LANG=de_DE.UTF-8", "--lang de"])
@pytest.mark.parametrize("name", list(OUTCOMES))
def test_every_outcome_in_german(name, how, monkeypatch, tmp_path):
    argv, status = OUTCOMES[name]
    if name == "not utf-8":
        argv = ["--recognise-file", str(csv_file(tmp_path, b"phone\n\xff\xfe030\n"))]
    english_code, out, err = run(*argv)
    english = out + err
    options = ["--lang", "de"] if how == "--lang de" else []
    if not options:
        monkeypatch.setenv("LANG", "de_DE.UTF-8")
    german_code, out, err = run(*argv, *options)
    deutsch = out + err
    assert english_code == status and german_code == status, (english, deutsch)
    assert deutsch.strip() and english_in(deutsch) == [], deutsch
    assert not set(deutsch.splitlines()) & set(english.splitlines()), deutsch  # every line translated
    assert len(deutsch.splitlines()) == len(english.splitlines())
    for line_en, line_de in zip(english.splitlines(), deutsch.splitlines(), strict=True):
        if line_en[:1].isdigit():  # every number's line starts with its digits in both languages
            assert line_de.split(":")[0] == line_en.split(":")[0]


def test_german_words():
    code, out, _ = run("--recognise", "030/609854189", "--lang", "de")
    assert code == 1 and out.splitlines() == [
        "609854189: passt nie. Das Zeichen „/“ teilt 030/609854189, und Zammad behält nur diesen Teil. Einen "
        "Anruf von dieser Nummer liest Zammad als 4930609854189. Schreiben Sie +49 30 609854189.",
        "Im Anrufprotokoll zeigt ein Anruf von einer Nummer, die nie passt, nur die Nummer des Anrufers mit der "
        "Schaltfläche Neuer Benutzer.",
        "Siehe Anrufererkennung › Nummern so speichern, dass sie passen (recognition-store).",
    ]


# --- the file the pages offer for download ---------------------------------------------------------


def test_the_downloaded_file_recognises_alone(tmp_path):
    (tmp_path / "check.py").write_bytes((ROOT / "placetel_tools" / "check.py").read_bytes())
    (tmp_path / "example-users.csv").write_bytes(EXAMPLE.read_bytes())

    def alone(*argv, **environment):
        proc = subprocess.run(
            [sys.executable, "-I", "check.py", *argv],
            cwd=tmp_path,
            capture_output=True,
            timeout=60,
            env={"PATH": "/usr/bin:/bin", **environment},
        )
        return proc.returncode, unwrap(proc.stdout.decode())

    assert alone("--recognise", "+49 30 609854189") == (
        0,
        "4930609854189: matches. Zammad reads a call from +49 30 609854189 as 4930609854189 too, in whatever "
        "form Placetel sends the number.\n"
        "In the caller log, a call from a number that matches shows the name of the user who has it.\n",
    )
    code, out = alone("--recognise-file", "example-users.csv", LANG="de_DE.UTF-8")
    assert code == 1 and "Nummern, die nie zu einem Anruf passen: 3 von 10." in out


def test_changing_an_example_of_the_page_fails_the_console_examples(tree):
    """The issue's proof for the console examples: the first output line of the page's first
    --recognise example, whatever it says, with a digit put before it, fails at that line."""
    snippet = tree / "doctests/check-recognise.rst"
    line, _, _, expected = next(e for e in console.examples(snippet, tree.path) if e[3])
    lines = snippet.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i in range(line, len(lines)) if lines[i].strip() == expected[0])
    lines[at] = lines[at].replace(expected[0], "9" + expected[0], 1)
    snippet.write_text("".join(lines), encoding="utf-8")

    problems, count = console.run([snippet], root=tree.path)
    assert count >= 1 and len(problems) == 1
    assert problems[0].startswith(f"doctests/check-recognise.rst:{line}: output differs from the page")
    assert f"-9{expected[0]}" in problems[0] and f"+{expected[0]}" in problems[0]
