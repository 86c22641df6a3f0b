"""The runnable examples in the checker's docstrings stay true, and public functions have one."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import tutor.checker

MODULES = sorted(f"tutor.checker.{m.name}" for m in pkgutil.iter_modules(tutor.checker.__path__))


@pytest.mark.parametrize("name", ["tutor.checker", *MODULES])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_public_functions_have_examples():
    missing = []
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if callable(value) and not attr.startswith("_") and getattr(value, "__module__", "") == name \
                    and not isinstance(value, type) and ">>>" not in (value.__doc__ or ""):
                missing.append(f"{name}.{attr}")
    assert missing == []
