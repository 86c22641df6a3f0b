"""The grammar's LALR tables, built once by us and shipped as data (``grammar_tables.json``).

Building the tables from ``grammar.lark`` takes about as long as importing SymPy, so they are
not built at start-up: they are read from a JSON file made by
``python -c "from tutor.parser.tables import write_tables; write_tables()"`` and shipped with the
package. JSON rather than lark's pickle cache in the user's cache folder:
nothing is written at run time, and nothing read can run code. The file names the digest of the
grammar it was made from; when the grammar has changed since (or the installed lark cannot read
the file) the tables are built in memory instead, which is slower to start but never wrong, and
``tests/test_parser_tables.py`` fails until the file is made again.

>>> parser = load_parser()
>>> parser.parse("2x").data, parser.source_path
('start', '<deserialized>')
"""
from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark
from lark.grammar import Rule
from lark.lark import _LOAD_ALLOWED_OPTIONS
from lark.lexer import TerminalDef

from tutor.parser import lexing

TABLES_FILE = "grammar_tables.json"
FORMAT = "tutor.grammar-tables/1"
# how the grammar is compiled; part of the digest, so a change here makes the shipped tables stale
OPTIONS: dict[str, Any] = {"parser": "lalr", "lexer": "basic", "propagate_positions": False,
                           "maybe_placeholders": True}


def grammar_text() -> str:
    """The grammar, shipped as package data.

    >>> grammar_text().splitlines()[0].startswith("//")
    True
    """
    return resources.files("tutor.parser").joinpath("grammar.lark").read_text(encoding="utf-8")


def grammar_digest() -> str:
    """The digest of the grammar and the options it is compiled with (what the tables must match).

    >>> len(grammar_digest())
    64
    """
    source = grammar_text() + json.dumps(OPTIONS, sort_keys=True)
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def build_parser() -> Lark:
    """Build the parser from the grammar (about half a second).

    >>> build_parser().source_path
    '<string>'
    """
    return Lark(grammar_text(), postlex=lexing.PostLex(), **OPTIONS)


def load_parser() -> Lark:
    """The parser from the shipped tables when they match the grammar, else built in memory.

    >>> load_parser().options.parser
    'lalr'
    """
    tables = _read_tables()
    if tables is not None:
        try:
            return Lark._load_from_dict(tables["data"], tables["memo"], postlex=lexing.PostLex())
        except Exception:  # noqa: BLE001 - a lark that reads the file differently: build instead
            pass
    return build_parser()


def tables_of(parser: Lark) -> dict[str, Any]:
    """The JSON-ready tables of a built parser, with the digest of the grammar they come from.

    >>> sorted(tables_of(build_parser()))
    ['data', 'format', 'grammar_sha256', 'memo']
    """
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k not in _LOAD_ALLOWED_OPTIONS}
    return {"format": FORMAT, "grammar_sha256": grammar_digest(), "data": data, "memo": memo}


def write_tables(path: Path | None = None) -> Path:
    """Build the parser and write its tables (lark may number the states differently from one
    build to the next; the parser they make is the same).

    >>> import tempfile
    >>> write_tables(Path(tempfile.mkdtemp()) / "tables.json").stat().st_size > 10_000
    True
    """
    path = path or Path(str(resources.files("tutor.parser").joinpath(TABLES_FILE)))
    text = json.dumps(tables_of(build_parser()), sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _read_tables() -> dict[str, Any] | None:
    try:
        text = resources.files("tutor.parser").joinpath(TABLES_FILE).read_text(encoding="utf-8")
        tables = json.loads(text, object_pairs_hook=_numbered)
    except (OSError, ValueError):
        return None
    if not isinstance(tables, dict) or tables.get("format") != FORMAT:
        return None
    return tables if tables.get("grammar_sha256") == grammar_digest() else None


def _numbered(pairs: list[tuple[str, Any]]) -> dict[Any, Any]:
    """JSON keys are text; lark's tables number their states, tokens and memo entries.

    >>> _numbered([("3", "a"), ("NAME", "b")])
    {3: 'a', 'NAME': 'b'}
    """
    return {int(k) if k.isdigit() else k: v for k, v in pairs}
