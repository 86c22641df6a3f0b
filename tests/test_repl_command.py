"""`tutor`, `tutor practice SET` and `tutor progress` through `main(argv)`, in process and as a process."""
from __future__ import annotations

import io
import sqlite3
import subprocess
import sys

import pytest

from repl_fixtures import BASICS, FIXTURES, answers, child_env, tutor_argv
from tutor.cli import main
from tutor.progress import DB_NAME, Action, ProgressStore

pytestmark = pytest.mark.timeout(120)


def run(tmp_path, monkeypatch, capsys, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    """`tutor` in process, on the fixture sets only (not the repository's own)."""
    import tutor.problems

    monkeypatch.setattr(tutor.problems, "default_problem_dirs", lambda: [])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    code = main(["--problems", str(FIXTURES), "--data-dir", str(tmp_path / "data"), *argv], out=out)
    return code, out.getvalue(), capsys.readouterr().err


def test_practice_from_a_file_of_answers_gives_the_same_verdicts(tmp_path, monkeypatch, capsys):
    right = answers(seed=4)
    code, out, err = run(tmp_path, monkeypatch, capsys, "practice", "calculus/basics", "--seed", "4",
                         stdin="\n".join(["0", right[0], ":hint", right[1], ":skip"]) + "\n")
    assert (code, err) == (0, "")
    assert out.startswith("\nProblem 1 of 3 · Power rule\nDifferentiate f(x) = x")
    assert "answer> 0\n✗ Not quite." in out
    assert f"answer> {right[0]}\n✓ Correct." in out
    assert "answer> :hint\nHint 1: Multiply." in out
    assert "Summary of Basics for the REPL tests (calculus/basics)" in out
    with ProgressStore.open(tmp_path / "data") as store:
        rows = store.attempts()
    assert [(a.problem_id, a.action, a.status) for a in rows] == [
        ("power", Action.ANSWER, "incorrect"), ("power", Action.ANSWER, "correct"),
        ("product", Action.HINT, ""), ("product", Action.ANSWER, "correct"),
        ("chain", Action.SKIP, ""),
        # power was answered wrong once, so it came back; the end of input quit there
    ]


def test_the_same_seed_gives_the_same_run(tmp_path, monkeypatch, capsys):
    first = run(tmp_path, monkeypatch, capsys, "practice", "calculus/basics", "--seed", "9",
                stdin=":skip\n:skip\n:skip\n")[1]
    again = run(tmp_path, monkeypatch, capsys, "practice", "calculus/basics", "--seed", "9",
                stdin=":skip\n:skip\n:skip\n")[1]
    assert first == again and "Problem 3 of 3" in first


@pytest.mark.parametrize("name", ["basics", str(BASICS)])
def test_a_set_can_be_named_by_its_file_name_or_path(tmp_path, monkeypatch, capsys, name):
    code, out, _ = run(tmp_path, monkeypatch, capsys, "practice", name, stdin=":quit\n")
    assert code == 0 and "Problem 1 of 3 · Power rule" in out


def test_an_unknown_set_gets_a_suggestion_and_exit_code_4(tmp_path, monkeypatch, capsys):
    code, out, err = run(tmp_path, monkeypatch, capsys, "practice", "calculus/basic")
    assert code == 4 and out == ""
    assert err == ("there is no problem set 'calculus/basic'. Did you mean calculus/basics? "
                   "Run `tutor` to see them all.\n")


def test_a_corrupt_progress_file_is_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / DB_NAME).write_bytes(b"garbage" * 100)
    code, out, err = run(tmp_path, monkeypatch, capsys, "practice", "calculus/basics")
    assert code == 4 and "is damaged or is not a tutor progress database" in err
    assert "Traceback" not in err and (tmp_path / "data" / DB_NAME).read_bytes() == b"garbage" * 100


def test_progress_before_anything_is_done(tmp_path, monkeypatch, capsys):
    code, out, _ = run(tmp_path, monkeypatch, capsys, "progress")
    assert code == 0 and out.startswith("No progress yet")
    assert not (tmp_path / "data").exists()


def test_progress_per_course_set_and_skill(tmp_path, monkeypatch, capsys):
    right = answers(seed=2)
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00:00")
    run(tmp_path, monkeypatch, capsys, "practice", "calculus/basics", "--seed", "2",
        stdin=f"{right[0]}\nwrong\n{right[1]}\n:quit\n")
    code, out, _ = run(tmp_path, monkeypatch, capsys, "progress")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Progress kept in ")
    # the power-rule problem was right first try and quick (easy): due in 8 days; the arithmetic
    # one was right after a retry (hard): due in days
    assert lines[1:] == [
        "All runs: 2 attempted, 2 solved, 1 right first try, 0 hints used",
        "", "Courses", "  calculus  2 of 3 attempted, 2 solved, 1 right first try, 0 hints used",
        "", "Sets", "  calculus/basics  2 of 3 attempted, 2 solved, 1 right first try, 0 hints used",
        "", "Skills (mastery by knowledge tracing; ✓ from 0.95)",
        "  arithmetic  ████░░░░░░░░░░░░░░░░ 0.18    due 2026-03-02 09:00 UTC",
        "  power rule  ████████████░░░░░░░░ 0.60    due 2026-03-09 09:00 UTC",
        "", "Review", "  next: 2026-03-02 09:00 UTC (2 scheduled)"]


def test_no_sub_command_without_a_terminal_prints_help_and_sets(tmp_path, monkeypatch, capsys):
    code, out, _ = run(tmp_path, monkeypatch, capsys)
    assert code == 0 and out.startswith("usage: tutor")
    assert "Problem sets (start one with `tutor practice SET`):" in out
    assert "calculus/basics" in out and "(0 of 3 solved)" in out and "probability/dice" in out


def test_bare_tutor_as_a_process_with_no_terminal_does_not_wait(tmp_path):
    done = subprocess.run(tutor_argv(tmp_path), stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=60, env=child_env())
    assert done.returncode == 0 and "usage: tutor" in done.stdout and "calculus/basics" in done.stdout


def test_help_still_works(capsys):
    assert main(["--help"]) == 0  # main returns its code rather than raising SystemExit
    assert "practice" in capsys.readouterr().out


def test_practice_through_a_pipe_as_a_process(tmp_path):
    right = answers(seed=5)
    done = subprocess.run(tutor_argv(tmp_path, "practice", "calculus/basics", "--seed", "5"),
                          input="\n".join(right) + "\n", capture_output=True, text=True,
                          timeout=120, env=child_env())
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.count("✓ Correct.") == 3 and "right first try: 3" in done.stdout
    db = sqlite3.connect(tmp_path / DB_NAME)
    assert db.execute("SELECT count(*) FROM attempts WHERE status = 'correct'").fetchone()[0] == 3


def test_plain_practice_never_imports_prompt_toolkit(tmp_path):
    code = ("import sys; from tutor.cli import main; "
            f"main(['--problems', {str(FIXTURES)!r}, '--data-dir', {str(tmp_path)!r}, "
            "'practice', 'calculus/basics']); print('prompt_toolkit' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], input=":quit\n", capture_output=True,
                          text=True, timeout=60, env=child_env())
    assert done.returncode == 0 and done.stdout.rstrip().endswith("False")


def test_the_repl_reads_no_package_metadata_to_start():
    # importlib.metadata and a scan of the installed packages cost about 11 ms of the first
    # prompt; prompt_toolkit before 3.0.53 read its own version that way at import (pyproject.toml)
    code = "import sys, tutor.repl.app; print('importlib.metadata' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=child_env())
    assert done.returncode == 0 and done.stdout.strip() == "False", done.stderr


def test_a_perfect_run_suggests_the_next_set_in_the_menus_order(tmp_path, monkeypatch, capsys):
    right = answers(seed=3)
    code, out, _ = run(tmp_path, monkeypatch, capsys, "practice", "basics", "--seed", "3",
                       stdin="\n".join(right) + "\n")
    assert code == 0 and out.rstrip().endswith("Next: `tutor practice probability/dice`.")


def test_progress_after_a_run_that_did_nothing(tmp_path, monkeypatch, capsys):
    run(tmp_path, monkeypatch, capsys, "practice", "calculus/basics", stdin=":quit\n")
    code, out, _ = run(tmp_path, monkeypatch, capsys, "progress")
    assert code == 0 and out.startswith("No progress yet")
