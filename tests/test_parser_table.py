"""The parser against its table (tests/parser_table.py): every notation of issue 2, and every error.

Each row is one pytest case, named ``section/what-it-shows``. Accepted rows compare the typed
structure (``srepr`` of `.expr`), the meaning (`.value` with ``==``), and where given the kind,
the interpretation shown back, the notes and the features. Error rows compare the error code and
where its span starts, and every error must be worded for a learner.
"""
from __future__ import annotations

import pytest
from sympy import srepr

import tutor
from parser_table import ANY, ROWS, Row, learner_words
from tutor.errors import ParseError

ACCEPTED = [r for r in ROWS if r.error is None]
REFUSED = [r for r in ROWS if r.error is not None]


def parse(row: Row):
    return tutor.parse(row.text, variables=row.variables or None,
                       functions=row.functions or None)


def shown(text: str) -> str:
    """The input for a failure message, shortened when it is one of the very long limit rows."""
    return repr(text if len(text) <= 80 else f"{text[:40]}… ({len(text)} characters)")


@pytest.mark.parametrize("row", ACCEPTED, ids=lambda r: r.id)
def test_reads(row: Row) -> None:
    try:
        parsed = parse(row)
    except ParseError as err:
        pytest.fail(f"{shown(row.text)} was refused ({err.code} at {err.span}): {err.message}")
    if row.expr is not None:
        assert srepr(parsed.expr) == srepr(row.expr), shown(row.text)
    if row.value is not None:
        assert parsed.value == row.value, shown(row.text)
    if row.kind is not None:
        assert parsed.kind == row.kind, shown(row.text)
    if row.interpreted is not None:
        assert parsed.interpreted == row.interpreted, shown(row.text)
    _check_notes(row, parsed)
    assert set(row.features) <= parsed.features, (shown(row.text), parsed.features)
    if row.delimiters is not None:
        assert parsed.delimiters == row.delimiters, shown(row.text)
    if row.latex:
        assert parsed.latex in row.latex, (shown(row.text), parsed.latex)
    for check in row.checks:
        assert check.holds(parsed), f"{shown(row.text)}: {check.name}"
    assert parsed.interpreted and parsed.latex   # showing an answer back never fails


def _check_notes(row: Row, parsed) -> None:
    codes = {note.code for note in parsed.notes}
    assert set(row.notes) <= codes, (shown(row.text), codes)
    if row.quiet:
        assert not parsed.notes, (shown(row.text), parsed.notes)
    if row.note_text is not None:
        assert any(row.note_text in note.message for note in parsed.notes), (
            shown(row.text), [note.message for note in parsed.notes])


@pytest.mark.parametrize("row", REFUSED, ids=lambda r: r.id)
def test_refuses(row: Row) -> None:
    with pytest.raises(ParseError) as caught:
        parse(row)
    err = caught.value
    _check_wording(row, err)
    if row.error != ANY:
        assert err.code == row.error, (shown(row.text), err.code, err.message)
    if row.at is not None:
        assert err.span[0] == row.at, (shown(row.text), err.span, err.message)
    if row.suggestion is not None:
        assert err.suggestion == row.suggestion, (shown(row.text), err.message)


def _check_wording(row: Row, err: ParseError) -> None:
    """Plain words, a span inside the text, and the input shown with a caret under the problem."""
    start, end = err.span
    assert err.text == row.text
    assert 0 <= start <= end <= len(row.text), err.span
    assert err.message and learner_words(err.message), err.message
    if 0 < len(row.text) <= 200:
        caret = str(err).splitlines()[-1]
        assert set(caret.strip()) == {"^"} and caret.index("^") == 2 + start, str(err)


def test_the_table_is_large_and_its_names_are_unique() -> None:
    ids = [r.id for r in ROWS]
    assert len(ROWS) >= 250
    assert len(set(ids)) == len(ids), [i for i in ids if ids.count(i) > 1]
    assert len(REFUSED) >= 60
    assert all(r.error is None or r.error == ANY or r.at is not None for r in ROWS)
