"""Lazy re-exports for a package's `__init__`: names are imported on first use, so that
``import tutor`` (and ``import tutor.problems``) stays light."""
from __future__ import annotations

from importlib import import_module
from typing import Any, Callable


def lazy_exports(package: str, table: dict[str, str],
                 namespace: dict[str, Any]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` for names listed as name → module.

    >>> ns = {"__all__": ["sqrt"]}
    >>> getattr_, dir_ = lazy_exports("demo", {"sqrt": "math"}, ns)
    >>> getattr_("sqrt")(9.0), "sqrt" in ns, dir_()
    (3.0, True, ['sqrt'])
    """
    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value   # found directly next time
        return value

    def __dir__() -> list[str]:
        # the public names only: dir(tutor) shows what to use, not the modules and helpers behind it
        return sorted(namespace.get("__all__", ()))

    return __getattr__, __dir__
