"""The error object every machine-readable front end shares (`tutor.error/1`).

A batch item whose expected answer or options are unusable, a malformed line of a grading
file, a bad HTTP request, a crash of the command line: each is reported as one JSON object of
the same shape, so a grader parses one thing::

    {"schema": "tutor.error/1", "id": ..., "error": {"code", "message", "field", "span"}}

`id`, `field` and `span` appear only when known. `code` is one of `ErrorCode` (stable, for
programs); `message` is for people.

>>> ErrorRecord(ErrorCode.INVALID_OPTIONS, "Unknown option 'tolerance'.", field="options", id=7).to_dict()
{'schema': 'tutor.error/1', 'id': 7, 'error': {'code': 'INVALID_OPTIONS', 'message': "Unknown option 'tolerance'.", 'field': 'options'}}
"""
from __future__ import annotations

from enum import StrEnum
from typing import Any
from tutor.values import frozen

SCHEMA = "tutor.error/1"


class ErrorCode(StrEnum):
    """Why a request could not be checked (add a member here, never a string elsewhere)."""

    INVALID_ITEM = "INVALID_ITEM"                # not a (response, expected) pair or an item mapping
    INVALID_EXPECTED = "INVALID_EXPECTED"        # the expected answer cannot be read or checked against
    INVALID_OPTIONS = "INVALID_OPTIONS"          # an unknown option or a bad option value
    UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT"    # a `format` or `extract` this tutor cannot read yet
    INVALID_REQUEST = "INVALID_REQUEST"          # not a request at all: unknown arguments, a missing file
    INTERNAL_ERROR = "INTERNAL_ERROR"            # a bug in tutor: reported, never a verdict
    TOO_LARGE = "TOO_LARGE"                      # a request over the service's size, batch or budget limit
    BUSY = "BUSY"                                # the service is at its limit of requests in flight


@frozen
class ErrorRecord:
    """One request that could not be checked, and why.

    `field` names the part of the request at fault (``"expected"``, ``"options"``,
    ``"format"``, …); `span` is the (start, end) of the problem inside that field's text.

    >>> r = ErrorRecord(ErrorCode.INVALID_EXPECTED, "Something is missing after '+'.", field="expected",
    ...                 span=(3, 3))
    >>> r.to_dict()["error"]["span"], r.correct
    ([3, 3], False)
    """

    code: ErrorCode
    message: str
    field: str | None = None
    span: tuple[int, int] | None = None
    id: Any = None

    # a batch yields verdicts and error records side by side; both answer `.correct` and `.id`
    correct = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready object (keys absent when unknown, never null).

        >>> ErrorRecord(ErrorCode.INTERNAL_ERROR, "boom").to_dict()
        {'schema': 'tutor.error/1', 'error': {'code': 'INTERNAL_ERROR', 'message': 'boom'}}
        """
        error: dict[str, Any] = {"code": str(self.code), "message": self.message}
        if self.field is not None:
            error["field"] = self.field
        if self.span is not None:
            error["span"] = [int(self.span[0]), int(self.span[1])]
        record: dict[str, Any] = {"schema": SCHEMA}
        if self.id is not None:
            record["id"] = self.id
        record["error"] = error
        return record
