"""`tutor schema`: the JSON Schema describes exactly what tutor reads and writes."""
from __future__ import annotations

import io
import json
from dataclasses import fields

import jsonschema
import pytest

import tutor
from tutor.checker.options import CheckOptions
from tutor.cli import main
from tutor.contract import ErrorCode, ErrorRecord
from tutor.grading.request import item_from_request
from tutor.grading.schema import _OPTION_TYPES, json_schema


def printed_schema() -> dict:
    out = io.StringIO()
    assert main(["schema"], out=out) == 0
    return json.loads(out.getvalue())


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = printed_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{name}"})


def test_the_printed_schema_is_a_valid_json_schema_and_the_same_object():
    assert printed_schema() == json_schema()


def test_option_names_are_exactly_the_checkers():
    # every field of CheckOptions that is an option (declarations come in through `variables`)
    assert set(_OPTION_TYPES) == {f.name for f in fields(CheckOptions) if f.metadata.get("option", True)}


@pytest.mark.parametrize("response, expected, options", [
    ("2(x+1)", "2x+2", {}),
    ("x^2-1", "x^2-1", {"form": "factored"}),
    ("2x +", "2x", {}),
    ("0.5263", "10/19", {"sig_figs": 4}),
    ("[1, 2]", "[1, 2]", {}),
])
def test_every_verdict_validates_and_says_its_schema(response, expected, options):
    data = tutor.check(response, expected, **options).to_dict()
    assert data["schema"] == "tutor.verdict/1"
    validator("verdict").validate(json.loads(json.dumps(data)))


def test_error_records_validate():
    for code in ErrorCode:
        record = ErrorRecord(code, "why", field="expected", span=(1, 2), id="a").to_dict()
        validator("error").validate(record)


def test_a_request_that_the_schema_accepts_is_an_item_and_one_it_rejects_is_an_error():
    check_request = validator("check_request")
    good = {"id": 1, "response": "x", "expected": "x", "options": {"form": "expanded"},
            "format": "text"}
    check_request.validate(good)
    assert isinstance(item_from_request(good), dict)
    for bad in ({"response": "x"}, {"response": 1, "expected": "x"}, {"response": "x", "expected": "x", "k": 1}):
        assert not check_request.is_valid(bad)
        assert isinstance(item_from_request(bad), ErrorRecord)


def test_an_unknown_option_is_refused_by_the_schema_as_by_the_checker():
    assert not validator("check_request").is_valid({"response": "x", "expected": "x",
                                                     "options": {"tolerance": 1}})
    with pytest.raises(tutor.CheckError):
        tutor.check("x", "x", tolerance=1)


def test_parse_results_validate():
    from tutor.parser.command import parse_result

    for text in ("sin 2x", "2x +", "[1, 2", "x <= 3"):
        validator("parse_result").validate(parse_result(text))
