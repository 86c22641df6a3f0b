"""`tutor serve`: a real uvicorn on 127.0.0.1, spoken to over HTTP."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import jsonschema
import pytest

import tutor
from tutor.grading.schema import json_schema
from tutor.parser.command import parse_result

pytestmark = pytest.mark.timeout(180)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, *flags: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "TUTOR_WORKERS"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tutor", "serve", "--port", str(self.port), "--log-level", "warning",
             *flags], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.process.stderr.read().decode()
            try:
                if self.request("GET", "/v1/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the service did not start")

    def request(self, method: str, path: str, body: bytes | None = None,
                content_type: str = "application/json", headers: dict | None = None):
        req = urllib.request.Request(self.url + path, data=body, method=method,
                                     headers={"Content-Type": content_type, **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=60) as response:
                return response.status, response.headers.get("content-type", ""), response.read()
        except urllib.error.HTTPError as err:
            return err.code, err.headers.get("content-type", ""), err.read()

    def post(self, path: str, data, content_type: str = "application/json"):
        body = data if isinstance(data, bytes) else json.dumps(data).encode()
        status, kind, raw = self.request("POST", path, body, content_type)
        return status, raw

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.errors = self.process.stderr.read().decode(errors="replace")
        self.process.stderr.close()


@pytest.fixture(scope="module")
def server():
    s = Server("--workers", "1", "--max-batch", "40", "--max-body", "20000", "--max-budget", "5",
               "--max-in-flight", "2")
    yield s
    s.stop()
    assert "Traceback" not in s.errors, s.errors


def validate(name: str, data) -> None:
    jsonschema.validate(data, {"$defs": json_schema()["$defs"], "$ref": f"#/$defs/{name}"})


def lines(raw: bytes) -> list[dict]:
    return [json.loads(line) for line in raw.decode().splitlines()]


def test_check_gives_the_verdict_with_200_even_when_wrong_or_invalid(server):
    for response, status in (("2(x+1)", "correct"), ("-2x-2", "incorrect"), ("2x +", "invalid")):
        code, raw = server.post("/v1/check", {"id": "q", "response": response, "expected": "2x + 2"})
        data = json.loads(raw)
        assert code == 200 and data["status"] == status and data["id"] == "q"
        validate("verdict", data)
        alone = tutor.check(response, "2x + 2").to_dict()
        assert {k: data[k] for k in ("status", "feedback", "notes")} == \
            {k: alone[k] for k in ("status", "feedback", "notes")}


def test_check_with_options(server):
    code, raw = server.post("/v1/check", {"response": "x^2-1", "expected": "(x-1)(x+1)",
                                          "options": {"form": "factored"}})
    assert code == 200 and json.loads(raw)["notes"] == ["FORM_NOT_FACTORED"]


@pytest.mark.parametrize("body, field", [
    ({"response": "x"}, "expected"),
    ({"response": 3, "expected": "x"}, "response"),
    ({"response": "x", "expected": "x +"}, "expected"),
    ({"response": "x", "expected": "x", "options": {"tolerance": 1}}, "options"),
    ({"response": "x", "expected": "x", "options": {"time_budget": 60}}, "options"),
    ({"response": "x", "expected": "x", "color": "red"}, "color"),
    (b"{not json", None),
    ([1, 2], None),
])
def test_bad_requests_get_400_and_the_error_object(server, body, field):
    code, raw = server.post("/v1/check", body)
    data = json.loads(raw)
    assert code == 400
    validate("error", data)
    assert data["error"].get("field") == field


def test_batch_array_and_ndjson_come_back_in_order(server):
    items = [{"id": i, "response": r, "expected": e} for i, (r, e) in enumerate(
        [("2x", "x+x"), ("x", "2x"), ("2x +", "x"), ("x", "x +"), ("sin^2 x + cos^2 x", "1")])]
    code, raw = server.post("/v1/check/batch", items)
    got = lines(raw)
    assert code == 200 and [r["id"] for r in got] == [0, 1, 2, 3, 4]
    assert [r.get("status", "error") for r in got] == ["correct", "incorrect", "invalid", "error", "correct"]
    ndjson = ("\n".join(json.dumps(i) for i in items[:2]) + "\n{broken\n\n" + json.dumps(items[4])).encode()
    code, raw = server.post("/v1/check/batch", ndjson, "application/x-ndjson")
    got = lines(raw)
    assert code == 200 and [r.get("id") for r in got] == [0, 1, None, 4]
    assert got[2]["line"] == 3 and got[2]["error"]["code"] == "INVALID_ITEM"
    for record in got:
        validate("verdict" if "status" in record else "error", record)


def test_batch_limits(server):
    too_many = [{"response": "x", "expected": "x"}] * 41
    code, raw = server.post("/v1/check/batch", too_many)
    assert code == 413 and json.loads(raw)["error"]["code"] == "TOO_LARGE"
    code, raw = server.post("/v1/check/batch", {"response": "x", "expected": "x"})
    assert code == 400
    over_budget = [{"id": "slow", "response": "x", "expected": "x", "options": {"time_budget": 9}}]
    code, raw = server.post("/v1/check/batch", over_budget)
    assert code == 200 and lines(raw)[0]["error"]["code"] == "INVALID_OPTIONS"


def test_a_body_over_the_limit_gets_413(server):
    code, raw = server.post("/v1/check", {"response": "x" * 30000, "expected": "x"})
    assert code == 413 and json.loads(raw)["error"]["code"] == "TOO_LARGE"


def test_parse_is_the_same_object_as_tutor_parse_json(server):
    for text in ("sin 2x", "2x +", "[[1,2],[3,4]]"):
        code, raw = server.post("/v1/parse", {"response": text})
        assert code == 200 and json.loads(raw) == parse_result(text)
    code, raw = server.post("/v1/parse", {"response": "ab", "options": {"variables": ["a", "b"]}})
    assert json.loads(raw) == parse_result("ab", variables=["a", "b"])
    code, raw = server.post("/v1/parse", {"text": "x"})
    assert code == 400 and json.loads(raw)["schema"] == "tutor.error/1"


def test_format_and_extract_reach_the_checker(server):
    code, raw = server.post("/v1/check", {"id": 1, "response": "\\frac{1}{2}", "expected": "1/2", "format": "latex"})
    assert code == 200 and json.loads(raw)["status"] == "correct"
    # the service extracts "auto" by default: an LLM's completion is graded by its boxed answer
    code, raw = server.post("/v1/check", {"response": "So we get \\boxed{2x}.", "expected": "x + x"})
    assert code == 200 and json.loads(raw)["status"] == "correct"
    code, raw = server.post("/v1/check", {"response": "I do not know", "expected": "1"})
    assert json.loads(raw)["notes"] == ["NO_ANSWER_FOUND"]
    code, raw = server.post("/v1/check", {"response": "x", "expected": "x", "format": "markdown"})
    assert code == 400 and json.loads(raw)["error"]["code"] == "UNSUPPORTED_FORMAT"
    code, raw = server.post("/v1/parse", {"response": "\\sqrt[3]{x}", "format": "latex"})
    assert code == 200 and json.loads(raw) == parse_result("\\sqrt[3]{x}", format="latex")
    assert json.loads(raw)["interpreted"] == "x^(1/3)"


def test_health_metrics_and_the_openapi_page(server):
    status, kind, raw = server.request("GET", "/v1/health")
    assert status == 200 and json.loads(raw)["status"] == "ok"
    server.post("/v1/check", {"response": "sin(10^300 x)", "expected": "sin(x)",
                              "options": {"time_budget": 0.5}})
    status, kind, raw = server.request("GET", "/metrics")
    text = raw.decode()
    assert status == 200 and kind.startswith("text/plain")
    counts = {line.split()[0]: float(line.split()[1]) for line in text.splitlines()
              if line and not line.startswith("#")}
    assert counts['tutor_checks_total{status="correct"}'] >= 1
    assert counts["tutor_timeouts_total"] >= 1 and "tutor_worker_restarts_total" in counts
    assert counts['tutor_request_seconds_count{path="/v1/check"}'] >= 1
    assert counts['tutor_rejected_requests_total{code="400"}'] >= 1
    status, kind, raw = server.request("GET", "/openapi.json")
    doc = json.loads(raw)
    assert status == 200 and set(doc["paths"]) >= {"/v1/check", "/v1/check/batch", "/v1/parse"}
    status, kind, raw = server.request("GET", "/docs")
    assert status == 200 and b"/openapi.json" in raw and kind.startswith("text/html")


def test_requests_past_the_in_flight_limit_get_429(server):
    slow = {"response": "sin(10^300 x) + cos(10^299 x)", "expected": "sin(x)", "options": {"time_budget": 4}}
    codes: list[int] = []
    threads = [threading.Thread(target=lambda: codes.append(server.post("/v1/check", slow)[0]))
               for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    code, raw = server.post("/v1/check", {"response": "x", "expected": "x"})
    for t in threads:
        t.join()
    assert code == 429 and json.loads(raw)["error"]["code"] == "BUSY"
    assert codes == [200, 200]
    assert server.post("/v1/check", {"response": "x", "expected": "x"})[0] == 200
