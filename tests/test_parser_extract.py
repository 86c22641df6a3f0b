r"""Taking the answer out of an LLM's completion (issue 13: `extract`): \boxed{} (last wins),
$…$, \(…\), $$…$$, \[…\], "the answer is …"; nothing found is `invalid` with NO_ANSWER_FOUND,
never a number scavenged from the prose."""
from __future__ import annotations

import pytest

import tutor
from tutor.parser.extract import extract

# (completion, mode, the answer text taken out, or None)
ROWS = [
    (r"The derivative is \boxed{2x}.", "auto", "2x"),
    (r"\boxed{\frac{1}{2}}", "auto", r"\frac{1}{2}"),
    (r"First \boxed{1}. Wait, that is wrong: \boxed{2}", "auto", "2"),
    (r"So $x = 3$ and finally \boxed{x = 3}", "auto", "x = 3"),
    (r"\boxed{\begin{pmatrix}1\\2\end{pmatrix}}", "auto", r"\begin{pmatrix}1\\2\end{pmatrix}"),
    (r"\boxed{\{1, 2\}}", "auto", r"\{1, 2\}"),
    (r"Answer: \fbox{7}", "auto", "7"),
    (r"nested \boxed{\frac{a}{\sqrt{b}}} end", "auto", r"\frac{a}{\sqrt{b}}"),
    (r"The answer is $\frac{3}{4}$.", "auto", r"$\frac{3}{4}$"),
    (r"The final answer is: $x^2 + 1$", "auto", "$x^2 + 1$"),
    (r"Final answer: 42", "auto", "42"),
    (r"final answer: 2x+1", "auto", "2x+1"),
    ("So the answer is 0.5.", "auto", "0.5"),
    ("Therefore, the answer is 12.", "auto", "12"),
    ("The result is x = 4.", "auto", "x = 4"),
    ("Answer = 3/4", "auto", "3/4"),
    (r"We compute $a = 2$, then $b = 3$, so $a + b = 5$", "auto", "$a + b = 5$"),
    (r"Hence \(\sqrt{2}\)", "auto", r"\(\sqrt{2}\)"),
    (r"Thus $$\frac{1}{n}\sum x_i$$", "auto", r"$$\frac{1}{n}\sum x_i$$"),
    (r"Finally \[x = 2\]", "auto", r"\[x = 2\]"),
    ("2x + 1", "auto", "2x + 1"),
    (r"\frac{x}{2}", "auto", r"\frac{x}{2}"),
    ("sin(x) cos(x)", "auto", "sin(x) cos(x)"),
    ("x = 1 and x = 2", "auto", "x = 1 and x = 2"),
    ("[1, 2, 3]", "auto", "[1, 2, 3]"),
    ("It is 5 apples", "auto", None),
    ("I am not sure how to solve this.", "auto", None),
    ("There are 3 cases and 7 subcases to consider.", "auto", None),
    ("", "auto", None),
    ("The value lies between 2 and 3 probably", "auto", None),
    (r"First \boxed{1}, then \boxed{2}", "boxed", "2"),
    (r"no box, just $5$", "boxed", None),
    ("the answer is 5", "boxed", None),
    (r"\boxed{unclosed", "boxed", None),
    (r"$1$ then $2$", "last_math", "$2$"),
    (r"$$3$$", "last_math", "$$3$$"),
    (r"\(4\) and \[5\]", "last_math", r"\[5\]"),
    ("no math at all", "last_math", None),
    (r"price \$5 and $x$", "last_math", "$x$"),
    (r"costs 5 dollars, answer $7$", "last_math", "$7$"),
    (r"\boxed{}", "boxed", ""),
]


@pytest.mark.parametrize("completion, mode, answer", ROWS, ids=[f"{m}:{c[:30]}" for c, m, _ in ROWS])
def test_extracts(completion, mode, answer):
    assert extract(completion, mode).text == answer


def test_the_table_is_large_enough():
    assert len(ROWS) >= 40


def test_several_different_boxes_are_noted_and_the_last_is_checked():
    verdict = tutor.check(r"\boxed{1}, no: \boxed{\frac{1}{2}}", "1/2", extract="auto")
    assert verdict.correct and verdict.notes == ("SEVERAL_ANSWERS",)
    assert tutor.check(r"\boxed{2} and again \boxed{2}", "2", extract="auto").notes == ()


@pytest.mark.parametrize("completion", ["It is 5 apples", "Let me think about 1/2 of it", r"no box $3$"])
def test_no_answer_is_invalid_never_a_scavenged_number(completion):
    mode = "boxed" if "box" in completion else "auto"
    verdict = tutor.check(completion, "5" if "apples" in completion else "1/2", extract=mode)
    assert verdict.status == "invalid" and verdict.notes == ("NO_ANSWER_FOUND",)
    assert verdict.interpreted_as == ""


def test_interpreted_as_shows_what_was_checked():
    verdict = tutor.check(r"We find $x = 1$. So the answer is \boxed{\frac{3}{4}}", "0.75", extract="auto")
    assert verdict.correct and verdict.interpreted_as == "3/4"


def test_without_extract_the_whole_response_is_the_answer():
    assert tutor.check(r"\boxed{2}", "2").correct            # \boxed alone is read as a box
    assert not tutor.check("the answer is 2", "2").correct   # read as letters times 2


def test_grade_extracts_by_default(tmp_path):
    import io
    import json

    from tutor.grading.run import GradeRun, grade_file

    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in [
        {"id": 1, "response": r"Thus \boxed{2x}", "expected": "x+x"},
        {"id": 2, "response": "I give up", "expected": "1"},
        {"id": 3, "response": r"\frac{1}{2}", "expected": "0.5", "format": "latex"},
    ]) + "\n")
    out = io.StringIO()
    grade_file(GradeRun(input=source, output=None), out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x["status"] for x in lines] == ["correct", "invalid", "correct"]
    assert lines[1]["notes"] == ["NO_ANSWER_FOUND"]
