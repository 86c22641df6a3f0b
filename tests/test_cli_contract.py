"""The command line's contract: exit codes 0-3 the verdicts, 4 a request that cannot be done, 5 an
internal error; with --json every failure is the `tutor.error/1` object; never a traceback.
Fuzzed in process (`tutor.cli.main(argv)`) and, for piped practice, as a process."""
from __future__ import annotations

import io
import json
import random
import sqlite3
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tutor.checker.command
from repl_fixtures import child_env, tutor_argv
from tutor.cli import main
from tutor.contract import SCHEMA
from tutor.progress import DB_NAME

pytestmark = pytest.mark.timeout(300)

VERDICT_CODES = {"correct": 0, "incorrect": 1, "invalid": 2, "undetermined": 3}


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def error_object(text: str) -> dict:
    data = json.loads(text)
    assert data["schema"] == SCHEMA and set(data) <= {"schema", "id", "error"}
    assert set(data["error"]) <= {"code", "message", "field", "span"} and data["error"]["message"]
    return data


# --- exit codes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, code, field", [
    (["check", "x", "--expected", "2x +"], "INVALID_EXPECTED", "expected"),
    (["check", "x"], "INVALID_EXPECTED", "expected"),
    (["check", "x", "--expected", "x", "--form", "bogus"], "INVALID_OPTIONS", "options"),
    (["check", "x", "--expected", "x", "--rel-tol", "abc"], "INVALID_OPTIONS", "rel_tol"),
    (["check", "x", "--expected", "x", "--time-budget", "-1"], "INVALID_OPTIONS", "options"),
    (["check", "x", "--expected", "x", "--no-such-flag"], "INVALID_REQUEST", None),
    (["parse"], "INVALID_REQUEST", None),
])
def test_an_unusable_request_exits_4_with_the_error_object(argv, code, field, capsys):
    status, out = run(*argv, "--json")
    data = error_object(out)
    assert status == 4 and data["error"]["code"] == code and data["error"].get("field") == field
    err = capsys.readouterr().err
    assert err and "Traceback" not in err


def test_the_expected_answers_error_carries_its_span():
    status, out = run("check", "x", "--expected", "2x +", "--json")
    assert error_object(out)["error"]["span"] == [3, 4]


def test_without_json_a_failure_is_a_message_on_stderr_only(capsys):
    status, out = run("check", "x", "--expected", "2x +")
    assert (status, out) == (4, "")
    assert "expected answer cannot be read" in capsys.readouterr().err


def test_a_crash_exits_5_never_a_verdicts_code(monkeypatch, capsys):
    def boom(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(tutor.checker.command, "check", boom)
    status, out = run("check", "x", "--expected", "x", "--json")
    assert status == 5
    assert error_object(out)["error"] == {"code": "INTERNAL_ERROR", "message": "ZeroDivisionError: a bug"}
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err


def test_help_exits_0_from_main_without_raising(capsys):
    assert run("check", "--help")[0] == 0
    assert "--expected" in capsys.readouterr().out


@pytest.mark.parametrize("argv, status", [
    (["check", "2x", "--expected", "x+x"], "correct"),
    (["check", "2x+1", "--expected", "x+x"], "incorrect"),
    (["check", "2x +", "--expected", "x+x"], "invalid"),
])
def test_verdicts_keep_codes_0_to_3(argv, status):
    code, out = run(*argv, "--json")
    assert json.loads(out)["status"] == status and code == VERDICT_CODES[status]


def test_a_crash_as_a_process_prints_no_traceback(tmp_path):
    """A real process: a broken module is a bug of ours, reported as exit 5."""
    script = ("import sys, tutor.checker.command as c\n"
              "c.check = lambda *a, **k: 1 / 0\n"
              "from tutor.cli import main\n"
              "sys.exit(main(['check', 'x', '--expected', 'x']))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 5 and "Traceback" not in done.stderr and "ZeroDivisionError" in done.stderr


# --- fuzzing the command line in process --------------------------------------------------------------

_WORDS = st.sampled_from([
    "x", "2x", "-x", "x^2", "sin(x)", "[[1,2],[3,4]]", "{1, 2}", "(0, 1]", "x = 2", "x > 1", "1/0",
    "", " ", "--", "-", "--json", "--expected", "--form", "factored", "--rel-tol", "1e-3", "nan",
    "inf", "-1", "0", "10^400", "--sig-figs", "3", "--decimal-places", "--var", "--question",
    "--up-to-constant", "--time-budget", "0.3", "--abs-tol", "σ(z)", "\x1b[2J", "\udcff", "\x00",
    "--help-me", "=", "--expected=x", "--var=x",
])
_TEXT = st.one_of(_WORDS, st.text(max_size=12))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from(["check", "parse"]), words=st.lists(_TEXT, max_size=7),
       as_json=st.booleans())
def test_fuzzed_check_and_parse_never_crash_and_keep_the_codes(command, words, as_json):
    argv = [command, *words, *(["--json"] if as_json else [])]
    if command == "check":
        argv += ["--time-budget", "0.3"]
    err = io.StringIO()
    out = io.StringIO()
    old, sys.stderr = sys.stderr, err
    try:
        code = main(argv, out=out)
    finally:
        sys.stderr = old
    assert code in (0, 1, 2, 3, 4), (argv, code, err.getvalue())  # 5 would be a bug found
    assert "Traceback" not in err.getvalue()
    text = out.getvalue()
    if as_json and code == 4:
        error_object(text)
    elif as_json and command == "check":
        assert VERDICT_CODES[json.loads(text)["status"]] == code
    assert "\x1b" not in text and "\x1b" not in err.getvalue()


# --- fuzzing piped practice as a process ---------------------------------------------------------------

def _noise(rng: random.Random) -> bytes:
    alphabet = [bytes([b]) for b in range(256) if b not in (10, 13)] + [
        b"\x1b[2J", b"\x1b]52;c;aGk=\x07", "σ".encode(), b"\xff\xfe", b"2x", b":hint", b":"]
    return b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))


@pytest.mark.parametrize("seed", range(3))
def test_random_bytes_piped_into_practice_end_well_and_lose_nothing(tmp_path, seed):
    rng = random.Random(seed)
    lines = [_noise(rng) for _ in range(12)]
    done = subprocess.run(tutor_argv(tmp_path, "practice", "calculus/basics", "--seed", "1"),
                          input=b"\n".join(lines) + b"\n", capture_output=True, timeout=180,
                          env=child_env())
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0 and "Traceback" not in stderr, stderr
    assert b"\x1b" not in done.stdout
    typed = [line.decode("utf-8", "replace").strip() for line in lines]
    answers = [t for t in typed if t and not t.startswith(":")]
    not_checked = done.stdout.count("That answer could not be checked".encode())
    db = sqlite3.connect(tmp_path / DB_NAME)
    stored = db.execute("SELECT count(*) FROM attempts WHERE action = 'answer'").fetchone()[0]
    db.close()
    # every answer read before the set ended is kept (nothing read is lost to a bad byte)
    assert stored + not_checked == len(answers) or b"Summary of" in done.stdout
