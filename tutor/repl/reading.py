"""How the line being typed reads, computed once per text and shared by the toolbar and the validator.

>>> reader = AnswerReader(lambda: ("x",))
>>> reader.read("2x").parsed.interpreted
'2·x'
>>> reader.read("2x +").error.message
"Something is missing after '+'."
>>> reader.read(":hint") is None
True
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from tutor.errors import ParseError
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover
    from tutor.parser import Parsed


@frozen
class Reading:
    """Either how the text was read, or why it cannot be (`failed`: the parser itself broke)."""

    parsed: Parsed | None = None
    error: ParseError | None = None
    failed: str | None = None


class AnswerReader:
    """Parses answers as the problem will (with its variables), remembering the last few texts.

    The toolbar asks on every redraw, so each text is parsed once.
    """

    def __init__(self, variables: Callable[[], Iterable[str]] = tuple, size: int = 64) -> None:
        self._variables = variables
        self._size = size
        self._cache: OrderedDict[tuple[str, tuple[str, ...]], Reading] = OrderedDict()

    def read(self, text: str) -> Reading | None:
        """How `text` reads; None when it is not an answer (empty, or a ``:command``)."""
        if not text.strip() or text.lstrip().startswith(":"):
            return None
        key = (text, tuple(sorted(self._variables())))
        if key not in self._cache:
            self._cache[key] = _read(text, key[1])
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return self._cache[key]


def _read(text: str, variables: tuple[str, ...]) -> Reading:
    from tutor.parser import parse

    try:
        parsed = parse(text, variables=list(variables) or None)
        parsed.interpreted  # noqa: B018 - computed here so a failure in it is caught here
        return Reading(parsed=parsed)
    except ParseError as err:
        return Reading(error=err)
    except Exception as err:  # noqa: BLE001 - a preview must never take the prompt down
        return Reading(failed=f"{type(err).__name__}: {err}")
