"""Checking on a Ray cluster, for more than one machine (the optional extra ``tutor[ray]``).

`check_many` spreads a batch over an actor pool of warm checkers, one per CPU of the cluster,
each running the ordinary `tutor.check_many` on its machine (so every item keeps its time
budget there); results come back in input order, as from the core API. `batch_fn` is the same
work as a Ray Data ``map_batches`` function. The core batch API stays free of Ray; only this
module imports it.

With ``address=None`` a running Ray is reused (in this process, or the cluster on this
machine) or a local one started; a Ray this module did not start is never shut down, and one
it started is left running for the next batch (Ray stops it when the program ends).
"""
from __future__ import annotations

import collections
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import ray

from tutor.checker.batch import check_many as local_check_many
from tutor.checker.options import TIME_BUDGET
from tutor.checker.verdict import Verdict
from tutor.contract import ErrorRecord

Result = Verdict | ErrorRecord
CHUNK = 64          # items sent to an actor at once: large enough to hide the round trip
_AHEAD = 2          # chunks in flight per actor


@ray.remote(num_cpus=1)
class _Checker:
    """A warm checker on one CPU of the cluster: its own one-worker pool, kept between chunks."""

    def __init__(self, time_budget: float, options: dict[str, Any]) -> None:
        self.time_budget = time_budget
        self.options = options
        from tutor.checker.pool import POOL, configure

        configure(1)
        POOL.warm_up(1)

    def check(self, items: list[Any]) -> list[Result]:
        return list(local_check_many(items, time_budget=self.time_budget, **self.options))


def connect(address: str | None = None) -> None:
    """Make sure this process talks to a Ray: the one already connected, the one at `address`,
    the cluster running on this machine, or else a new local one."""
    if ray.is_initialized():
        return
    if address is not None:
        ray.init(address=address, log_to_driver=False)
        return
    try:
        ray.init(address="auto", log_to_driver=False)
    except (ConnectionError, RuntimeError):
        ray.init(log_to_driver=False)


def check_many(items: Iterable[Any], *, address: str | None = None, num_actors: int | None = None,
               time_budget: float = TIME_BUDGET, format: str | None = None, extract: str | None = None,
               **default_options: Any) -> Iterator[Result]:
    """`tutor.check_many` over a Ray actor pool: the same items, options and results, in order.

    `num_actors` defaults to the cluster's CPUs. Items are read as they are needed, so a long
    generator is fine. Bad batch-wide options raise `CheckError` at once, as in the core API.
    """
    from tutor.checker.batch import reading_options
    from tutor.checker.options import CheckOptions

    CheckOptions.from_kwargs(time_budget=time_budget, **default_options)
    reading_options(format, extract)
    default_options = {**default_options, "format": format, "extract": extract}
    connect(address)
    count = num_actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    actors = [_Checker.remote(time_budget, default_options)  # type: ignore[attr-defined]
              for _ in range(count)]
    return _in_order(iter(items), actors)


def _in_order(items: Iterator[Any], actors: list[Any]) -> Iterator[Result]:
    window: collections.deque[Any] = collections.deque()
    turn = 0
    try:
        while chunk := list(islice(items, CHUNK)):
            window.append(actors[turn % len(actors)].check.remote(chunk))
            turn += 1
            if len(window) >= len(actors) * _AHEAD:
                yield from ray.get(window.popleft())
        while window:
            yield from ray.get(window.popleft())
    finally:
        for actor in actors:
            ray.kill(actor)


def batch_fn(batch: Any, **default_options: Any) -> Any:
    """A Ray Data ``map_batches`` function: columns ``id`` (optional), ``response``,
    ``expected`` and optionally ``options`` (JSON text or objects), ``format`` and ``extract`` in;
    the same batch with
    ``status``, ``score``, ``feedback`` and ``notes`` (comma-separated codes) added. An item
    that cannot be checked gets status ``error``, score 0, the message as feedback and its
    code as notes. Works on the default (dict of arrays) and the pandas batch formats.

    >>> out = batch_fn({"response": ["2x", "x"], "expected": ["x+x", "-x"], "options": ["", "{oops"]})
    >>> out["status"].tolist(), out["notes"].tolist()
    (['correct', 'error'], ['', 'INVALID_OPTIONS'])
    """
    columns = {name: list(batch[name]) for name in ("response", "expected")}
    size = len(columns["response"])
    ids = list(batch["id"]) if "id" in batch else list(range(size))
    options = list(batch["options"]) if "options" in batch else [None] * size
    reading = {key: list(batch[key]) for key in ("format", "extract") if key in batch}
    items = [{"id": i, "response": str(r), "expected": str(e), "options": _options(o),
              **{key: _reading(values[k]) for key, values in reading.items()}}
             for k, (i, r, e, o) in enumerate(zip(ids, columns["response"], columns["expected"], options))]
    rows = [_row(r) for r in local_check_many(items, **default_options)]
    added = {key: [row[key] for row in rows] for key in ("status", "score", "feedback", "notes")}
    if hasattr(batch, "assign"):          # a pandas DataFrame
        return batch.assign(**added)
    import numpy as np

    return {**batch, **{key: np.asarray(values) for key, values in added.items()}}


def _reading(value: Any) -> str | None:
    """A ``format`` or ``extract`` cell: None when empty (the default applies)."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    return str(value)


def _options(value: Any) -> Any:
    """A row's options as a mapping; text that is not a JSON object is handed on as it is, for
    `check_many` to report as the row's error."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return {}
    if isinstance(value, (str, bytes)):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return str(value)
    return dict(value)


def _row(result: Result) -> dict[str, Any]:
    if isinstance(result, ErrorRecord):
        return {"status": "error", "score": 0.0, "feedback": result.message, "notes": str(result.code)}
    return {"status": str(result.status), "score": float(result.score), "feedback": result.feedback,
            "notes": ",".join(result.notes)}
