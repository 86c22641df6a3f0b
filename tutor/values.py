"""`frozen`: how tutor declares a value class (a dataclass whose instances never change).

Python 3.11's `dataclasses` writes and compiles six small functions for every frozen class
(``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``): about
half a millisecond per class on the 2-core machine start-up is measured on, where a practice
session through a pipe defines 119 value classes: 58 ms of its start-up. `frozen` has
`dataclasses` compile only the constructor, the one function that must be written for the
fields of its class, and gives every class the same five functions for the rest:

* ``__eq__`` and ``__hash__`` compare and hash the fields `dataclasses.fields` lists, exactly as
  the generated ones do (``field(compare=False)`` and ``field(hash=...)`` honoured);
* ``__repr__`` prints them as the generated one does (``field(repr=False)`` honoured);
* ``__setattr__`` lets the constructor set each field once, and ``__delattr__`` refuses: after
  that, assigning or deleting any attribute raises `dataclasses.FrozenInstanceError`.

A method the class writes itself wins, as with `dataclasses`. `dataclasses.fields`, `replace`,
`asdict`, copying and pickling work as before; only ``__dataclass_params__.frozen`` says False,
because `dataclasses` itself is not asked to freeze (mypy reads the class as frozen, through
`typing.dataclass_transform`). The constructor is about 0.05 µs per field slower than a frozen
dataclass's; a check builds about seventy fields.

>>> import dataclasses
>>> @frozen
... class Point:
...     x: int
...     y: int = 0
...     label: str = dataclasses.field(default="", compare=False)
>>> p = Point(1, 2, "a")
>>> p, p == Point(1, 2, "b"), hash(p) == hash((1, 2)), dataclasses.replace(p, y=5)
(Point(x=1, y=2, label='a'), True, True, Point(x=1, y=5, label='a'))
>>> p.x = 3
Traceback (most recent call last):
  ...
dataclasses.FrozenInstanceError: cannot assign to field 'x'
>>> p.note = "later"
Traceback (most recent call last):
  ...
dataclasses.FrozenInstanceError: cannot assign to field 'note'
>>> @frozen(eq=False, kw_only=True)
... class Node:
...     name: str
>>> Node(name="n") == Node(name="n")       # eq=False: identity, as with dataclasses
False
"""
from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")

__all__ = ["frozen"]


@overload
def frozen(cls: type[T], /) -> type[T]: ...
@overload
def frozen(*, eq: bool = True, kw_only: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: Any = None, /, *, eq: bool = True, kw_only: bool = False) -> Any:
    """Make `cls` a frozen dataclass: ``@frozen``, or ``@frozen(eq=False, kw_only=True)``.

    `eq` (default True) compares and hashes instances by their fields, as `dataclasses` does;
    ``eq=False`` keeps identity. `kw_only` makes every field keyword-only.

    >>> @frozen
    ... class Pair:
    ...     a: int
    ...     b: tuple[int, ...] = ()
    >>> Pair(1) == Pair(1, ()), {Pair(1): "x"}[Pair(1)], repr(Pair(2, (3,)))
    (True, 'x', 'Pair(a=2, b=(3,))')
    """
    def wrap(c: Any) -> Any:
        has_eq, class_hash = "__eq__" in c.__dict__, c.__dict__.get("__hash__", dataclasses.MISSING)
        made = dataclasses.dataclass(c, repr=False, eq=False, kw_only=kw_only)
        fields = dataclasses.fields(made)
        made.__value_fields__ = frozenset(f.name for f in fields)
        made.__value_repr__ = tuple(f.name for f in fields if f.repr)
        made.__setattr__, made.__delattr__ = _setattr, _delattr
        if "__repr__" not in made.__dict__:
            made.__repr__ = _repr
        if eq:
            made.__value_key__ = _key([f.name for f in fields if f.compare])
            made.__value_hash__ = _key([f.name for f in fields if (f.compare if f.hash is None else f.hash)])
            if not has_eq:
                made.__eq__ = _eq
            # as dataclasses does: a __hash__ the class writes is kept; the None that defining
            # __eq__ leaves behind is not one
            if class_hash is dataclasses.MISSING or (class_hash is None and has_eq):
                made.__hash__ = _hash
        return made

    return wrap if cls is None else wrap(cls)


def _key(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of the named attributes (as a tuple even for one name or none)."""
    if not names:
        return lambda _: ()
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return attrgetter(*names)


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self).__value_repr__)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        key = type(self).__value_key__
        return key(self) == key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(type(self).__value_hash__(self))


def _setattr(self: Any, name: str, value: Any) -> None:
    # the constructor sets each field once; nothing is set after that
    attributes = self.__dict__
    if name in attributes or name not in self.__value_fields__:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
    attributes[name] = value


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
