"""The public surface: a clean `dir(tutor)`, and every note code a verdict can carry listed in
`tutor.NOTES` and in the README."""
from __future__ import annotations

import re
from pathlib import Path

import tutor
from tutor.checker.feedback import MESSAGES, Code
from tutor.notes import NOTES, note_meaning
from tutor.problems import instance
from tutor.steps.bugs import ANSWER_BUGS, STEP_BUGS

ROOT = Path(__file__).resolve().parents[1]


def test_dir_of_tutor_is_the_public_verbs_types_and_errors():
    names = dir(tutor)
    assert names == sorted(tutor.__all__)
    assert not [n for n in names if n.startswith("_") or n in ("annotations", "lazy", "errors",
                                                                   "lazy_exports", "TYPE_CHECKING")]
    for name in names:  # every listed name is there
        assert getattr(tutor, name) is not None


def test_every_checker_code_has_a_meaning_and_a_message():
    assert {str(c) for c in Code} <= set(NOTES)
    assert set(MESSAGES) == set(Code)


def test_every_note_a_problem_set_adds_is_listed():
    constants = {v for k, v in vars(instance).items() if k.endswith("_NOTE")}
    assert constants and constants <= set(NOTES)
    ids = [b.id for b in STEP_BUGS] + [b.id for b in ANSWER_BUGS]
    for bug in ids:  # the BUG: family covers every bug rule
        assert note_meaning(f"{instance.BUG_PREFIX}{bug}") is not None


def test_no_note_code_is_written_as_a_bare_string_in_the_source():
    """Notes come from `Code` members and the problem constants, so the lists above are complete:
    any other upper-case string put into `notes` would be a code nobody listed."""
    pattern = re.compile(r"notes\s*=\s*\(?\s*[\"']([A-Z_]{3,})[\"']|\(\s*[\"']([A-Z][A-Z_]{3,})[\"'],\s*\)")
    found = set()
    for path in (ROOT / "tutor").rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group(1) or match.group(2))
    assert found - set(NOTES) == set()


def test_the_readme_lists_every_note_code_and_no_other():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("| note | meaning |", 1)[1].split("\n\n", 1)[0]
    listed = re.findall(r"^\| `([^`]+)` \| (.+) \|$", section, re.M)
    assert {code.replace("<rule>", "*"): text for code, text in listed} == dict(NOTES)


def test_verdicts_carry_only_listed_notes():
    samples = [("-2x", "2x"), ("4x", "2x"), ("2x+1", "2x"), ("x^2-1", "(x-1)(x+1)"), ("[1, 2]", "[2, 1]"),
               ("(0, 1]", "[0, 1]"), ("x > 1", "x < 1"), ("{1}", "{1, 2}"), ("2x +", "2x"), ("x", "[1, 2]")]
    for response, expected in samples:
        for code in tutor.check(response, expected).notes:
            assert note_meaning(code) is not None, code
