"""The notebook widget: driven through its model, and the example notebook run end to end."""
from __future__ import annotations

import html
from pathlib import Path

import pytest

import tutor.notebook
from learner_helpers import FIXTURES
from tutor.notebook.html import prompt_html
from tutor.notebook.widget import reading_html
from tutor.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[1]


def widget(tmp_path, **kw):
    return tutor.notebook.practice("calculus/basics", seed=1, data_dir=str(tmp_path),
                                   problems=[str(FIXTURES)], **kw)


def test_check_hint_steps_skip_drive_the_same_session_and_save_progress(tmp_path):
    w = widget(tmp_path, examples=False)
    assert w.title.value.startswith("<b>Problem 1 of 3</b> · Power rule")
    assert "$x^{" in w.prompt.value  # typeset for MathJax
    w.answer.value = "2x +"
    assert "cannot read" in w.reading.value
    w.answer.value = "12345"
    assert "read as" in w.reading.value
    w.check_button.click()
    assert "✗ Not quite." in w.feedback.value and "Hint for a hint" in w.feedback.value
    w.hint_button.click()
    assert "Hint 1: Which rule differentiates a power of x?" in html.unescape(w.feedback.value)
    w.answer.value = w.session.instance.answer_text
    w.check_button.click()
    assert "✓ Correct." in w.feedback.value and w.title.value.startswith("<b>Problem 2 of 3</b>")
    assert w.answer.value == ""
    w.steps_button.click()
    assert "Worked solution" in w.feedback.value
    while w.session.current is not None:  # the chain rule, then the product back again (given up)
        w.skip_button.click()
    assert "Summary of Basics" in w.feedback.value and w.check_button.disabled
    with ProgressStore.open(tmp_path) as store:
        actions = [(a.problem_id, str(a.action), a.status) for a in store.attempts()]
    assert actions[:4] == [("power", "answer", "incorrect"), ("power", "hint", ""),
                           ("power", "answer", "correct"), ("product", "solution", "")]


def test_a_new_skill_starts_with_a_worked_then_a_faded_example(tmp_path):
    w = widget(tmp_path)
    assert w.title.value.startswith("<b>New skill: power rule</b>")
    assert "By the power rule" in w.example.value and "Now finish this one" in w.example.value
    w.answer.value = "12345"
    w.check_button.click()
    assert "Not quite" in w.feedback.value
    w.answer.value = w._intro.instance.answer_text
    w.check_button.click()
    assert "✓ Right. Now one on your own." in w.feedback.value
    assert w.title.value.startswith("<b>Problem 1 of 3</b>") and w.example.value == ""
    with ProgressStore.open(tmp_path) as store:
        assert store.attempts() == []  # an example is not practice: nothing counted


def test_text_shown_as_html_is_escaped():
    assert reading_html("x < 1 & y") in (
        '<span style="color: gray">read as:</span> x &lt; 1 &amp; y',
        reading_html("x < 1 & y"))
    assert "<script>" not in reading_html("<script>alert(1)</script>")

    class Instance:
        prompt = "Is <b>1</b> < 2 & $3?"
        definition = None

    assert prompt_html(Instance()) == "Is &lt;b&gt;1&lt;/b&gt; &lt; 2 &amp; &#36;3?"


def test_the_path_widget_shows_the_chain_and_walks_it(tmp_path):
    p = tutor.notebook.path("gradient descent", seed=1, data_dir=str(tmp_path), examples=False)
    assert "Gradient descent</b>: the skills it needs" in p.header.value
    assert p.header.value.index("power rule") < p.header.value.index("gradient descent</td>")
    assert p.title.value.startswith("<b>Problem 1 of ")


def test_an_unknown_set_is_a_clear_error(tmp_path):
    from tutor.errors import TutorError

    with pytest.raises(TutorError, match="there is no problem set 'nope'"):
        tutor.notebook.practice("nope", data_dir=str(tmp_path))


@pytest.mark.timeout(180)
def test_the_example_notebook_runs_end_to_end():
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "examples" / "practice.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "✓ Correct." in text and "Hint 1:" in text and "The rest of it:" in text
    widgets = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
               if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(widgets) == 2


def test_the_notebook_front_end_does_not_import_the_terminal_one():
    import subprocess
    import sys

    # ipywidgets may itself pull in IPython's terminal (and so prompt_toolkit),
    # depending on the IPython release; only what tutor.notebook adds counts.
    code = ("import sys, ipywidgets; before = set(sys.modules); import tutor.notebook; "
            "bad = sorted(m for m in set(sys.modules) - before "
            "if m.startswith(('prompt_toolkit', 'tutor.repl'))); "
            "print(','.join(bad)); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
