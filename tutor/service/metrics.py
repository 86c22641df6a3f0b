"""The service's counters in the Prometheus text format (``GET /metrics``): checks by status,
time-outs, worker restarts, and request latency as a histogram.

>>> m = Metrics()
>>> m.count_result("correct", ())
>>> m.count_result("undetermined", ("TIMEOUT",))
>>> m.observe("/v1/check", 0.004)
>>> text = m.render(worker_restarts=2)
>>> 'tutor_checks_total{status="correct"} 1' in text, "tutor_timeouts_total 1" in text
(True, True)
>>> 'tutor_request_seconds_bucket{path="/v1/check",le="0.005"} 1' in text
True
"""
from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable

from tutor.checker.verdict import Status

BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """Thread-safe counters for one app."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.checks: dict[str, int] = {str(s): 0 for s in Status} | {"error": 0}
        self.timeouts = 0
        self.rejected: dict[int, int] = {}
        self.latency: dict[str, tuple[list[int], float, int]] = {}

    def count_result(self, status: str, notes: Iterable[str]) -> None:
        """One check done: `status` a verdict's status, or ``"error"`` for an error record."""
        with self._lock:
            self.checks[status] = self.checks.get(status, 0) + 1
            if "TIMEOUT" in notes:
                self.timeouts += 1

    def count_rejected(self, http_status: int) -> None:
        """One request refused (400, 413, 429, …)."""
        with self._lock:
            self.rejected[http_status] = self.rejected.get(http_status, 0) + 1

    def observe(self, path: str, seconds: float) -> None:
        """One request served in `seconds`."""
        with self._lock:
            counts, total, n = self.latency.get(path, ([0] * len(BUCKETS), 0.0, 0))
            index = bisect.bisect_left(BUCKETS, seconds)
            for i in range(index, len(BUCKETS)):
                counts[i] += 1
            self.latency[path] = (counts, total + seconds, n + 1)

    def render(self, worker_restarts: int) -> str:
        """The Prometheus text exposition (version 0.0.4)."""
        with self._lock:
            lines = ["# HELP tutor_checks_total Checks done, by verdict status (error: not checkable).",
                     "# TYPE tutor_checks_total counter"]
            lines += [f'tutor_checks_total{{status="{s}"}} {n}' for s, n in self.checks.items()]
            lines += ["# HELP tutor_timeouts_total Checks stopped at their time budget.",
                      "# TYPE tutor_timeouts_total counter", f"tutor_timeouts_total {self.timeouts}",
                      "# HELP tutor_worker_restarts_total Worker processes killed and replaced.",
                      "# TYPE tutor_worker_restarts_total counter",
                      f"tutor_worker_restarts_total {worker_restarts}",
                      "# HELP tutor_rejected_requests_total Requests refused, by HTTP status.",
                      "# TYPE tutor_rejected_requests_total counter"]
            lines += [f'tutor_rejected_requests_total{{code="{c}"}} {n}' for c, n in sorted(self.rejected.items())]
            lines += ["# HELP tutor_request_seconds Time to serve a request.",
                      "# TYPE tutor_request_seconds histogram"]
            for path, (counts, total, n) in sorted(self.latency.items()):
                lines += [f'tutor_request_seconds_bucket{{path="{path}",le="{b}"}} {c}'
                          for b, c in zip(BUCKETS, counts)]
                lines += [f'tutor_request_seconds_bucket{{path="{path}",le="+Inf"}} {n}',
                          f'tutor_request_seconds_sum{{path="{path}"}} {total:.6f}',
                          f'tutor_request_seconds_count{{path="{path}"}} {n}']
        return "\n".join(lines) + "\n"
