"""Loading problem files: every kind of mistake is a `ProblemFileError` naming file, line, problem, key."""
from __future__ import annotations

from pathlib import Path

import pytest

from tutor.errors import ProblemFileError
from tutor.problems import ProblemSet, default_problem_dirs, discover, load_problem_set
from tutor.problems.discovery import problem_files

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "fixtures" / "broken_problems"
PROBLEMS = ROOT / "problems"

VALID = """\
title = "T"
description = "D"

[[problems]]
id = "p1"
title = "Scale a power"
tags = { week = 1, skills = ["power rule"] }
variables = ["x"]
prompt = "Differentiate {a}x^2."
answer = "diff(a x^2, x)"
hints = ["Power rule.", "d/dx x^2 = 2x.", "The answer is {answer}."]

[problems.params]
a = { min = 2, max = 9 }

[[problems.tests]]
response = "2*{a}*x"
status = "correct"

[[problems.tests]]
response = "{a}*x"
status = "incorrect"
"""


def load_text(tmp_path: Path, text: str) -> ProblemSet:
    path = tmp_path / "course" / "set.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_problem_set(path)


def error_for(tmp_path: Path, old: str, new: str) -> ProblemFileError:
    assert old in VALID, old
    with pytest.raises(ProblemFileError) as info:
        load_text(tmp_path, VALID.replace(old, new, 1))
    return info.value


def test_the_valid_text_loads(tmp_path):
    s = load_text(tmp_path, VALID)
    assert s.id == "course/set" and s.course == "course" and s.title == "T"
    (p,) = s.problems
    assert p.id == "p1" and p.tags.course == "course" and p.tags.week == 1
    assert p.tags.skills == ("power rule",)


# (fixture file, line, key, words the message must contain) — one row per kind of mistake
BROKEN_FILES = [
    ("toml_syntax", 9, None, "TOML syntax: a text in quotes is never closed"),
    ("unknown_key", 10, "anwser", "unknown key; did you mean 'answer'?"),
    ("missing_key", 4, None, "the required key 'prompt' is missing"),
    ("wrong_type", 7, "tags.week", "expected a whole number, got text"),
    ("unknown_function", 10, "answer", "unknown function 'sigmoyd' (did you mean sigmoid?)"),
    ("unknown_name", 10, "answer", "'k' is neither a parameter nor a declared variable"),
    ("bad_param", 14, "params.a", "exactly one of a range (min, max), choices or a value"),
    ("unknown_placeholder", 9, "prompt", "unknown placeholder {aa}"),
    ("formula_syntax", 10, "answer", "something is missing after '+'"),
    ("operation_arity", 10, "answer", "diff takes 2 to 3 arguments, got 1"),
    ("duplicate_id", 24, "id", "the id 'p1' is used twice"),
    ("constant_name", 14, "params.e", "'e' is a constant in our language"),
]


@pytest.mark.parametrize(("name", "line", "key", "words"), BROKEN_FILES, ids=[r[0] for r in BROKEN_FILES])
def test_each_broken_file_names_file_line_problem_and_key(name, line, key, words):
    path = BROKEN / f"{name}.toml"
    with pytest.raises(ProblemFileError) as info:
        load_problem_set(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == line
    assert err.key == key
    assert words in err.message
    text = str(err)
    assert text.startswith(f"{path}:{line}")
    if key is not None:
        assert f"key '{key}'" in text and "problem 'p1'" in text


def test_the_issue_example_message_reads_as_written(tmp_path):
    err = error_for(tmp_path, 'answer = "diff(a x^2, x)"', 'answer = "sigmoyd(x)"')
    first_line = str(err).splitlines()[0]
    assert first_line.endswith("problem 'p1', key 'answer': unknown function 'sigmoyd' "
                               "(did you mean sigmoid?)")
    assert "^^^^^^^" in str(err)  # the caret under the name


@pytest.mark.parametrize(("old", "new", "key", "words"), [
    ('week = 1,', 'week = 1, level = 2,', "tags.level", "unknown key"),
    ('a = { min = 2, max = 9 }', 'a = { min = 2, max = 9, nonzeroo = true }', "params.a.nonzeroo",
     "did you mean 'nonzero'?"),
    ('status = "correct"', 'status = "right"', "tests[0].status", "correct, incorrect or invalid"),
    ('status = "correct"', 'stauts = "correct"', "tests[0].stauts", "did you mean 'status'?"),
    ('a = { min = 2, max = 9 }', 'a = { min = 9, max = 2 }', "params.a.max", "below min"),
    ('a = { min = 2, max = 9 }', 'a = { min = 0, max = 1, step = 0.3 }', "params.a.max",
     "whole number of steps"),
    ('a = { min = 2, max = 9 }', 'a = { min = 0, max = 0, nonzero = true }', "params.a", "no values"),
    ('a = { min = 2, max = 9 }', 'a = { choices = [] }', "params.a.choices", "non-empty"),
    ('a = { min = 2, max = 9 }', 'a = { value = "b + 1" }\nb = { min = 1, max = 2 }', "params.a.value",
     "used before it is defined"),
    ('a = { min = 2, max = 9 }', 'sin = { min = 2, max = 9 }', "params.sin", "name of a function"),
    ('a = { min = 2, max = 9 }', 'det = { min = 2, max = 9 }', "params.det", "author operation"),
    ('hints = [', 'check = { form = "tidy" }\nhints = [', "check.form", "unknown form 'tidy'"),
    ('hints = [', 'check = { rel_tol = -1 }\nhints = [', "check.rel_tol", "a positive number"),
    ('hints = [', 'steps = "integral"\nhints = [', "steps", '"auto", "derivative", "gradient"'),
    ('hints = [', 'steps = "auto"\nwrt = "x"\nhints = [', "wrt", "the variable comes from the answer"),
    ('hints = [', 'steps = "derivative"\nwrt = "x"\nhints = [', "steps", "needs a 'question'"),
    ('hints = [', 'question = "a x^2"\nsteps = "derivative"\nwrt = "y"\nhints = [', "wrt",
     "must be listed in variables"),
    ('hints = [', 'where = "a + 1"\nhints = [', "where", "is not a condition"),
    ('id = "p1"', 'id = "P 1"', "id", "lower-case letters"),
    ('variables = ["x"]', 'variables = ["x", "x"]', "variables", "declared twice"),
    ('[[problems.tests]]\nresponse = "2*{a}*x"', '[[problems.feedback]]\nmessage = "m"\n\n'
     '[[problems.tests]]\nresponse = "2*{a}*x"', "feedback[0]", "exactly one of 'answer'"),
])
def test_each_kind_of_mistake_names_its_key(tmp_path, old, new, key, words):
    err = error_for(tmp_path, old, new)
    assert err.key == key
    assert words in err.message
    assert err.problem in ("p1", "P 1")
    assert err.line is not None


def test_a_problem_key_written_after_the_params_header_is_explained(tmp_path):
    text = VALID.replace('hints = ["Power rule.", "d/dx x^2 = 2x.", "The answer is {answer}."]\n', "")
    text = text.replace('a = { min = 2, max = 9 }', 'a = { min = 2, max = 9 }\nhints = ["a", "b", "c"]')
    with pytest.raises(ProblemFileError, match=r"'hints' is written after the \[problems.params\] header"):
        load_text(tmp_path, text)


def test_the_annotated_example_in_the_authoring_guide_loads_and_passes_lint(tmp_path):
    import re

    from tutor.problems.lint import lint_file

    guide = (PROBLEMS / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", guide, re.S).group(1)
    path = tmp_path / "calculus" / "example.toml"
    path.parent.mkdir()
    path.write_text(example, encoding="utf-8")
    report = lint_file(path, seeds=5)
    assert report.ok, (report.error, [p.failures for p in report.problems])


def test_the_line_of_a_nested_key_is_found(tmp_path):
    err = error_for(tmp_path, 'status = "incorrect"', 'status = "wrong"')
    lines = VALID.replace('status = "incorrect"', 'status = "wrong"').splitlines()
    assert lines[err.line - 1] == 'status = "wrong"'
    assert err.key == "tests[1].status"


def test_unknown_top_level_key_and_empty_file(tmp_path):
    err = error_for(tmp_path, 'description = "D"', 'descripton = "D"')
    assert "did you mean 'description'?" in err.message and err.line == 2
    with pytest.raises(ProblemFileError, match="no problems"):
        load_text(tmp_path, 'title = "T"\ndescription = "D"\n')


def test_a_missing_file_is_a_problem_file_error(tmp_path):
    with pytest.raises(ProblemFileError, match="cannot be read"):
        load_problem_set(tmp_path / "nope.toml")


@pytest.mark.parametrize("path", problem_files(PROBLEMS), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_shipped_file_loads(path):
    s = load_problem_set(path)
    assert s.problems and s.course == path.parent.name
    assert all(p.tags.course == s.course for p in s.problems)


def test_discover_lists_sets_without_loading_them(tmp_path):
    infos = discover([PROBLEMS])
    ids = [i.id for i in infos]
    assert "calculus/logistic_regression" in ids and ids == sorted(ids)
    info = next(i for i in infos if i.id == "linear_algebra/determinants")
    assert info.course == "linear_algebra" and info.problem_count == len(
        load_problem_set(info.path).problems)
    broken = tmp_path / "course" / "bad.toml"
    broken.parent.mkdir()
    broken.write_text("title = [", encoding="utf-8")
    (bad,) = discover([tmp_path])
    assert bad.id == "course/bad" and bad.problem_count == 0 and "tutor lint" in bad.description


def test_default_problem_dirs_put_the_environment_first(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_PROBLEMS", str(tmp_path))
    dirs = default_problem_dirs()
    assert dirs[0] == tmp_path
    assert any(d.resolve() == PROBLEMS for d in dirs)
    assert len({d.resolve() for d in dirs}) == len(dirs)


def test_discover_is_cheap_it_never_imports_sympy():
    import subprocess
    import sys

    code = ("import sys; from tutor.problems import discover, default_problem_dirs; "
            "discover(default_problem_dirs()); print('sympy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
