"""The wall clock of `tutor`: what "now" is for review schedules and the times of attempts.

``TUTOR_NOW`` in the environment (an ISO 8601 date-time; UTC when it names no zone) fixes the
clock, so tests and demonstrations can come back "a week later" without waiting a week.

>>> now({"TUTOR_NOW": "2026-03-01T09:30"}).isoformat()
'2026-03-01T09:30:00+00:00'
>>> now({"TUTOR_NOW": "2026-03-01T10:30+01:00"}) == now({"TUTOR_NOW": "2026-03-01T09:30Z"})
True
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime, timezone

from tutor.errors import TutorError

ENV = "TUTOR_NOW"


class ClockError(TutorError):
    """``TUTOR_NOW`` is set but is not an ISO date-time."""


def now(env: Mapping[str, str] | None = None) -> datetime:
    """The current time, aware, in UTC (``TUTOR_NOW`` when set)."""
    env = os.environ if env is None else env
    text = env.get(ENV, "").strip()
    if not text:
        return datetime.now(timezone.utc)
    try:
        when = datetime.fromisoformat(text)
    except ValueError as err:
        raise ClockError(f"{ENV}={text!r} is not an ISO date-time such as 2026-03-01T09:30:00Z") from err
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)


def timestamp(env: Mapping[str, str] | None = None) -> float:
    """`now` as seconds since the epoch (how attempts are stamped).

    >>> timestamp({"TUTOR_NOW": "1970-01-02"})
    86400.0
    """
    return now(env).timestamp()


def from_timestamp(seconds: float) -> datetime:
    """Seconds since the epoch as an aware UTC date-time.

    >>> from_timestamp(0).isoformat()
    '1970-01-01T00:00:00+00:00'
    """
    return datetime.fromtimestamp(seconds, timezone.utc)
