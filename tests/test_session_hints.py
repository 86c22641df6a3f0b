"""Hints in a session: the short ladder, `:more` for a rung's detailed steps, and the hint that follows a
diagnosed mistake (to the faulty step's rung, naming the slip, or every slip when two explain it)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

import tutor
from tutor.repl.plain import PROMPT, run_plain
from tutor.session import FeedbackKind, Session
from tutor.session_text import COMMAND_HELP, help_text

ROOT = Path(__file__).resolve().parents[1]

SET = """
title = "Hints that follow the mistake"
description = "Derivatives whose wrong answers the step engine can name."

[[problems]]
id = "product"
title = "A product with a chain inside"
tags = {{ week = 1, skills = ["product rule", "chain rule"] }}
variables = ["x"]
prompt = "Differentiate f(x) = {{f}} with respect to x."
question = "f"
answer = "diff(f, x)"
steps = "derivative"
wrt = "x"

[problems.params]
f = {{ value = "{product}" }}

[[problems]]
id = "exp"
title = "An exponential of a line"
tags = {{ week = 1, skills = ["chain rule"] }}
variables = ["x"]
prompt = "Differentiate f(x) = {{f}} with respect to x."
question = "f"
answer = "diff(f, x)"
steps = "derivative"
wrt = "x"

[problems.params]
f = {{ value = "e^(3x + 1)" }}

[[problems]]
id = "grad"
title = "A gradient"
tags = {{ week = 2, skills = ["gradient"] }}
variables = ["x", "y"]
prompt = "f(x, y) = {{f}}. Find the gradient [∂f/∂x, ∂f/∂y]."
question = "f"
answer = "gradient(f, x, y)"
steps = "gradient"
wrt = ["x", "y"]

[problems.params]
f = {{ value = "x^2 y + y^3" }}
"""


@pytest.fixture
def problems(tmp_path):
    path = tmp_path / "calculus" / "follow.toml"
    path.parent.mkdir()
    path.write_text(SET.format(product="x^3 sin(x^2)"), encoding="utf-8")
    return tutor.load_problem_set(path)


def start(problems, problem_id: str) -> Session:
    s = Session(problems, seed=1)
    while s.current.problem_id != problem_id:
        s.submit(":skip")
    return s


def test_the_next_hint_after_a_diagnosed_mistake_goes_to_the_faulty_steps_rung(problems):
    s = start(problems, "product")
    # d/dx sin(x²) taken as cos(x²): the chain rule's inner derivative is dropped (at step 0.1)
    verdict = s.submit("3x^2 sin(x^2) + x^3 cos(x^2)")
    assert verdict.verdict.status == "incorrect" and "BUG:chain_drop_inner" in verdict.verdict.notes
    hint = s.submit(":hint")
    assert hint.kind is FeedbackKind.HINT and hint.hint.step == "0.1"
    assert "about your last answer" in hint.text
    assert "sin(x²)" in hint.text and "Chain rule on sin(x²)" in hint.text  # the sub-expression, shown
    ladder = s.instance.hints()
    rung = [h.step for h in ladder].index("0.1")
    assert hint.text.startswith(f"Hint {rung + 1}:")
    # the ladder goes on from there; the mistake is used once
    after = s.submit(":hint")
    assert after.hint is ladder[rung + 1] or after.hint == ladder[rung + 1]
    assert "about your last answer" not in after.text


def test_two_slips_that_give_the_same_answer_are_both_named_and_the_learner_asked(problems):
    s = start(problems, "exp")
    verdict = s.submit("e^(3x + 1)")
    assert "could be any of them" in verdict.text
    hint = s.submit(":hint")
    assert "different slips give your last answer; which one did you make?" in hint.text
    slips = [line for line in hint.text.splitlines() if line.startswith("– ")]
    assert len(slips) == 2 and slips[0] != slips[1]
    assert "3x + 1" in hint.text  # the step's sub-expression


def test_a_wrong_answer_no_rule_explains_leaves_the_ladder_as_it_was(problems):
    s = start(problems, "product")
    s.submit("42")
    hint = s.submit(":hint")
    assert hint.text.startswith("Hint 1: Plan for d/dx (x³·sin(x²))")
    assert "about your last answer" not in hint.text


def test_more_opens_the_current_rung_into_its_detailed_steps(problems):
    s = start(problems, "product")
    first = s.submit(":more")
    assert first.kind is FeedbackKind.NOTICE and ":hint first" in first.text
    s.submit(":hint")
    s.submit(":hint")
    more = s.submit(":more")
    assert more.kind is FeedbackKind.HINT and more.text.startswith("In detail:\n  1. ")
    shown = s.instance.hints()[1]
    assert all(f". {h.text}" in more.text for h in shown.more)
    assert s.submit(":hint").text.startswith("Hint 3:")  # :more does not move the ladder on


def test_more_is_in_the_help_and_the_readme():
    assert "more" in dict(COMMAND_HELP)
    assert ":more" in help_text()
    assert ":more" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_plain_mode_drives_hint_after_mistake_and_more(problems):
    s = start(problems, "product")
    out = io.StringIO()
    run_plain(s, io.StringIO("3x^2 sin(x^2) + x^3 cos(x^2)\n:hint\n:more\n"), out)
    text = out.getvalue()
    assert f"{PROMPT}:hint\nHint " in text and "about your last answer" in text
    assert f"{PROMPT}:more\nIn detail:" in text


def test_a_mistake_in_the_second_partial_derivative_goes_to_that_partials_rung(problems):
    s = start(problems, "grad")
    # ∂/∂y y³ taken as 3y³ (the exponent kept): the mistake is in the second entry
    verdict = s.submit("[2x y, x^2 + 3y^3]")
    assert "BUG:power_keep_exponent" in verdict.verdict.notes
    hint = s.submit(":hint")
    assert hint.hint.step.startswith("1:") and "∂/∂y" in hint.text and "y³" in hint.text
    assert "about your last answer" in hint.text
