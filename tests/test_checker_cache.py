"""The one-shot `tutor.check` reuses a compiled expected answer without leaking state between checks."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import tutor
from tutor.checker.checker import _compiled


def test_cached_checker_is_reused_and_gives_each_response_its_own_verdict():
    _compiled.cache_clear()
    answers = ["2(x+1)", "2x", "-2x-2", "x+1+x+1", "2x+", "2x + 2"]
    first = [tutor.check(a, "2x + 2").status for a in answers]
    again = [tutor.check(a, "2x + 2").status for a in reversed(answers)][::-1]
    assert first == again
    assert _compiled.cache_info().hits >= len(answers)
    assert tutor.check("2x+", "2x + 2").status.name == "INVALID"


def test_options_are_part_of_the_key():
    assert tutor.check("1.4", "sqrt(2)", decimal_places=1).correct
    assert not tutor.check("1.4", "sqrt(2)").correct


def test_cached_checks_agree_across_threads():
    answers = ["2(x+1)", "2x", "x+1+x+1"] * 8
    with ThreadPoolExecutor(4) as pool:
        verdicts = list(pool.map(lambda a: tutor.check(a, "2x + 2").correct, answers))
    assert verdicts == [a != "2x" for a in answers]
