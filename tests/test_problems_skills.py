"""The skill model: skills.toml and topics.toml are declared once, checked by lint, never taken for sets."""
from __future__ import annotations

import textwrap
import tomllib
from pathlib import Path

import pytest

from tutor.problems import discover
from tutor.problems.discovery import problem_files
from tutor.problems.lint import lint_paths
from tutor.problems.skills import (Catalogue, CatalogueError, Skill, UnknownTopicError, find_cycle,
                                   load_catalogue, problems)

ROOT = Path(__file__).resolve().parents[1]
PROBLEMS = ROOT / "problems"
REQUIRED_TOPICS = ["linear regression", "gradient descent", "logistic regression",
                   "neural-network backpropagation", "PCA", "naive Bayes", "A/B testing",
                   "maximum likelihood"]


def test_the_shipped_catalogue_is_consistent():
    cat = load_catalogue([PROBLEMS])
    assert problems(cat) == []
    assert len({s.id for s in cat.skills}) == len(cat.skills)
    assert {s.course for s in cat.skills} == {"calculus", "linear_algebra", "probability"}


def test_every_tag_of_every_shipped_problem_names_a_declared_skill():
    cat = load_catalogue([PROBLEMS])
    for path in problem_files(PROBLEMS):
        for problem in tomllib.loads(path.read_text(encoding="utf-8"))["problems"]:
            for tag in problem["tags"]["skills"]:
                assert cat.find(tag) is not None, (path.name, problem["id"], tag)


@pytest.mark.parametrize("name", REQUIRED_TOPICS)
def test_the_required_topics_exist_and_end_with_their_own_skills(name):
    cat = load_catalogue([PROBLEMS])
    topic = cat.topic(name)
    chain = [s.id for s in cat.chain(topic)]
    assert set(topic.skills) <= set(chain)
    # every skill comes after all of its prerequisites
    for i, sid in enumerate(chain):
        assert set(cat.skill(sid).prerequisites) <= set(chain[:i]), sid


def test_topics_match_by_id_or_title_ignoring_case():
    cat = load_catalogue([PROBLEMS])
    assert cat.topic("Logistic-Regression").id == cat.topic("LOGISTIC REGRESSION").id == "logistic-regression"
    assert cat.topic("pca").title.startswith("Principal component")
    with pytest.raises(UnknownTopicError, match="Topics: "):
        cat.topic("quantum chromodynamics")


def test_a_cycle_is_found_and_named():
    cat = Catalogue((Skill("a", "A", "c", 1, ("c",)), Skill("b", "B", "c", 1, ("a",)),
                     Skill("c", "C", "c", 1, ("b",)), Skill("d", "D", "c", 1, ())), ())
    cycle = find_cycle(cat)
    assert cycle[0] == cycle[-1] and set(cycle) == {"a", "b", "c"}
    assert any("cycle" in p for p in problems(cat))
    assert [s.id for s in cat.chain(__import__("tutor.problems.skills").problems.skills.Topic("t", "T", ("a",)))]


def _folder(tmp_path: Path, skills: str, tags: str) -> Path:
    (tmp_path / "calculus").mkdir()
    (tmp_path / "skills.toml").write_text(textwrap.dedent(skills), encoding="utf-8")
    (tmp_path / "topics.toml").write_text('[topics]\nt = { title = "T", skills = ["own"] }\n', encoding="utf-8")
    (tmp_path / "calculus" / "mine.toml").write_text(textwrap.dedent(f'''
        title = "Mine"
        description = "d"
        [[problems]]
        id = "p"
        title = "P"
        tags = {{ week = 1, skills = {tags} }}
        prompt = "What is 1 + 1?"
        answer = "2"
        hints = ["Count.", "One and one.", "Two."]
        [[problems.tests]]
        response = "2"
        status = "correct"
        [[problems.tests]]
        response = "3"
        status = "incorrect"
        '''), encoding="utf-8")
    return tmp_path


def test_lint_rejects_an_undeclared_tag_and_accepts_declared_ones(tmp_path):
    folder = _folder(tmp_path, '''
        [skills]
        own = { name = "my own skill", course = "calculus", week = 1, prerequisites = ["chain-rule"] }
        ''', '["my own skill", "chain rule", "made-up skill"]')
    report = lint_paths([folder], seeds=1)
    assert not report.ok
    failures = [line for f in report.files for p in f.problems for line in p.failures]
    assert failures == ["the tag 'made-up skill' names no skill declared in skills.toml; declare it "
                        "there or fix the tag"]
    # the catalogue itself is fine: its file report passes
    assert [f.ok for f in report.files if f.set_id == "skills"] == [True]


def test_lint_rejects_a_cycle_in_the_prerequisites(tmp_path):
    folder = _folder(tmp_path, '''
        [skills]
        own = { name = "own", course = "calculus", week = 1, prerequisites = ["other"] }
        other = { name = "other", course = "calculus", week = 1, prerequisites = ["own"] }
        ''', '["own"]')
    report = lint_paths([folder / "skills.toml"], seeds=1)
    assert not report.ok
    assert "cycle" in report.files[0].error


def test_a_malformed_catalogue_is_a_clear_error(tmp_path):
    (tmp_path / "skills.toml").write_text('[skills]\nx = { name = "x" }\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="needs exactly name, course, week and prerequisites"):
        load_catalogue([tmp_path])


def test_skills_and_topics_files_are_never_problem_sets(tmp_path):
    assert not [p for p in problem_files(PROBLEMS) if p.parent == PROBLEMS]
    assert all(not info.id.endswith(("/skills", "/topics")) for info in discover([PROBLEMS]))
