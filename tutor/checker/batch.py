"""Checking many answers at once: `check_many`, and `acheck` / `acheck_many` for asyncio.

Each item is checked whole in a warm worker process of the program's one pool
(`tutor.checker.pool`), so items run in parallel on the machine's cores, and an item that
runs past its time budget is stopped there (reported `undetermined` with the note
``TIMEOUT``) while the batch goes on. An item whose expected answer or options are unusable
yields an `ErrorRecord` in its place. Results come back in input order, each with the item's
``id``.

An item is a pair ``(response, expected)`` or a mapping with the keys ``response`` and
``expected`` and optionally ``id``, ``options`` (check options, over the batch's defaults),
``format`` and ``extract``.

>>> results = list(check_many([("2(x+1)", "2x + 2"), {"id": "q2", "response": "x", "expected": "x +"}]))
>>> [r.correct for r in results], results[1].to_dict()["error"]["code"], results[1].id
([True, False], 'INVALID_EXPECTED', 'q2')
"""
from __future__ import annotations

import asyncio
import collections
import math
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from fractions import Fraction
from typing import Any, AsyncIterator, Generator, Iterable, Iterator, Mapping

from tutor.checker.checker import Checker, reading
from tutor.checker.feedback import Code, finding, render
from tutor.checker.judgement import undetermined
from tutor.checker.options import TIME_BUDGET, CheckOptions
from tutor.checker.pool import POOL, configure
from tutor.checker.verdict import Method, Status, Verdict
from tutor.contract import ErrorCode, ErrorRecord
from tutor.errors import CheckError, ParseError
from tutor.parser import parse
from tutor.values import frozen

Result = Verdict | ErrorRecord

ITEM_KEYS = ("id", "response", "expected", "options", "format", "extract")
_AHEAD = 4          # items read ahead of the one being yielded, per thread
_CACHED = 256       # expected answers kept compiled in each process


@frozen
class Item:
    """One item of a batch, read and ready to send to a worker (options as given, merged)."""

    id: Any
    response: Any
    expected: Any
    options: tuple[tuple[str, Any], ...]
    format: str | None = None
    extract: str | None = None

    @property
    def budget(self) -> float:
        return float(dict(self.options).get("time_budget", TIME_BUDGET))


def read_item(raw: Any, defaults: Mapping[str, Any],
              reading: tuple[str | None, str | None] = (None, None)) -> Item | ErrorRecord:
    """An `Item` from a pair or a mapping, its options over `defaults`; or the error record
    saying what is wrong with it; `reading` is the batch's (format, extract), which an item's own
    ``format`` and ``extract`` replace.

    >>> read_item(("x", "x"), {"time_budget": 1.0}).budget
    1.0
    >>> read_item({"response": "x"}, {}).to_dict()["error"]["message"]
    "An item needs 'response' and 'expected' (missing: expected)."
    """
    if isinstance(raw, Mapping):
        ident = raw.get("id")
        unknown = sorted(str(k) for k in raw if k not in ITEM_KEYS)
        missing = [k for k in ("response", "expected") if k not in raw]
        if unknown:
            return ErrorRecord(ErrorCode.INVALID_ITEM, f"Unknown key(s) {', '.join(map(repr, unknown))}; an item "
                               f"has: {', '.join(ITEM_KEYS)}.", id=ident)
        if missing:
            return ErrorRecord(ErrorCode.INVALID_ITEM, "An item needs 'response' and 'expected' (missing: "
                               f"{', '.join(missing)}).", field=missing[0], id=ident)
        options = raw.get("options") or {}
        if not isinstance(options, Mapping):
            return ErrorRecord(ErrorCode.INVALID_OPTIONS, "The options of an item must be a mapping of option "
                               "names to values.", field="options", id=ident)
        merged = {**defaults, **options}
        return Item(ident, raw["response"], raw["expected"], tuple(merged.items()),
                    raw.get("format", reading[0]), raw.get("extract", reading[1]))
    if isinstance(raw, (tuple, list)) and len(raw) == 2:
        return Item(None, raw[0], raw[1], tuple(defaults.items()), *reading)
    return ErrorRecord(ErrorCode.INVALID_ITEM, "An item must be a pair (response, expected) or a mapping with "
                       f"the keys {', '.join(ITEM_KEYS)} (got {type(raw).__name__}).")


def reading_options(format: str | None, extract: str | None) -> dict[str, Any]:
    """The keyword arguments that tell `parse` and `check` how to read an item's text (None:
    the default); `CheckError` for a value that is not one.

    >>> reading_options(None, None), reading_options("latex", "boxed")
    ({'format': 'auto', 'extract': None}, {'format': 'latex', 'extract': 'boxed'})
    >>> reading_options("markdown", None)
    Traceback (most recent call last):
    ...
    tutor.errors.CheckError: format must be one of auto, text, latex (got 'markdown').
    """
    format, extract = reading(format or "auto", extract)
    return {"format": format, "extract": extract}


# -- one item, wherever it runs ----------------------------------------------------------------

class _Checkers:
    """Expected answers compiled once per process (a batch checks one answer many times)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: collections.OrderedDict[tuple, Checker] = collections.OrderedDict()

    def get(self, expected: Any, options: dict[str, Any], reading: dict[str, Any]) -> Checker:
        key = (expected, repr(sorted(options.items())), reading["format"], reading["extract"]) \
            if isinstance(expected, str) else None
        with self._lock:
            if key is not None and key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        checker = _compile(expected, options, reading)
        if key is not None:
            with self._lock:
                self._cache[key] = checker
                while len(self._cache) > _CACHED:
                    self._cache.popitem(last=False)
        return checker


class _Unusable(Exception):
    def __init__(self, code: ErrorCode, message: str, field: str | None, span: tuple[int, int] | None = None):
        super().__init__(message)
        self.record = (code, message, field, span)


def _compile(expected: Any, options: dict[str, Any], reading: dict[str, Any]) -> Checker:
    try:
        checked = CheckOptions.from_kwargs(**options)
    except CheckError as err:
        raise _Unusable(ErrorCode.INVALID_OPTIONS, err.message, "options") from None
    if isinstance(expected, str):
        try:
            expected = parse(expected, variables=checked.variables, shapes=checked.shapes or None,
                             format=reading["format"])
        except ParseError as err:
            raise _Unusable(ErrorCode.INVALID_EXPECTED, f"The expected answer cannot be read: {err.message}",
                            "expected", err.span) from None
    try:
        return Checker(expected, **reading, **options)
    except CheckError as err:
        raise _Unusable(ErrorCode.INVALID_EXPECTED, err.message, "expected") from None


_CHECKERS = _Checkers()


def run_item(response: Any, expected: Any, options: dict[str, Any], format: str | None,
             extract: str | None) -> tuple:
    """Check one item (in a worker, or here when there are no worker processes) and return
    plain data: ``("verdict", fields…)`` or ``("error", code, message, field, span)``.

    >>> run_item("2x", "x + x", {}, None, None)[:2]
    ('verdict', 'correct')
    """
    try:
        for field, how in (("format", (format, None)), ("extract", (None, extract))):
            try:
                reading_options(*how)
            except CheckError as err:
                raise _Unusable(ErrorCode.UNSUPPORTED_FORMAT, err.message, field) from None
        checker = _CHECKERS.get(expected, options, reading_options(format, extract))
        try:
            verdict = checker.check(_text(response))
        except CheckError as err:   # a response of a type that cannot be read
            verdict = _invalid(err.message)
        except (RecursionError, MemoryError):
            verdict = _no_decision(Code.NOT_DECIDED)
    except _Unusable as err:
        return ("error", *err.record)
    except Exception as err:
        return ("error", ErrorCode.INTERNAL_ERROR, f"{type(err).__name__}: {err}", None, None)
    return ("verdict", str(verdict.status), verdict.score, verdict.feedback, verdict.notes,
            verdict.interpreted_as, verdict.latex, str(verdict.method), verdict.elapsed_ms, verdict.details)


TASKS = {"check_item": run_item}


def _text(response: Any) -> Any:
    """Numbers a JSON batch may hold, as the text a learner would type."""
    if isinstance(response, bool):
        return response
    if isinstance(response, (int, Fraction)) or isinstance(response, float) and math.isfinite(response):
        return str(response)
    return "" if response is None else response


def _invalid(message: str) -> Verdict:
    return Verdict(Status.INVALID, 0.0, render(Status.INVALID, (finding(Code.PARSE_ERROR, message=message),)),
                   (str(Code.PARSE_ERROR),), "", "", Method.NONE, 0.0)


def _no_decision(code: Code, elapsed_ms: float = 0.0, ident: Any = None) -> Verdict:
    j = undetermined(timed_out=code is Code.TIMEOUT)
    return Verdict(j.status, 0.0, render(j.status, j.findings), j.notes, "", "", Method.NONE, elapsed_ms, ident)


def _result(answer: tuple, ident: Any) -> Result:
    if answer[0] == "verdict":
        status, score, feedback, notes, interpreted, latex, method, elapsed_ms, details = answer[1:]
        return Verdict(Status(status), score, feedback, tuple(notes), interpreted, latex, Method(method),
                       elapsed_ms, ident, tuple(details))
    if answer[0] == "error" and len(answer) == 5:
        _, code, message, field, span = answer
        return ErrorRecord(ErrorCode(code), message, field, span, ident)
    return ErrorRecord(ErrorCode.INTERNAL_ERROR, f"The worker failed: {answer[-1]}", id=ident)


def check_item(item: Item | ErrorRecord) -> Result:
    """The result for one read item: checked in a worker process when there are any (killed
    at its budget), else here.

    >>> check_item(read_item(("x^2", "x*x"), {})).correct
    True
    """
    if isinstance(item, ErrorRecord):
        return item
    args = (item.response, item.expected, dict(item.options), item.format, item.extract)
    ran: list[float] = []
    answer = None if POOL.broken else POOL.submit("check_item", args, seconds=item.budget, ran=ran)
    if answer is None and POOL.broken:
        answer = run_item(*args)   # no worker processes here (a sandbox): check in this process
    if answer is None:
        return _no_decision(Code.TIMEOUT, sum(ran) * 1000.0, item.id)
    if answer[0] == "ok":
        answer = answer[1]
    return _result(answer, item.id)


# -- the public verbs --------------------------------------------------------------------------

def check_many(items: Iterable[Any], *, workers: int | None = None, time_budget: float = TIME_BUDGET,
               format: str | None = None, extract: str | None = None,
               **default_options: Any) -> Generator[Result, None, None]:
    """Check every item, in parallel worker processes, and yield the results in input order.

    `workers` sizes the program's one worker pool (default: `TUTOR_WORKERS` or the machine's
    cores); `time_budget` is each item's own limit in seconds, counted from when a worker
    takes it; `format` and `extract` say how responses are read (as in `check`; an item's own
    keys win); other keyword options are the defaults of every item's check options. Items are
    read as they are needed, so `items` may be a long generator. Bad batch-wide options raise
    `CheckError` at once; a bad item yields an `ErrorRecord` and the batch goes on.

    >>> [v.status.value for v in check_many([("2x", "x+x"), ("x", "2x")], time_budget=1.0)]
    ['correct', 'incorrect']
    """
    defaults = {**default_options, "time_budget": time_budget}
    CheckOptions.from_kwargs(**defaults)   # bad batch-wide options are the caller's error: raise now
    reading_options(format, extract)
    if workers is not None:
        configure(workers)
    POOL.warm_up(POOL.size)
    return _in_order(iter(items), defaults, POOL.size + 2, (format, extract))


def _in_order(items: Iterator[Any], defaults: dict[str, Any], threads: int,
              reading: tuple[str | None, str | None]) -> Generator[Result, None, None]:
    executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="tutor-batch")
    window: collections.deque[Future] = collections.deque()
    try:
        for raw in items:
            window.append(executor.submit(check_item, read_item(raw, defaults, reading)))
            if len(window) >= threads * _AHEAD:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


async def acheck(response: Any, expected: Any, *, format: str | None = None, extract: str | None = None,
                 **options: Any) -> Verdict:
    """`check`, awaitable: the check runs whole in a worker process of the pool, so a hostile
    answer can neither block the event loop nor outlast its `time_budget`. Raises `CheckError`
    for a bad expected answer or bad options, as `check` does.

    >>> asyncio.run(acheck("2(x+1)", "2x + 2")).correct
    True
    """
    options.setdefault("time_budget", TIME_BUDGET)
    CheckOptions.from_kwargs(**options)   # bad options raise here, in the caller's task
    reading_options(format, extract)
    POOL.warm_up()
    result = await asyncio.to_thread(check_item, Item(None, response, expected, tuple(options.items()),
                                                      format, extract))
    if isinstance(result, ErrorRecord):
        raise CheckError(result.message)
    return result


async def acheck_many(items: Iterable[Any], *, workers: int | None = None, time_budget: float = TIME_BUDGET,
                      **default_options: Any) -> AsyncIterator[Result]:
    """`check_many` for asyncio: ``async for result in acheck_many(items): ...`` yields each
    result in input order as soon as it and those before it are ready, without blocking the
    event loop (the batch runs in the pool; this coroutine only waits).

    >>> async def grade():
    ...     return [r.correct async for r in acheck_many([("2x", "x+x"), ("x", "2x")])]
    >>> asyncio.run(grade())
    [True, False]
    """
    results = check_many(items, workers=workers, time_budget=time_budget, **default_options)
    try:
        while (result := await asyncio.to_thread(next, results, None)) is not None:   # results are never None
            yield result
    finally:
        try:
            await asyncio.to_thread(results.close)
        except ValueError:   # cancelled while a thread still runs the batch: it ends with its items
            pass
