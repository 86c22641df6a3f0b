"""A grading request (one JSON object from a file, an HTTP body or a table row) read into a
`check_many` item, or the reason it cannot be.

>>> item_from_request({"id": 3, "response": "2x", "expected": "x+x"})["response"]
'2x'
>>> item_from_request({"response": "2x"}).to_dict()["error"]["message"]
"The request has no 'expected' answer."
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tutor.contract import ErrorCode, ErrorRecord

# The answer extraction graders get by default (`tutor grade`, the service): "auto" takes the
# answer out of an LLM's completion (\boxed{…}, "the answer is …", the last $…$) and checks a
# plain answer as it is (tutor.parser.extract).
DEFAULT_EXTRACT: str | None = "auto"

REQUEST_KEYS = ("id", "response", "expected", "options", "format", "extract")


def item_from_request(data: Any, *, extract: str | None = DEFAULT_EXTRACT,
                      format: str | None = None) -> dict[str, Any] | ErrorRecord:
    """The `check_many` item for one request, with the given `format`/`extract` as defaults;
    an `ErrorRecord` (code ``INVALID_ITEM``) when the request is not an object with text
    ``response`` and ``expected`` and known keys only. Option values are checked later, by
    `check_many` itself (one place decides what an option accepts).

    >>> item_from_request([1, 2]).to_dict()["error"]["code"]
    'INVALID_ITEM'
    >>> item_from_request({"response": "x", "expected": "x", "tolerance": 1}).message
    "Unknown key 'tolerance' (a request has: id, response, expected, options, format, extract)."
    """
    if not isinstance(data, Mapping):
        return _bad(f"A request must be a JSON object, not {_json_type(data)}.", None)
    rid = data.get("id")
    unknown = [key for key in data if key not in REQUEST_KEYS]
    if unknown:
        return _bad(f"Unknown key {unknown[0]!r} (a request has: {', '.join(REQUEST_KEYS)}).",
                    str(unknown[0]), rid)
    for key in ("response", "expected"):
        if key not in data or data[key] is None:
            return _bad(f"The request has no {key!r} answer.", key, rid)
        if not isinstance(data[key], str):
            return _bad(f"{key!r} must be text, not {_json_type(data[key])}.", key, rid)
    options = data.get("options")
    if options is not None and not isinstance(options, Mapping):
        return ErrorRecord(ErrorCode.INVALID_OPTIONS,
                           f"'options' must be a JSON object, not {_json_type(options)}.",
                           field="options", id=rid)
    return {"id": rid, "response": data["response"], "expected": data["expected"],
            "options": dict(options or {}),
            "format": data.get("format", format), "extract": data.get("extract", extract)}


def _bad(message: str, field: str | None, rid: Any = None) -> ErrorRecord:
    return ErrorRecord(ErrorCode.INVALID_ITEM, message, field=field, id=rid)


def _json_type(value: Any) -> str:
    """How a JSON reader would name the type of `value`.

    >>> _json_type([]), _json_type(None), _json_type(2.5)
    ('an array', 'null', 'a number')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "an array"
    return "an object" if isinstance(value, Mapping) else type(value).__name__
