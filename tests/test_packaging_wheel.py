"""A built wheel ships the problem sets and works from any folder.

The wheel is built from a copy of the files an sdist carries, installed with pip into a fresh
virtual environment, and run from an empty folder: `tutor lint` must find the built-in sets, and
a piped `tutor practice` must check answers. The new environment borrows this one's installed
dependencies (SymPy, NumPy, lark, prompt_toolkit) through a path file rather than downloading
them again; the editable `tutor` of this environment stays invisible to it, because path files
in a borrowed folder are not run.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.timeout(300)


def _run(argv: list[str], **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "TUTOR_PROBLEMS", "TUTOR_HOME", "VIRTUAL_ENV")}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=240, **kw)
    assert done.returncode == 0, f"{argv}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `bin` folder of a fresh venv with the wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("tutor", "problems"):
        shutil.copytree(ROOT / folder, source / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
          "-w", str(dist), str(source)])
    (wheel,) = dist.glob("tutor-*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    _run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
          "--no-deps", "-q", str(wheel)])
    site = Path(_run([str(venv / "bin" / "python"), "-c",
                      "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


def test_installed_tutor_is_the_wheel_not_this_checkout(installed, tmp_path):
    where = _run([str(installed / "python"), "-c", "import tutor; print(tutor.__file__)"],
                 cwd=tmp_path).stdout.strip()
    assert "site-packages" in where and not where.startswith(str(ROOT))
    wheel_sets = Path(where).parent / "problem_sets"
    expected = {p.relative_to(ROOT / "problems").as_posix() for p in (ROOT / "problems").rglob("*.toml")}
    assert {p.relative_to(wheel_sets).as_posix() for p in wheel_sets.rglob("*.toml")} == expected


def test_lint_from_another_folder_finds_the_built_in_sets(installed, tmp_path):
    done = _run([str(installed / "tutor"), "lint", "--seeds", "1"], cwd=tmp_path)
    from tutor.problems.discovery import problem_files

    count = len(problem_files(ROOT / "problems")) + 1  # and the skills and topics beside them
    assert f"in {count} files: all passed" in done.stdout


def test_piped_practice_from_another_folder_checks_answers(installed, tmp_path):
    from tutor.problems import load_problem_set
    from tutor.session import Session

    session = Session(load_problem_set(ROOT / "problems" / "calculus" / "derivatives.toml"), seed=3)
    answer = session.instance.answer_text
    done = _run([str(installed / "tutor"), "--data-dir", str(tmp_path / "data"), "practice",
                 "calculus/derivatives", "--seed", "3"],
                cwd=tmp_path, input=f"{answer}\n:quit\n")
    assert "✓ Correct." in done.stdout and done.stderr == ""


def test_wheel_file_lists_the_problem_sets(installed):
    wheel = next(installed.parent.parent.glob("dist/tutor-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "tutor/problem_sets/calculus/derivatives.toml" in names
    assert "tutor/grammar.lark" not in names and "tutor/parser/grammar.lark" in names


def test_the_wheel_ships_py_typed(installed):
    # PEP 561: without the marker, mypy ignores tutor's type hints in the projects that use it
    wheel = next(installed.parent.parent.glob("dist/tutor-*.whl"))
    assert "tutor/py.typed" in zipfile.ZipFile(wheel).namelist()
