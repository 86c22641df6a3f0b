"""The prompt_toolkit pieces one by one: lexer, completer, validator, toolbar, keys, rendering, menu."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from prompt_toolkit.document import Document
from prompt_toolkit.validation import ValidationError

from tutor.errors import ParseError
from tutor.parser import parse
from tutor.repl.completer import PracticeCompleter
from tutor.repl.key_bindings import KEYS, KeyCommand, load_practice_bindings
from tutor.repl.lexer import MathLexer, tokens
from tutor.repl.menu import menu_fragments, pick
from tutor.repl.reading import AnswerReader
from tutor.repl.render import feedback_fragments, plain, problem_fragments
from tutor.repl.style import STYLE, default_style
from tutor.repl.toolbar import Toolbar
from tutor.repl.validator import AnswerValidator
from tutor.session import Current, Feedback, FeedbackKind
from tutor.session_text import COMMAND_HELP


# --- lexer ------------------------------------------------------------------------------------

def styles(text: str) -> list[tuple[str, str]]:
    return [(style, value) for style, value in tokens(text) if value.strip()]


def test_lexer_names_each_part_of_an_answer():
    assert styles("2.5e^(-x) + sigmoid(w_1) ≤ π") == [
        ("class:math.number", "2.5"), ("class:math.constant", "e"), ("class:math.operator", "^"),
        ("class:math.bracket", "("), ("class:math.operator", "-"), ("class:math.variable", "x"),
        ("class:math.bracket", ")"), ("class:math.operator", "+"), ("class:math.function", "sigmoid"),
        ("class:math.bracket", "("), ("class:math.variable", "w_1"), ("class:math.bracket", ")"),
        ("class:math.operator", "≤"), ("class:math.constant", "π")]


@pytest.mark.parametrize("text, unmatched", [
    ("(x + 1", ["("]), ("x + 1)", [")"]), ("[[1, 2], [3, 4]", ["["]), ("(0, 1]", []),
    ("((x)", ["("]),
])
def test_lexer_marks_brackets_that_do_not_pair(text, unmatched):
    assert [v for s, v in tokens(text) if s == "class:math.unmatched"] == unmatched


def test_lexer_keeps_every_character_and_marks_strays():
    text = "x ? 2 @ y"
    assert "".join(v for _, v in tokens(text)) == text
    assert [v for s, v in tokens(text) if s == "class:math.unknown"] == ["?", "@"]


@pytest.mark.parametrize("text, style", [
    (":hint", "class:command"), ("  :pro", "class:command"), (":nope", "class:command.unknown"),
])
def test_lexer_styles_commands(text, style):
    assert tokens(text)[-1] == (style, text.lstrip())


def test_lexer_document_lines():
    get_line = MathLexer().lex_document(Document("x\n(1"))
    assert get_line(0) == [("class:math.variable", "x")]
    assert get_line(1)[0] == ("class:math.unmatched", "(") and get_line(5) == []


def test_every_style_class_the_lexer_uses_is_styled():
    used = {s.removeprefix("class:") for text in ["2x+(y", "sin(e)?", ":h", ":zz", "(1)"]
            for s, _ in tokens(text) if s}
    assert used <= set(STYLE)
    default_style()  # the table is a valid prompt_toolkit style


# --- completer --------------------------------------------------------------------------------

def complete(text: str, variables=()) -> list[str]:
    completer = PracticeCompleter(lambda: variables)
    return [c.text for c in completer.get_completions(Document(text), None)]


def test_completes_function_names_with_a_bracket():
    assert complete("2 so") == ["softplus("]
    assert "sigmoid(" in complete("si") and "sin(" in complete("si")


def test_completes_the_problems_variables():
    assert complete("2 th", variables=("theta", "x")) == ["theta"]


def test_completes_commands_after_a_colon():
    assert complete(":") == [name for name, _ in COMMAND_HELP]
    assert complete(":s") == ["sub", "steps", "skip"]
    assert complete(":zz") == []


def test_nothing_to_complete_after_a_number_or_operator():
    assert complete("2+") == [] and complete("") == []


# --- reading, validator and toolbar -------------------------------------------------------------

def test_the_validator_lets_readable_answers_and_commands_through():
    validator = AnswerValidator(AnswerReader())
    for text in ["2x + 1", ":hint", ":whatever", "", "   "]:
        validator.validate(Document(text))


def parse_error(text: str) -> ParseError:
    with pytest.raises(ParseError) as err:
        parse(text)
    return err.value


def test_the_validator_refuses_unreadable_text_with_the_cursor_on_the_problem():
    with pytest.raises(ValidationError) as err:
        AnswerValidator(AnswerReader()).validate(Document("2x + * 3"))
    assert err.value.cursor_position == parse_error("2x + * 3").span[0] > 0
    assert err.value.message.endswith("(Fix it and press Enter; this costs nothing.)")


def test_the_reader_reads_each_text_once(monkeypatch):
    import tutor.parser

    calls = []
    real = tutor.parser.parse
    monkeypatch.setattr(tutor.parser, "parse", lambda text, **kw: calls.append(text) or real(text, **kw))
    reader = AnswerReader()
    for _ in range(3):
        reader.read("x^2")
    assert calls == ["x^2"]


def test_the_reader_uses_the_problems_variables():
    assert AnswerReader(lambda: ("x", "y")).read("xy").parsed.interpreted == "x·y"


def test_a_parser_crash_is_a_failed_reading_not_an_exception(monkeypatch):
    import tutor.parser

    def crash(text, **kw):
        raise RecursionError("too deep")

    monkeypatch.setattr(tutor.parser, "parse", crash)
    reading = AnswerReader().read("((((x))))")
    assert reading.failed == "RecursionError: too deep"
    AnswerValidator(AnswerReader()).validate(Document("x"))  # let through: the checker decides


def bar_text(text: str, variables=()) -> str:
    toolbar = Toolbar(AnswerReader(lambda: variables), lambda: "Problem 1 of 3 · answer: a number")
    return "".join(t for _, t in toolbar.fragments(text))


def test_the_toolbar_shows_how_the_answer_is_read():
    assert bar_text("e^(-z)/(1+e^(-z))^2") == " interpreted as: e^(−z)/(1 + e^(−z))²"


def test_the_toolbar_shows_the_parsers_notes():
    assert bar_text("xy", variables=("x", "y")).endswith("(read xy as x·y)")


def test_the_toolbar_shows_a_parse_error_with_its_position():
    err = parse_error("2x + * 3")
    assert bar_text("2x + * 3") == f" cannot read: {err.message} (at character {err.span[0] + 1})"


def test_the_toolbar_shows_status_and_keys_when_nothing_is_typed():
    assert bar_text("").startswith(" Problem 1 of 3 · answer: a number · F1 help")


@pytest.mark.parametrize("typed, shown", [
    (":hint", " :hint — the next hint"), (":pro", " :progress — how this run"),
    (":s", " one of :skip, :steps"), (":x", " no command :x (:help lists them)"),
])
def test_the_toolbar_explains_commands(typed, shown):
    assert bar_text(typed).startswith(shown)


# --- keys -------------------------------------------------------------------------------------

def test_each_bound_key_ends_the_prompt_with_its_command_and_the_draft():
    bindings = load_practice_bindings()
    found = {}
    for binding in bindings.bindings:
        event = SimpleNamespace(app=SimpleNamespace(exit=lambda result: found.setdefault(
            tuple(str(k) for k in binding.keys), result)), current_buffer=SimpleNamespace(text="2x"))
        binding.handler(event)
    assert found[("Keys.F1",)] == KeyCommand(":help", "2x")
    assert found[("Keys.Escape", "h")] == KeyCommand(":hint", "2x")
    assert found[("Keys.Escape", "p")] == KeyCommand(":preview", "2x")
    assert found[("Keys.Escape", "s")] == KeyCommand(":skip", "2x")
    assert set(KEYS) <= {name for name, _ in COMMAND_HELP}


# --- rendering --------------------------------------------------------------------------------

def current(review=False) -> Current:
    return Current(3, 7, "p3", "Chain rule", "Differentiate sin(x²).", "matrix", "[[1, 2], [3, 4]]",
                   ("x",), review)


def test_a_problem_shows_number_title_prompt_and_expected_kind():
    assert plain(problem_fragments(current())).splitlines() == [
        "", "Problem 3 of 7 · Chain rule", "Differentiate sin(x²).",
        "(answer: a matrix; :preview shows how to type one)"]
    assert "back for another try" in plain(problem_fragments(current(review=True)))


@pytest.mark.parametrize("status", ["correct", "incorrect", "invalid", "undetermined"])
def test_a_verdict_is_styled_by_its_status(status):
    fb = Feedback(FeedbackKind.VERDICT, "text", verdict=SimpleNamespace(status=status))
    assert feedback_fragments(fb) == [(f"class:verdict.{status}", "text")]
    assert f"verdict.{status}" in STYLE


def test_the_summary_after_a_last_verdict_is_set_apart():
    fb = Feedback(FeedbackKind.VERDICT, "✓ Correct.\n\nSummary ...", verdict=SimpleNamespace(
        status="correct"), finished=True, summary=object())
    assert feedback_fragments(fb) == [("class:verdict.correct", "✓ Correct."), ("", "\n\n"),
                                      ("class:summary", "Summary ...")]


def test_every_feedback_kind_has_a_style_class_in_the_table():
    for kind in FeedbackKind:
        [(style, _)] = feedback_fragments(Feedback(kind, "x", verdict=SimpleNamespace(status="correct")))
        assert style.removeprefix("class:") in STYLE


# --- menu -------------------------------------------------------------------------------------

SETS = [SimpleNamespace(id="calculus/chain", course="calculus", title="Chain rule", problem_count=4),
        SimpleNamespace(id="calculus/sigmoid", course="calculus", title="Sigmoid", problem_count=5),
        SimpleNamespace(id="probability/bayes", course="probability", title="Bayes", problem_count=3)]


def test_the_menu_groups_sets_by_course_with_progress():
    assert plain(menu_fragments(SETS, {"calculus/chain": 2})).splitlines() == [
        "calculus",
        "   1  calculus/chain     Chain rule  (2 of 4 solved)",
        "   2  calculus/sigmoid   Sigmoid  (0 of 5 solved)",
        "",
        "probability",
        "   3  probability/bayes  Bayes  (0 of 3 solved)"]


@pytest.mark.parametrize("choice, found", [
    ("1", "calculus/chain"), (" 3 ", "probability/bayes"), ("sigmoid", "calculus/sigmoid"),
    ("probability/bayes", "probability/bayes"), ("0", None), ("4", None), ("cha", None),
])
def test_a_set_is_picked_by_number_id_or_name(choice, found):
    picked = pick(SETS, choice)
    assert (picked.id if picked else None) == found
