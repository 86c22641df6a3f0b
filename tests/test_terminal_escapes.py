"""Author text (titles, prompts, hints, solutions) and stored or piped text never reach a terminal as
escape sequences or control characters: not in the REPL, the plain piped front end, or the CLI."""
from __future__ import annotations

import io
import sqlite3
import sys

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output
from prompt_toolkit.data_structures import Size

from tutor.cli import main
from tutor.errors import ParseError
from tutor.printable import json_text, printable, visible
from tutor.problems import load_problem_set
from tutor.progress import DB_NAME, Action, Attempt, ProgressStore
from tutor.repl.app import PracticeRepl
from tutor.session import Session

pytestmark = pytest.mark.timeout(120)

CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"   # OSC 52: write the clipboard
SPOOF = "\x1b[1A\r\x1b[2K✓ Correct."      # up a line, erase it, paint a verdict
HOSTILE = [CLIPBOARD, SPOOF, "\x9b2J", "\u202eevil", "\x1bP+q\x1b\\", "\x07\x08\x7f", "\x1b"]

SET = r'''
title = "Hostile\u001b]52;c;aGk=\u0007 set"
description = "Escapes everywhere an author writes.\u001b[2J"

[[problems]]
id = "power"
title = "Power\u001b]0;pwned\u0007 rule"
tags = { week = 1, skills = ["power\u001b[31m rule"] }
variables = ["x"]
prompt = "Differentiate x^2.\u001b[1A\r\u001b[2K✓ Correct."
answer = "2x"
hints = ["Use the power rule.\u001b]52;c;aGk=\u0007", "\u009b2JBring down the 2.\u202e"]
solution = "It is 2x.\u001b[2J"
'''


def leaks(text: str) -> list[str]:
    """The escape and control characters in `text` (newlines and tabs are fine)."""
    return sorted({c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
                   or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"})


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "problems" / "evil"
    folder.mkdir(parents=True)
    (folder / "escapes.toml").write_text(SET, encoding="utf-8")
    return folder / "escapes.toml"


# --- the function -------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", HOSTILE)
def test_printable_removes_every_sequence_and_keeps_the_words(bad):
    assert printable(f"Chain rule{bad} · σ(z)\n\tnext") in (
        "Chain rule · σ(z)\n\tnext", "Chain rule✓ Correct. · σ(z)\n\tnext",
        "Chain ruleevil · σ(z)\n\tnext", "Chain rule· σ(z)\n\tnext")  # ESC SP is one sequence
    assert leaks(printable(bad)) == []


def test_a_clipboard_write_leaves_no_trace():
    assert printable(f"Title{CLIPBOARD}") == "Title"


def test_visible_keeps_one_column_per_character_for_the_caret():
    text = "x\x1b[2J +"
    assert len(visible(text)) == len(text) and leaks(visible(text)) == []


def test_a_parse_errors_caret_shows_control_characters_as_pictures():
    err = ParseError("x\x1b[2J", (1, 2), "Something odd.")
    assert "x␛[2J" in str(err) and leaks(str(err)) == []


def test_json_escapes_controls_and_stays_json():
    import json

    data = {"feedback": "".join(HOSTILE) + "σ"}
    assert json.loads(json_text(data)) == data and leaks(json_text(data)) == []


# --- the front ends -------------------------------------------------------------------------------

def test_piped_practice_shows_author_text_without_escapes(hostile, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("x\n:hint\n:hint\n:steps\n\x1b[2J2x\n:quit\n"))
    out = io.StringIO()
    code = main(["--data-dir", str(tmp_path / "data"), "practice", str(hostile)], out=out)
    text = out.getvalue()
    assert code == 0 and "Power rule" in text and "Differentiate x^2." in text
    assert "Use the power rule." in text and "Bring down the 2." in text
    assert leaks(text) == [] and leaks(capsys.readouterr().err) == []


def test_the_repl_shows_author_text_without_escapes(hostile):
    out = io.StringIO()
    output = Vt100_Output(out, lambda: Size(rows=40, columns=100), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text(":hint\r:hint\r:steps\r:quit\r")
        PracticeRepl(Session(load_problem_set(hostile), seed=1), input=pipe, output=output).run()
    shown = out.getvalue()
    # what the REPL prints carries its own colour codes; what the author wrote carries none
    assert "Power rule" in shown and "Use the power rule." in shown and "Bring down the 2." in shown
    assert "]52;" not in shown and "]0;pwned" not in shown and "\x9b" not in shown
    assert "\u202e" not in shown and "\r\x1b[2K✓" not in shown and "\x1b[2J" not in shown


def test_the_menu_listing_shows_set_titles_without_escapes(hostile, tmp_path, monkeypatch):
    import tutor.problems

    monkeypatch.setattr(tutor.problems, "default_problem_dirs", lambda: [])
    out = io.StringIO()
    assert main(["--problems", str(hostile.parents[1]), "--data-dir", str(tmp_path / "d")], out=out) == 0
    assert "Hostile set" in out.getvalue() and leaks(out.getvalue()) == []


def test_check_and_parse_never_echo_escapes(capsys):
    out = io.StringIO()
    assert main(["check", "x\x1b]52;c;aGk=\x07", "--expected", "x\x1b[2J"], out=out) == 4
    assert main(["check", "x\x1b[2J", "--expected", "x"], out=out) == 2
    assert main(["parse", "\u202ex\x9b2J"], out=out) == 2
    assert main(["check", "x\x1b[2J", "--expected", "x", "--json"], out=out) == 2
    err = capsys.readouterr().err
    assert leaks(out.getvalue()) == [] and leaks(err) == [] and "␛" in err


def test_progress_shows_stored_names_without_escapes(tmp_path, monkeypatch, capsys):
    import tutor.problems

    monkeypatch.setattr(tutor.problems, "default_problem_dirs", lambda: [])
    with ProgressStore.open(tmp_path) as store:
        store.record(Attempt(1, "evil/set\x1b]52;c;aGk=\x07", "evil\x1b[2J", "p", ("skill\r✓",), 1,
                             Action.ANSWER, "x", "correct"))
    out = io.StringIO()
    assert main(["--data-dir", str(tmp_path), "progress"], out=out) == 0
    assert "evil/set" in out.getvalue() and leaks(out.getvalue()) == []
