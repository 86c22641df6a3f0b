"""The real `tutor` in a pseudo-terminal: live preview in the toolbar, a verdict, and :quit exiting 0."""
from __future__ import annotations

import pexpect
import pytest

from repl_fixtures import answers, child_env, tutor_argv

pytestmark = pytest.mark.timeout(120)


CPR_REQUEST = "\x1b[6n"


class Terminal(pexpect.spawn):
    """A pseudo-terminal that answers cursor-position requests as a real terminal does.

    prompt_toolkit draws its bottom toolbar only once it knows how many rows are below the
    cursor, which it learns from that answer; here the cursor is always on the top row.
    """

    def expect_exact(self, text: str, **kw) -> int:  # type: ignore[override]
        while super().expect_exact([text, CPR_REQUEST], **kw) == 1:
            self.send("\x1b[1;1R")
        return 0


def spawn(tmp_path, *args: str, examples: bool = False) -> Terminal:
    # worked examples for new skills have tests of their own (test_repl_examples.py)
    argv = tutor_argv(tmp_path, *([] if examples else ["--no-examples"]), *args)
    env = child_env() | {"TERM": "xterm-256color"}
    return Terminal(argv[0], argv[1:], env=env, dimensions=(30, 120), encoding="utf-8", timeout=60)


def test_preview_while_typing_then_a_verdict_then_quit(tmp_path):
    right = answers(seed=1)[0]  # e.g. "3*x^2"
    child = spawn(tmp_path, "practice", "calculus/basics", "--seed", "1")
    try:
        child.expect_exact("Problem 1 of 3")
        child.expect_exact("[1/3] ›")
        child.send(right)  # typed, not yet entered: the toolbar reads it
        child.expect_exact("interpreted as:")
        child.send("\r")
        child.expect_exact("✓ Correct.")
        child.expect_exact("Problem 2 of 3")
        child.send("0\r")
        child.expect_exact("✗ Not quite.")
        child.send(":quit\r")
        child.expect_exact("Summary of Basics for the REPL tests")
        child.expect_exact(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_an_unreadable_answer_is_explained_in_the_terminal(tmp_path):
    child = spawn(tmp_path, "practice", "calculus/basics", "--seed", "1")
    try:
        child.expect_exact("[1/3] ›")
        child.send("2x +")
        child.expect_exact("cannot read:")
        child.send("\r")  # refused: the answer stays for editing, nothing is counted
        child.expect_exact("this costs nothing")
        child.sendcontrol("c")  # clears the line, the program goes on
        child.sendcontrol("d")  # quits on an empty line
        child.expect_exact("0 of 3 problems attempted")
        child.expect_exact(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_bare_tutor_at_a_terminal_opens_the_menu_and_comes_back_to_it(tmp_path):
    child = spawn(tmp_path)
    try:
        child.expect_exact("calculus/basics")
        child.expect_exact("Practise which set?")
        child.send("calculus/basics\r")
        child.expect_exact("Problem 1 of 3")
        child.send(":quit\r")
        child.expect_exact("Summary of Basics for the REPL tests")
        child.expect_exact("Practise which set?")
        child.sendcontrol("d")
        child.expect_exact(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
