"""The OpenAPI 3.1 document of the service (``GET /openapi.json``) and its page (``GET /docs``).

The schemas are those of `tutor schema` (`tutor.grading.schema`), moved under
``components/schemas``: one contract, described once.

>>> doc = openapi_document()
>>> doc["openapi"], sorted(doc["paths"])
('3.1.0', ['/metrics', '/v1/check', '/v1/check/batch', '/v1/health', '/v1/parse'])
>>> doc["components"]["schemas"]["check_request"]["properties"]["options"]
{'$ref': '#/components/schemas/options'}
"""
from __future__ import annotations

from html import escape
from typing import Any

from tutor import __version__
from tutor.grading.schema import json_schema


def _moved(node: Any) -> Any:
    """`node` with every ``#/$defs/`` reference pointing into ``#/components/schemas/``."""
    if isinstance(node, dict):
        return {k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref" else _moved(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_moved(v) for v in node]
    return node


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERROR = _json(_ref("error"), "the request cannot be checked (the error object)")
_ERRORS = {"400": _ERROR, "413": _json(_ref("error"), "over a size, batch or budget limit"),
           "429": _json(_ref("error"), "too many requests in flight; retry later")}


def openapi_document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    batch_in = {"application/json": {"schema": {"type": "array", "items": _ref("check_request")}},
                "application/x-ndjson": {"schema": _ref("check_request")}}
    result = {"oneOf": [_ref("verdict"), _ref("error")]}
    paths = {
        "/v1/check": {"post": {
            "summary": "Check one answer (200 even when it is wrong or unreadable)",
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("check_request")}}},
            "responses": {"200": _json(_ref("verdict"), "the verdict"), **_ERRORS}}},
        "/v1/check/batch": {"post": {
            "summary": "Check many answers: a JSON array or NDJSON in, NDJSON out, in order",
            "requestBody": {"required": True, "content": batch_in},
            "responses": {"200": {"description": "one verdict or error object per line, in input order",
                                  "content": {"application/x-ndjson": {"schema": result}}}, **_ERRORS}}},
        "/v1/parse": {"post": {
            "summary": "How an answer is read, or where and why it cannot be (live preview)",
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("parse_request")}}},
            "responses": {"200": _json(_ref("parse_result"), "the reading (ok) or the located error"),
                          **_ERRORS}}},
        "/v1/health": {"get": {"summary": "Liveness and the worker pool's state",
                               "responses": {"200": {"description": "ready"}}}},
        "/metrics": {"get": {"summary": "Prometheus metrics",
                             "responses": {"200": {"description": "text exposition format"}}}},
    }
    return {"openapi": "3.1.0",
            "info": {"title": "tutor", "version": __version__,
                     "description": "Check answers to mathematics questions: equivalence, form, feedback."},
            "paths": paths,
            "components": {"schemas": _moved(json_schema()["$defs"])}}


def docs_page(openapi_url: str = "/openapi.json") -> str:
    """The interactive API page (Swagger UI, loaded by the reader's browser), with a plain link
    to the document for readers without JavaScript.

    >>> "/openapi.json" in docs_page()
    True
    """
    url = escape(openapi_url, quote=True)
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>tutor API</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
</head><body>
<noscript><p>The API is described in <a href="{url}">{url}</a> (OpenAPI 3.1).</p></noscript>
<div id="swagger-ui"></div>
<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({{url: "{url}", dom_id: "#swagger-ui"}});</script>
</body></html>
"""
