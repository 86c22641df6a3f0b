"""`tutor grade`: JSONL or CSV in, results in order out, malformed lines in their places,
resumable, and the same verdicts as checking one by one."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

import tutor
from tutor.cli import main

pytestmark = pytest.mark.timeout(180)

ITEMS = [
    {"id": "a", "response": "2(x+1)", "expected": "2x + 2"},
    {"id": "b", "response": "σ(z)(1-σ(z))", "expected": "e^(-z)/(1+e^(-z))^2"},
    {"id": "c", "response": "-2x", "expected": "2x"},
    {"id": "d", "response": "2x +", "expected": "2x"},
    {"id": "e", "response": "x^2 - 1", "expected": "(x-1)(x+1)", "options": {"form": "factored"}},
    {"id": "f", "response": "x", "expected": "x +"},
    {"id": "g", "response": "0.5263", "expected": "10/19"},
    {"id": "h", "response": "x < 3", "expected": "3 > x"},
]


def write_jsonl(path, rows, extra_lines=()):
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    for at, text in extra_lines:
        lines.insert(at, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def grade(*argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["grade", *map(str, argv)], out=out)
    return code, out.getvalue()


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def one_by_one(item):
    try:
        return tutor.check(item["response"], item["expected"], **item.get("options", {})).to_dict()
    except tutor.CheckError:
        return None


def comparable(record):
    return {k: v for k, v in record.items() if k != "elapsed_ms"}


def test_results_come_in_order_and_match_one_by_one_checks(tmp_path):
    code, text = grade(write_jsonl(tmp_path / "in.jsonl", ITEMS))
    got = records(text)
    assert code == 0 and [r["id"] for r in got] == [i["id"] for i in ITEMS]
    for item, record in zip(ITEMS, got):
        alone = one_by_one(item)
        if alone is None:
            assert record["schema"] == "tutor.error/1" and record["error"]["code"] == "INVALID_EXPECTED"
        else:
            assert record["schema"] == "tutor.verdict/1"
            assert comparable(record) == comparable({**alone, "id": item["id"]})


def test_a_malformed_line_is_an_error_record_with_its_line_and_the_run_goes_on(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", ITEMS[:3],
                       extra_lines=[(1, "{not json"), (3, "[1, 2]"), (4, "")])
    path.write_bytes(path.read_bytes() + b'{"response": "\xff\xfe", "expected": "x"}\n'
                     + b'{"response": "x", "expected": "x", "tolerance": 1}\n')
    code, text = grade(path)
    got = records(text)
    assert code == 0 and len(got) == 7
    kinds = [(r.get("line"), r["error"]["code"]) if "error" in r else r["id"] for r in got]
    assert kinds == ["a", (2, "INVALID_ITEM"), "b", (4, "INVALID_ITEM"), "c", (7, "INVALID_ITEM"),
                     (8, "INVALID_ITEM")]
    assert "line 2" in got[1]["error"]["message"].lower() and "tolerance" in got[6]["error"]["message"]


def test_an_item_without_an_id_is_known_by_its_line(tmp_path):
    code, text = grade(write_jsonl(tmp_path / "in.jsonl", [{"response": "x", "expected": "x"}] * 2))
    assert [r["id"] for r in records(text)] == [1, 2]


def test_csv_with_options_as_json_and_extra_columns(tmp_path):
    path = tmp_path / "in.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        w = csv.writer(stream)
        w.writerow(["id", "student", "response", "expected", "options"])
        w.writerow(["q1", "Ada", "x^2-1", "(x-1)(x+1)", '{"form": "factored"}'])
        w.writerow(["q2", "Bo", "2x, 3", "3, 2x", ""])
        w.writerow(["q3", "Cy", "x", "x", "{oops"])
        w.writerow(["q4", "Di"])
        w.writerow(["q5", "Ed", "x\ny", "x", ""])    # a quoted newline inside a field
    code, text = grade(path)
    got = records(text)
    assert code == 0 and [r.get("id") for r in got][:3] == ["q1", "q2", "q3"]
    assert got[0]["notes"] == ["FORM_NOT_FACTORED"] and got[1]["correct"] is True
    assert got[2]["error"]["code"] == "INVALID_OPTIONS" and got[2]["line"] == 4
    assert got[3]["error"]["code"] == "INVALID_ITEM" and got[3]["line"] == 5
    assert got[4]["id"] == "q5" and "y" in got[4]["interpreted_as"]   # the whole field was read


def test_a_csv_without_the_needed_columns_is_refused_with_a_message(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_text("id,answer\n1,x\n", encoding="utf-8")
    code, _ = grade(path)
    assert code == 4 and "no column 'response'" in capsys.readouterr().err


def test_a_missing_input_file_is_a_message_not_a_traceback(tmp_path, capsys):
    code, _ = grade(tmp_path / "nope.jsonl")
    assert code == 4 and "no such file" in capsys.readouterr().err


def test_resume_skips_what_is_done_and_repairs_a_cut_last_line(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", ITEMS, extra_lines=[(2, "{bad")])
    fresh = tmp_path / "fresh.jsonl"
    assert grade(source, "-o", fresh)[0] == 0
    full = fresh.read_text(encoding="utf-8").splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_text("".join(full[:4]) + full[4][:25], encoding="utf-8")   # a run killed mid-line
    assert grade(source, "-o", out)[0] == 0
    again = records(out.read_text(encoding="utf-8"))
    assert [comparable(r) for r in again] == [comparable(r) for r in records("".join(full))]
    assert grade(source, "-o", out)[0] == 0    # nothing left to do: nothing added
    assert len(records(out.read_text(encoding="utf-8"))) == len(full)


def test_one_and_two_workers_give_the_same_results(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", ITEMS * 3)
    one = records(grade(source, "--workers", "1")[1])
    two = records(grade(source, "--workers", "2")[1])
    assert [comparable(r) for r in one] == [comparable(r) for r in two]


def test_a_slow_item_times_out_and_the_batch_goes_on(tmp_path):
    rows = [ITEMS[0], {"id": "slow", "response": "sin(10^300 x)", "expected": "sin(x)"}, ITEMS[2]]
    got = records(grade(write_jsonl(tmp_path / "in.jsonl", rows), "--time-budget", "0.5")[1])
    assert [r["id"] for r in got] == ["a", "slow", "c"]
    assert got[1]["status"] == "undetermined" and got[1]["notes"] == ["TIMEOUT"]
    assert got[0]["correct"] and got[2]["status"] == "incorrect"


def test_format_and_extract_reach_the_batch_api(tmp_path):
    rows = [{"id": 1, "response": "\\frac{1}{2}", "expected": "1/2"}]
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    for flag, value in (("--format", "latex"), ("--extract", "boxed")):
        got = records(grade(path, flag, value)[1])[0]
        item = {**rows[0], flag[2:]: value}
        (direct,) = tutor.check_many([item])
        assert comparable(got) == comparable(json.loads(json.dumps(direct.to_dict())) | (
            {"line": 1} if "error" in got else {}))


def test_emit_prairielearn_lines(tmp_path):
    got = records(grade(write_jsonl(tmp_path / "in.jsonl", ITEMS[:4]), "--emit", "prairielearn")[1])
    assert [r["id"] for r in got] == ["a", "b", "c", "d"]
    assert got[0]["partial_scores"]["answer"]["score"] == 1.0 and got[0]["format_errors"] == {}
    assert got[3]["partial_scores"] == {} and "answer" in got[3]["format_errors"]


def test_emit_gradescope_writes_one_results_json(tmp_path):
    out = tmp_path / "results.json"
    code, text = grade(write_jsonl(tmp_path / "in.jsonl", ITEMS), "--emit", "gradescope", "-o", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0 and text == "" and len(data["tests"]) == len(ITEMS)
    assert data["max_score"] == len(ITEMS) and [t["name"] for t in data["tests"]] == [i["id"] for i in ITEMS]


def test_a_bad_time_budget_is_a_message(tmp_path, capsys):
    code, _ = grade(write_jsonl(tmp_path / "in.jsonl", ITEMS[:1]), "--time-budget", "-1")
    assert code == 4 and "time_budget" in capsys.readouterr().err


def test_as_a_process_stderr_is_silent_when_it_is_not_a_terminal(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", ITEMS)
    done = subprocess.run([sys.executable, "-m", "tutor", "grade", str(source)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == ""
    assert len(done.stdout.splitlines()) == len(ITEMS)


def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", ITEMS[:2])
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    code, text = grade(source)
    err = capsys.readouterr().err
    assert code == 0 and "2/2" in err and len(records(text)) == 2
