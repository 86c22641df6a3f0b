"""Every public function of the engine has a runnable example (pytest --doctest-modules runs them)."""
from __future__ import annotations

import importlib
import pkgutil

import pytest

PACKAGES = ["tutor.ops", "tutor.linalg", "tutor.parser", "tutor.checker", "tutor.steps", "tutor.problems"]


def _modules(package: str) -> list[str]:
    path = importlib.import_module(package).__path__
    return [package] + sorted(f"{package}.{m.name}" for m in pkgutil.iter_modules(path))


@pytest.mark.parametrize("package", PACKAGES)
def test_public_functions_have_examples(package):
    missing = []
    for name in _modules(package):
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if callable(value) and not attr.startswith("_") and getattr(value, "__module__", "") == name \
                    and not isinstance(value, type) and ">>>" not in (value.__doc__ or ""):
                missing.append(f"{name}.{attr}")
    assert missing == []
