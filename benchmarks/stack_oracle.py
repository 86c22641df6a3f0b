"""Score `tutor.check` against STACK's own answer-test fixtures, and write the report.

    python benchmarks/stack_oracle.py            # print the summary and every disagreement
    python benchmarks/stack_oracle.py --write    # also rewrite benchmarks/stack_oracle_report.md

Each STACK test is mapped to the checker option that means the same thing (see `MAPPING`);
tests with no counterpart are skipped and counted. `truth` is the mathematically intended
verdict; every disagreement must be triaged in `TRIAGE` (our bug / STACK quirk / deliberate
policy, with a one-line reason): an untriaged one is reported as such and fails the test
``tests/test_checker_stack.py``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "oracles" / "stack_answer_tests.jsonl"
REPORT = ROOT / "benchmarks" / "stack_oracle_report.md"

MAPPING = {
    "AlgEquiv": "default options",
    "Diff": "default options (the teacher's answer is the derivative)",
    "FacForm": 'form="factored"',
    "Expanded": 'form="expanded", against the response itself (STACK\'s Expanded ignores the teacher)',
    "SingleFrac": 'form="single_fraction"',
    "NumRelative": "rel_tol (STACK's default 0.05 when no option)",
    "NumAbsolute": "abs_tol (STACK's default 0.05 when no option)",
    "NumSigFigs": "sig_figs (n, or [n, m] as (n, m))",
    "NumDecPlaces": "decimal_places",
    "Int": 'up_to_constant=<var>, domain="strict" (STACK insists on ln|x|); NOCONST and FORMAL '
           "(which its fixtures show condones a missing constant) → require_constant=False",
}
SKIPPED = {
    "EqualComAss": "equality up to commutativity and associativity only: no counterpart yet",
    "CasEqual": "identity of the CAS expression tree: no counterpart",
    "SubstEquiv": "equivalence up to renaming variables: no counterpart yet",
    "PartFrac": "partial-fraction form: no counterpart yet",
    "CompSquare": "completed-square form: no counterpart yet",
}

BUG, QUIRK, POLICY = "our bug", "STACK quirk", "deliberate policy"
# row index -> (category, the verdict it explains: status and notes, one-line reason); a test fails
# when a triaged row agrees with STACK now or comes out with another verdict (a stale entry)
TRIAGE: dict[int, tuple[str, str, str]] = {
    5: (POLICY, "correct",
        "our language reads x1 as the subscripted x₁ (issue 2), so x1 and x_1 are one variable"),
    95: (POLICY, "correct",
         "our language reads a1 as the subscripted a₁ (issue 2), so a1 and a_1 are one variable"),
    31: (POLICY, "correct",
         "decimals are exact: 4.52·10² is exactly 452"),
    209: (POLICY, "correct",
          "variables are real and compared on the common domain (n > −1), where the two are "
          "equal; STACK compares complex values"),
    245: (POLICY, "correct",
          "equations compare by solution set: e^(st) is never 0, so both say s = 0"),
    259: (POLICY, "correct",
          "equations compare by solution set: both are {2}; multiplicity is not part of a set"),
    268: (POLICY, "correct",
          "equations compare by solution set: both say a = 0 or b = 0"),
    475: (QUIRK, "incorrect SOLUTIONS_DIFFER",
          "the fixture's truth is wrong: a(1+√2) = b means a = b(√2−1), not b(√2−1)/3"),
    1379: (QUIRK, "correct",
           "log|x²−9| + c equals log|x−3| + log|x+3| + c exactly; STACK's formal-derivative rule "
           "flags it"),
    1384: (QUIRK, "correct",
           "STACK's 'inconsistent |·|' rule; on the expected answer's domain (v > 3) this is a "
           "correct antiderivative with a constant"),
    1415: (POLICY, "incorrect DOMAIN_NARROWER",
           'domain="strict" (STACK\'s Int as mapped): log(x−3) is defined only for x > 3, '
           "acoth(x/3) also for x < −3, so the answer is defined on a narrower domain"),
    1424: (QUIRK, "incorrect MISSING_CONSTANT",
           "the fixture contradicts STACK's own rule (row 1292: x^3/3 for x^3/3 fails for a "
           "missing constant); this answer has no constant of integration"),
    1720: (POLICY, "correct WITHIN_TOLERANCE",
           "tolerances apply to complex values by modulus (|0.99i − i| = 0.01 <= 0.1); STACK "
           "requires a real float"),
}


@dataclass(frozen=True)
class Case:
    index: int
    test: str
    response: str
    expected: str
    options: dict[str, Any]
    truth: int
    stack: int


def load(path: Path = FIXTURES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _uses_i(row: dict[str, Any]) -> bool:
    return "%i" in row.get("student_maxima", "") + row.get("teacher_maxima", "")


def _list_option(text: str) -> list[str]:
    return [p.strip() for p in text.strip().strip("[]").split(",") if p.strip()]


def _notation(text: str) -> str:
    """STACK's matrix(...) rows, in our bracket notation (the only notation change needed)."""
    text = text.strip()
    if text.startswith("matrix(") and text.endswith(")"):
        return "[" + text[len("matrix("):-1] + "]"
    return text


def map_row(row: dict[str, Any]) -> Case | None:
    """The row as (response, expected, options), or None when the test has no counterpart."""
    test, opt = row["test"], row["options"].strip()
    options: dict[str, Any] = {"complex_numbers": True} if _uses_i(row) else {}
    expected = _notation(row["teacher"])
    if test in SKIPPED:
        return None
    if test == "FacForm":
        options["form"] = "factored"
    elif test == "Expanded":
        options["form"] = "expanded"
        expected = _notation(row["student"])
    elif test == "SingleFrac":
        options["form"] = "single_fraction"
    elif test in ("NumRelative", "NumAbsolute"):
        if opt.startswith("("):
            return None  # a malformed option: a STACK error case, not a verdict
        key = "rel_tol" if test == "NumRelative" else "abs_tol"
        options[key] = float(opt) if opt else 0.05
    elif test == "NumSigFigs":
        parts = [int(p) for p in _list_option(opt)]
        options["sig_figs"] = parts[0] if len(parts) == 1 else (parts[0], parts[1])
    elif test == "NumDecPlaces":
        options["decimal_places"] = int(opt)
    elif test == "Int":
        parts = _list_option(opt)
        options.update(up_to_constant=parts[0], domain="strict")
        if "NOCONST" in parts or "FORMAL" in parts:
            options["require_constant"] = False
    return Case(row["index"], test, _notation(row["student"]), expected, options, row["truth"],
                row["expected"])


def verdict(case: Case) -> tuple[int, str]:
    """(1 if accepted else 0, the verdict's status and notes)."""
    from tutor import check
    from tutor.errors import CheckError

    try:
        v = check(case.response, case.expected, **case.options)
    except CheckError as err:  # the teacher's answer is not in our language
        return 0, f"expected unreadable: {err.message.splitlines()[0]}"
    return (1 if v.correct else 0), f"{v.status} {','.join(v.notes)}"


def run(rows: list[dict[str, Any]]) -> dict[str, Any]:
    results, skipped = [], Counter()
    for row in rows:
        case = map_row(row)
        if case is None:
            skipped[row["test"]] += 1
            continue
        ours, detail = verdict(case)
        results.append((case, ours, detail))
    return {"results": results, "skipped": skipped}


def summarize(outcome: dict[str, Any]) -> dict[str, Any]:
    results = outcome["results"]
    agree = sum(1 for c, ours, _ in results if ours == c.truth)
    stack_agree = sum(1 for c, _, _ in results if c.stack == c.truth)
    disagreements = [(c, ours, d) for c, ours, d in results if ours != c.truth]
    false_accepts = [x for x in disagreements if x[1] == 1]
    bug_accepts = [x for x in false_accepts if TRIAGE.get(x[0].index, ("",))[0] in ("", BUG)]
    current = {c.index: d.strip() for c, _, d in disagreements}
    return {
        "mapped": len(results), "agree": agree, "rate": agree / len(results) if results else 0,
        "stack_rate": stack_agree / len(results) if results else 0,
        "disagreements": disagreements, "false_accepts": false_accepts,
        "bug_false_accepts": bug_accepts,
        "untriaged": [x for x in disagreements if x[0].index not in TRIAGE],
        # entries that no longer explain anything: the row agrees now, or its verdict changed
        "stale": sorted(k for k, (_, pinned, _) in TRIAGE.items() if current.get(k) != pinned),
    }


def _per_test(results: list) -> list[str]:
    by = Counter(c.test for c, _, _ in results)
    ok = Counter(c.test for c, ours, _ in results if ours == c.truth)
    return [f"| {t} | {_escape(MAPPING[t])} | {by[t]} | {ok[t]} | {ok[t] / by[t]:.1%} |" for t in sorted(by)]


def report(outcome: dict[str, Any], seconds: float) -> str:
    s = summarize(outcome)
    lines = [
        "# tutor.check against STACK's answer-test fixtures",
        "",
        "Generated by `python benchmarks/stack_oracle.py --write` from "
        "`../shared/oracles/stack_answer_tests.jsonl`; scored against `truth` (the intended verdict).",
        "",
        f"- Mapped rows: **{s['mapped']}**; agreement with `truth`: **{s['agree']}/{s['mapped']} = "
        f"{s['rate']:.1%}** (STACK itself: {s['stack_rate']:.1%} on the same rows).",
        f"- False accepts (we accept, truth rejects): {len(s['false_accepts'])}, of which our bugs: "
        f"{len(s['bug_false_accepts'])}.",
        f"- Skipped rows: {sum(outcome['skipped'].values())} "
        f"({', '.join(f'{t} {n}' for t, n in sorted(outcome['skipped'].items()))}), "
        "tests with no counterpart yet.",
        f"- Run time: {seconds:.1f} s.",
        "",
        "## Mapping",
        "",
        "| STACK test | our options | rows | agree | rate |",
        "|---|---|---|---|---|",
        *_per_test(outcome["results"]),
        "",
        "Skipped tests: " + "; ".join(f"{t}: {why}" for t, why in SKIPPED.items()) + ".",
        "",
        "## Every disagreement, triaged",
        "",
        "| row | test | response | expected | options | truth | ours | category | reason |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for c, ours, detail in s["disagreements"]:
        cat, _, why = TRIAGE.get(c.index, ("UNTRIAGED", "", detail))
        opts = ", ".join(f"{k}={v}" for k, v in c.options.items())
        lines.append(f"| {c.index} | {c.test} | `{_cell(c.response)}` | `{_cell(c.expected)}` | {opts} | "
                     f"{c.truth} | {ours} ({_escape(detail.strip())}) | {cat} | {_escape(why)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return _escape(text if len(text) <= 60 else text[:57] + "...")


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="rewrite the committed report")
    args = ap.parse_args(argv)
    if not FIXTURES.exists():
        print(f"no fixtures at {FIXTURES}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    outcome = run(load())
    seconds = time.perf_counter() - start
    text = report(outcome, seconds)
    s = summarize(outcome)
    print(f"mapped {s['mapped']}, agree {s['agree']} ({s['rate']:.1%}), STACK {s['stack_rate']:.1%}, "
          f"false accepts {len(s['false_accepts'])} (bugs {len(s['bug_false_accepts'])}), "
          f"untriaged {len(s['untriaged'])}, stale triage entries {len(s['stale'])}, {seconds:.1f} s")
    for c, ours, detail in s["disagreements"]:
        tag = TRIAGE.get(c.index, ("UNTRIAGED", ""))[0]
        print(f"  [{tag}] #{c.index} {c.test} {c.response!r} vs {c.expected!r} {c.options} "
              f"truth={c.truth} ours={ours} ({detail})")
    if args.write:
        REPORT.write_text(text)
        print(f"wrote {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
