"""Ship the built-in problem sets inside the package.

`problems/` stays at the top of the repository, where authors edit it; a built wheel (and a
non-editable ``pip install .``) carries a copy as ``tutor/problem_sets/``, which
`tutor.problems.discovery` finds from any folder. Everything else is in ``pyproject.toml``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ("*.toml", "README.md")


class BuildWithProblems(build_py):
    """`build_py` that also copies ``problems/**.toml`` into ``tutor/problem_sets``."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:   # an editable install reads problems/ where it is
            return
        source = ROOT / "problems"
        target = Path(self.build_lib) / "tutor" / "problem_sets"
        if target.exists():
            shutil.rmtree(target)
        for pattern in SHIPPED:
            for path in source.rglob(pattern):
                dest = target / path.relative_to(source)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)


setup(cmdclass={"build_py": BuildWithProblems})
