"""The JSON Schema of what graders send and get back (`tutor schema` prints it).

Requests are the batch item's fields; a verdict is `Verdict.to_dict()` and says
``"schema": "tutor.verdict/1"``; an error is `ErrorRecord.to_dict()` (``tutor.error/1``). The
option names and enum values are read from the checker's own declarations, so this schema
cannot drift from what `tutor.check` accepts.

>>> s = json_schema()
>>> sorted(s["$defs"])
['check_request', 'error', 'options', 'parse_request', 'parse_result', 'verdict']
>>> s["$defs"]["verdict"]["properties"]["schema"]["const"]
'tutor.verdict/1'
"""
from __future__ import annotations

from typing import Any

from tutor.parser import FORMATS
from tutor.parser.extract import EXTRACT_MODES
from tutor.checker.options import Assumption, Domain, Form
from tutor.checker.options import option_names as checker_option_names
from tutor.checker.verdict import SCHEMA as VERDICT_SCHEMA
from tutor.checker.verdict import Method, Status
from tutor.contract import SCHEMA as ERROR_SCHEMA
from tutor.contract import ErrorCode


_NAMES = {"type": "array", "items": {"type": "string"}}
_NUMBER_OR_TEXT = {"type": ["number", "string"]}
# JSON type of each check option (the keys must be exactly CheckOptions' fields: a test says so)
_OPTION_TYPES: dict[str, dict[str, Any]] = {
    # a list of names, or a mapping name → declaration ("vector(d)", "matrix(n, d)", "positive", …)
    "variables": {"oneOf": [_NAMES, {"type": "object", "additionalProperties": {"type": "string"}}]},
    "form": {"enum": [str(f) for f in Form]},
    "rel_tol": _NUMBER_OR_TEXT,
    "abs_tol": _NUMBER_OR_TEXT,
    "sig_figs": {"oneOf": [{"type": "integer", "minimum": 1},
                           {"type": "array", "items": {"type": "integer"}, "minItems": 2,
                            "maxItems": 2}]},
    "decimal_places": {"type": "integer", "minimum": 0},
    "ordered": {"type": "boolean"},
    "up_to_constant": {"type": "string"},
    "require_constant": {"type": "boolean"},
    "up_to_scalar": {"type": "boolean"},
    "up_to_sign": {"type": "boolean"},
    "domain": {"enum": [str(d) for d in Domain]},
    "assume": {"type": "object", "additionalProperties": {"enum": [str(a) for a in Assumption]}},
    "question": {"type": "string"},
    "time_budget": {"type": "number", "exclusiveMinimum": 0},
    "complex_numbers": {"type": "boolean"},
    "reveal": {"type": "boolean"},
    "forbid": {"oneOf": [_NAMES, {"type": "string"}]},   # registry operation names (tutor.ops)
    "in_terms_of": {"type": "string"},                    # a registry operation name
    "endpoints_only": {"type": "boolean"},
}


def option_names() -> list[str]:
    """The check options, in `CheckOptions`' order.

    >>> option_names()[:3]
    ['variables', 'form', 'rel_tol']
    """
    return checker_option_names()


def _options() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False,
            "properties": {name: _OPTION_TYPES[name] for name in option_names()}}


def _check_request() -> dict[str, Any]:
    return {
        "type": "object", "required": ["response", "expected"], "additionalProperties": False,
        "properties": {
            "id": {"description": "handed back untouched in the verdict"},
            "response": {"type": "string", "description": "the learner's (or model's) answer"},
            "expected": {"type": "string", "description": "the expected answer"},
            "options": {"$ref": "#/$defs/options"},
            "format": {"enum": list(FORMATS)},
            "extract": {"enum": [*EXTRACT_MODES, None],
                        "description": "take the answer out of a longer text (response only)"},
        },
    }


def _verdict() -> dict[str, Any]:
    return {
        "type": "object", "additionalProperties": False,
        "required": ["schema", "status", "correct", "score", "feedback", "notes", "interpreted_as",
                     "latex", "method", "elapsed_ms", "details", "id"],
        "properties": {
            "schema": {"const": VERDICT_SCHEMA},
            "status": {"enum": [str(s) for s in Status]},
            "correct": {"type": "boolean"},
            "score": {"type": "number", "minimum": 0, "maximum": 1},
            "feedback": {"type": "string"},
            "notes": {"type": "array", "items": {"type": "string"}},
            "interpreted_as": {"type": "string"},
            "latex": {"type": "string"},
            "method": {"enum": [str(m) for m in Method]},
            "elapsed_ms": {"type": "number", "minimum": 0},
            "details": {"type": "array", "items": {"type": "string"},
                        "description": "for instructors only: values computed from the expected answer"},
            "id": {},
        },
    }


def _error() -> dict[str, Any]:
    return {
        "type": "object", "required": ["schema", "error"], "additionalProperties": False,
        "properties": {
            "schema": {"const": ERROR_SCHEMA},
            "id": {},
            "line": {"type": "integer", "minimum": 1,
                     "description": "the line of a grading file the record is about"},
            "error": {
                "type": "object", "required": ["code", "message"], "additionalProperties": False,
                "properties": {
                    "code": {"enum": [str(c) for c in ErrorCode]},
                    "message": {"type": "string"},
                    "field": {"type": "string"},
                    "span": {"type": "array", "items": {"type": "integer"}, "minItems": 2,
                             "maxItems": 2},
                },
            },
        },
    }


def _parse_request() -> dict[str, Any]:
    return {"type": "object", "required": ["response"], "additionalProperties": False,
            "properties": {"response": {"type": "string"}, "format": {"enum": list(FORMATS)},
                           "options": {"type": "object", "properties": {
                               "variables": _NAMES, "functions": _NAMES}}}}


def _parse_result() -> dict[str, Any]:
    text, names = {"type": "string"}, _NAMES
    read = {"type": "object", "required": ["ok", "kind", "interpreted", "latex", "value"],
            "properties": {"ok": {"const": True}, "kind": text, "interpreted": text, "latex": text,
                           "value": text, "variables": names, "notes": names}}
    failed = {"type": "object", "required": ["ok", "code", "message", "span"],
              "properties": {"ok": {"const": False}, "code": text, "message": text,
                             "span": {"type": "array", "items": {"type": "integer"}},
                             "suggestion": {"type": ["string", "null"]}}}
    return {"oneOf": [read, failed]}


def json_schema() -> dict[str, Any]:
    """The whole contract as one JSON Schema document (draft 2020-12), with `$defs`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "tutor grading contract",
        "description": "Requests (batch items), verdicts (tutor.verdict/1) and errors (tutor.error/1).",
        "$defs": {"options": _options(), "check_request": _check_request(), "verdict": _verdict(),
                  "error": _error(), "parse_request": _parse_request(),
                  "parse_result": _parse_result()},
        "oneOf": [{"$ref": "#/$defs/verdict"}, {"$ref": "#/$defs/error"}],
    }
