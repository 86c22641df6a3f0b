"""`tutor.values.frozen`: value classes behave exactly as frozen dataclasses do, for less start-up."""
from __future__ import annotations

import copy
import dataclasses
import pickle
import re
from pathlib import Path

import pytest

from tutor import values
from tutor.values import frozen

ROOT = Path(__file__).resolve().parents[1]


@frozen
class Pickled:
    a: int
    b: tuple = ()


def _twins(**options):
    """The same class made by `frozen` and by `dataclasses.dataclass(frozen=True)`."""
    def body(ns):
        ns["__annotations__"] = {"a": "int", "b": "tuple", "hidden": "str", "unhashed": "int",
                                 "made": "list"}
        ns["b"] = ()
        ns["hidden"] = dataclasses.field(default="h", repr=False, compare=False)
        ns["unhashed"] = dataclasses.field(default=0, hash=False)
        ns["made"] = dataclasses.field(default_factory=list, compare=False)

    import types
    ours = frozen(**options)(types.new_class("Thing", (), {}, body))
    theirs = dataclasses.dataclass(frozen=True, **options)(types.new_class("Thing", (), {}, body))
    return ours, theirs


@pytest.mark.parametrize("options", [{}, {"eq": False}, {"kw_only": True}])
def test_a_value_class_prints_compares_and_hashes_as_a_frozen_dataclass(options):
    ours, theirs = _twins(**options)
    kwargs = [dict(a=1, b=(2, 3), hidden="x", unhashed=4), dict(a=1, b=(2, 3), hidden="y", unhashed=5),
              dict(a=2)]
    mine = [ours(**k) for k in kwargs]
    ref = [theirs(**k) for k in kwargs]
    assert [repr(m) for m in mine] == [repr(r) for r in ref]
    for i in range(3):
        for j in range(3):
            assert (mine[i] == mine[j]) == (ref[i] == ref[j]), (i, j)
    if options.get("eq", True):
        assert [hash(m) for m in mine] == [hash(r) for r in ref]
        assert mine[0] != "not a thing" and mine[0].__eq__(ref[0]) is NotImplemented
    else:
        assert type(mine[0]).__hash__ is object.__hash__ and hash(mine[0]) != hash(mine[1])
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(theirs)]


def test_a_value_class_is_frozen_and_works_with_the_dataclass_tools():
    ours, _ = _twins()
    thing = ours(1, (2,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        thing.a = 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        del thing.b
    assert dataclasses.is_dataclass(thing) and dataclasses.replace(thing, a=7).a == 7
    assert dataclasses.asdict(thing)["b"] == (2,)
    assert copy.deepcopy(thing) == thing and copy.copy(thing) is not thing
    kept = Pickled(1, (2,))
    assert pickle.loads(pickle.dumps(kept)) == kept


def test_nothing_is_set_after_the_constructor_but_post_init_may_fill_a_field():
    @frozen
    class Measured:
        text: str
        length: int = dataclasses.field(init=False, default=0)

        def __post_init__(self) -> None:
            object.__setattr__(self, "length", len(self.text))

    m = Measured("abc")
    assert m.length == 3 and m == Measured("abc")
    for name in ("text", "length", "other"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(m, name, "x")
    assert vars(m) == {"text": "abc", "length": 3}


def test_methods_a_class_writes_itself_are_kept():
    @frozen
    class Loud:
        x: int

        def __repr__(self) -> str:
            return "LOUD"

    @frozen
    class Folded:
        x: str

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Folded) and self.x.lower() == other.x.lower()

        def __hash__(self) -> int:
            return hash(self.x.lower())

    @frozen
    class OnlyEq:
        x: int

        def __eq__(self, other: object) -> bool:
            return True

    assert repr(Loud(1)) == "LOUD"
    assert Folded("A") == Folded("a") and hash(Folded("A")) == hash(Folded("a"))
    # as with dataclasses: writing __eq__ alone still gets the fields' hash
    assert hash(OnlyEq(3)) == hash((3,))


def test_a_subclass_compares_and_prints_all_its_fields():
    @frozen
    class Base:
        a: int

    @frozen
    class Child(Base):
        b: int = 0

    assert repr(Child(1, 2)) == "test_a_subclass_compares_and_prints_all_its_fields.<locals>.Child(a=1, b=2)"
    assert Child(1, 2) != Child(1, 3) and Child(1, 2) != Base(1) and hash(Child(1, 2)) == hash((1, 2))


def test_every_value_class_in_the_package_is_declared_with_frozen():
    # one way to declare a value class: a frozen dataclass written with dataclasses directly would
    # compile three functions more at every start-up (tutor.values)
    found = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "tutor").rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"dataclass\(.*frozen=True", line) and path.name != "values.py"]
    assert found == []


def test_value_classes_share_their_comparison_hash_and_printing():
    from tutor.checker.verdict import Verdict
    from tutor.parser.parsed import Parsed

    for cls in (Verdict, Parsed):
        assert cls.__repr__ is values._repr or "__repr__" in vars(cls)
        assert cls.__eq__ is values._eq or "__eq__" in vars(cls)
