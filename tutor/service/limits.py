"""The service's limits, and what a request over them gets (413 or 429 with the error object).

>>> Limits().max_batch, Limits(max_batch=10).max_batch
(10000, 10)
"""
from __future__ import annotations

from tutor.values import frozen


@frozen
class Limits:
    """`max_body` bytes per request body; `max_batch` items per batch; `max_budget` seconds
    per check (a request may ask for less, never more); `max_in_flight` requests at once
    (more are refused with 429 rather than queued without bound)."""

    max_body: int = 8 << 20
    max_batch: int = 10_000
    max_budget: float = 10.0
    max_in_flight: int = 64
