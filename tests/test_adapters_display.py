"""Jupyter's rich display of verdicts and derivations: HTML with every text escaped."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import sympy

import tutor
from tutor.checker import Method, Status, Verdict

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>&'


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text += data


def parsed_html(bundle) -> Tags:
    tags = Tags()
    tags.feed(bundle["text/html"])
    return tags


def test_every_text_of_a_verdict_is_escaped():
    v = Verdict(Status.INVALID, 0.0, HOSTILE, (HOSTILE,), HOSTILE, "x", Method.NONE, 0.2, id=HOSTILE)
    tags = parsed_html(v._repr_mimebundle_())
    assert tags.tags <= {"table", "caption", "b", "tr", "th", "td"}
    assert tags.text.count(HOSTILE) == 4   # feedback, read as, notes, id: shown as text


def test_a_learner_answer_reaches_the_html_only_as_text():
    v = tutor.check("<script>", "x")
    tags = parsed_html(v._repr_mimebundle_())
    assert "script" not in tags.tags and v.status is Status.INVALID


def test_verdict_bundle_has_latex_and_json():
    v = tutor.check("2(x+1)", "2x+2")
    bundle = v._repr_mimebundle_()
    assert bundle["text/latex"].startswith("$") and "x" in bundle["text/latex"]
    assert json.loads(json.dumps(bundle["application/json"])) == v.to_dict()
    assert set(v._repr_mimebundle_(include={"text/html"})) == {"text/html"}
    assert "text/latex" not in v._repr_mimebundle_(exclude={"text/latex"})


def test_derivation_bundle_shows_the_steps_escaped():
    x = sympy.Symbol("x")
    d = tutor.derivative_steps(x**2 * sympy.sin(x), x)
    bundle = d._repr_mimebundle_()
    tags = parsed_html(bundle)
    assert "Product rule" in tags.text and tags.tags <= {"table", "caption", "b", "tr", "th", "td", "pre"}
    assert "aligned" in bundle["text/latex"]
    assert bundle["application/json"]["wrt"] == "x" and bundle["application/json"]["steps"]
    # the text of the steps contains "·" and "<"-free math; a function named like a tag stays text
    f = sympy.Function("script")
    tags = parsed_html(tutor.derivative_steps(f(x), x)._repr_mimebundle_())
    assert "script" not in tags.tags
