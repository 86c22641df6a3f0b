"""Text → `Parsed`: one lark grammar for everything learners and authors type."""
from __future__ import annotations

from tutor.parser.parsed import Kind, Note, Parsed

__all__ = ["parse", "Parsed", "Note", "Kind"]


def parse(text: str, *, variables=None, functions=None) -> Parsed:  # pragma: no cover - replaced below
    raise NotImplementedError("the parser is being written")
