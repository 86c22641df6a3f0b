"""The ASGI app: ``POST /v1/check``, ``POST /v1/check/batch``, ``POST /v1/parse``,
``GET /v1/health``, ``GET /metrics``, ``GET /openapi.json`` and ``GET /docs``.

A check answers 200 whenever a verdict exists (a wrong or unreadable answer is a verdict); a
request that cannot be checked gets the error object (``tutor.error/1``) with 400, one over a
limit 413, and one past the number of requests in flight 429. Checks run in the program's one
worker pool through `tutor.check_many`, never on the event loop.
"""
from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from tutor import __version__
from tutor.checker.batch import check_many, reading_options
from tutor.checker.pool import POOL
from tutor.checker.verdict import Verdict
from tutor.contract import ErrorCode, ErrorRecord
from tutor.errors import CheckError
from tutor.grading.emit import tutor_record
from tutor.grading.files import Entry, entry_for, jsonl_entries
from tutor.grading.request import item_from_request
from tutor.grading.run import in_order
from tutor.parser.command import parse_result
from tutor.service.limits import Limits
from tutor.service.metrics import Metrics
from tutor.service.openapi import docs_page, openapi_document

Result = Verdict | ErrorRecord
_END = object()


class Refusal(Exception):
    """A request answered with an HTTP error status and the error object."""

    def __init__(self, status: int, record: ErrorRecord) -> None:
        super().__init__(record.message)
        self.status = status
        self.record = record


def _refuse(status: int, code: ErrorCode, message: str, field: str | None = None) -> Refusal:
    return Refusal(status, ErrorRecord(code, message, field=field))


class _Service:
    """One app's limits, counters and requests in flight."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.metrics = Metrics()
        self.in_flight = 0

    # -- guards ---------------------------------------------------------------------------------
    def admit(self) -> Callable[[], None]:
        """Take a slot for one request (429 when none is free); the function that gives it back."""
        if self.in_flight >= self.limits.max_in_flight:
            raise _refuse(429, ErrorCode.BUSY, f"The service is checking {self.in_flight} requests; "
                          "retry in a moment.")
        self.in_flight += 1
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self.in_flight -= 1
        return release

    async def body(self, request: Request) -> bytes:
        """The request body, refused with 413 as soon as it is over the limit."""
        limit = self.limits.max_body
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            raise _too_large(f"The body is over the limit of {limit} bytes.")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _too_large(f"The body is over the limit of {limit} bytes.")
            chunks.append(chunk)
        return b"".join(chunks)

    def within_budget(self, item: dict[str, Any]) -> ErrorRecord | None:
        """An error when the item asks for more time than this service gives."""
        budget = item["options"].get("time_budget")
        if isinstance(budget, (int, float)) and not isinstance(budget, bool) and budget > self.limits.max_budget:
            return ErrorRecord(ErrorCode.INVALID_OPTIONS, f"time_budget may be at most "
                               f"{self.limits.max_budget:g} seconds on this service.", field="options",
                               id=item["id"])
        return None

    def count(self, result: Result) -> None:
        if isinstance(result, Verdict):
            self.metrics.count_result(str(result.status), result.notes)
        else:
            self.metrics.count_result("error", ())


def _too_large(message: str) -> Refusal:
    return _refuse(413, ErrorCode.TOO_LARGE, message)


def _decode(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise _refuse(400, ErrorCode.INVALID_REQUEST, f"The body is not valid JSON: {err}.") from None


def _checked_item(service: _Service, data: Any) -> dict[str, Any]:
    item = item_from_request(data)
    if isinstance(item, ErrorRecord):
        raise Refusal(400, item)
    over = service.within_budget(item)
    if over is not None:
        raise Refusal(400, over)
    return item


def _one(item: dict[str, Any]) -> Result:
    return next(iter(check_many([item])))


# -- endpoints -----------------------------------------------------------------------------------

async def check(service: _Service, request: Request) -> Response:
    item = _checked_item(service, _decode(await service.body(request)))
    result = await asyncio.to_thread(_one, item)
    service.count(result)
    if isinstance(result, ErrorRecord):
        raise Refusal(500 if result.code is ErrorCode.INTERNAL_ERROR else 400, result)
    return JSONResponse(result.to_dict())


def _batch_entries(service: _Service, request: Request, body: bytes) -> list[Entry]:
    kind = request.headers.get("content-type", "")
    if "json" in kind and "nd" not in kind and "jsonl" not in kind or body.lstrip()[:1] == b"[":
        data = _decode(body)
        if not isinstance(data, list):
            raise _refuse(400, ErrorCode.INVALID_ITEM, "A batch is a JSON array of requests, or NDJSON "
                          "(one request per line, Content-Type: application/x-ndjson).")
        entries = [entry_for(n, value) for n, value in enumerate(data, 1)]
    else:
        entries = list(jsonl_entries(body.splitlines()))
    if len(entries) > service.limits.max_batch:
        raise _too_large(f"The batch has {len(entries)} requests; the limit is {service.limits.max_batch}.")
    return [_budgeted(service, e) for e in entries]


def _budgeted(service: _Service, entry: Entry) -> Entry:
    over = service.within_budget(entry.item) if entry.item is not None else None
    return Entry(entry.line, error=over) if over is not None else entry


async def batch(service: _Service, request: Request, release: Callable[[], None]) -> Response:
    entries = _batch_entries(service, request, await service.body(request))
    results = in_order(iter(entries), check_many)
    return StreamingResponse(_stream(service, results, release), media_type="application/x-ndjson")


async def _stream(service: _Service, results: Generator[tuple[Result, int], None, None],
                  release: Callable[[], None]) -> AsyncIterator[bytes]:
    try:
        while (pair := await asyncio.to_thread(next, results, _END)) is not _END:
            assert isinstance(pair, tuple)
            result: Result = pair[0]
            line: int = pair[1]
            service.count(result)
            yield (json.dumps(tutor_record(result, line), ensure_ascii=False) + "\n").encode("utf-8")
    finally:
        release()
        try:
            results.close()
        except ValueError:    # still running in its thread (the client went away): it ends there
            pass


async def parse(service: _Service, request: Request) -> Response:
    data = _decode(await service.body(request))
    if not isinstance(data, dict) or not isinstance(data.get("response"), str):
        raise _refuse(400, ErrorCode.INVALID_ITEM, "A parse request is an object with the text "
                      "'response' (and optionally 'format' and 'options').", "response")
    unknown = [k for k in data if k not in ("response", "format", "options")]
    options = data.get("options") or {}
    if unknown or not isinstance(options, dict) or any(k not in ("variables", "functions") for k in options):
        raise _refuse(400, ErrorCode.INVALID_OPTIONS, "A parse request has 'response', 'format' and "
                      "'options' (with 'variables' and 'functions', lists of names) only.", "options")
    try:
        format = reading_options(data.get("format"), None)["format"]
    except CheckError as err:
        raise _refuse(400, ErrorCode.UNSUPPORTED_FORMAT, err.message, "format") from None
    variables, functions = ([str(n) for n in options[k]] if isinstance(options.get(k), list) else None
                            for k in ("variables", "functions"))
    result = await asyncio.to_thread(parse_result, data["response"], variables, functions, format=format)
    return JSONResponse(result)


async def health(service: _Service, request: Request) -> Response:
    ok = POOL.broken is None
    return JSONResponse({"status": "ok" if ok else "degraded", "version": __version__,
                         "workers": POOL.size, "workers_running": len(POOL.pids()),
                         "in_flight": service.in_flight, "problem": POOL.broken},
                        status_code=200 if ok else 503)


async def metrics(service: _Service, request: Request) -> Response:
    return PlainTextResponse(service.metrics.render(POOL.restarts),
                             media_type="text/plain; version=0.0.4; charset=utf-8")


# -- wiring --------------------------------------------------------------------------------------

Handler = Callable[[_Service, Request], Awaitable[Response]]


def _guarded(service: _Service, path: str, handler: Any, limited: bool, streams: bool = False
             ) -> Callable[[Request], Awaitable[Response]]:
    """`handler` with latency measured, the in-flight limit kept, and refusals answered."""
    async def endpoint(request: Request) -> Response:
        start = time.perf_counter()
        release: Callable[[], None] = lambda: None
        handed_over = False
        try:
            if limited:
                release = service.admit()
            if streams:
                response = await handler(service, request, release)
                handed_over = True
            else:
                response = await handler(service, request)
        except Refusal as refusal:
            service.metrics.count_rejected(refusal.status)
            response = JSONResponse(refusal.record.to_dict(), status_code=refusal.status)
        finally:
            if not handed_over:
                release()
        service.metrics.observe(path, time.perf_counter() - start)
        return response

    return endpoint




def create_app(limits: Limits | None = None) -> Starlette:
    """The app, with its own limits and counters.

    >>> sorted(r.path for r in create_app().routes)
    ['/docs', '/metrics', '/openapi.json', '/v1/check', '/v1/check/batch', '/v1/health', '/v1/parse']
    """
    service = _Service(limits or Limits())
    document = openapi_document()

    async def openapi(request: Request) -> Response:
        return JSONResponse(document)

    async def docs(request: Request) -> Response:
        return HTMLResponse(docs_page())

    async def admitted(request: Request) -> Response:
        return await _guarded(service, "/v1/check/batch", batch, True, streams=True)(request)

    routes = [
        Route("/v1/check", _guarded(service, "/v1/check", check, True), methods=["POST"]),
        Route("/v1/check/batch", admitted, methods=["POST"]),
        Route("/v1/parse", _guarded(service, "/v1/parse", parse, True), methods=["POST"]),
        Route("/v1/health", _guarded(service, "/v1/health", health, False), methods=["GET"]),
        Route("/metrics", _guarded(service, "/metrics", metrics, False), methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
    ]
    return Starlette(routes=routes)
