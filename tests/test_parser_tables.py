"""The grammar's tables ship as data: current with the grammar, the same parser as one built now,
and nothing written to (or read as a pickle from) the user's cache folder."""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from importlib import resources

import pytest

import tutor.parser
from parser_table import ROWS
from tutor.parser import tables


def test_the_shipped_tables_were_made_from_this_grammar():
    shipped = json.loads(resources.files("tutor.parser").joinpath(tables.TABLES_FILE).read_text("utf-8"))
    assert shipped["grammar_sha256"] == tables.grammar_digest(), (
        "grammar.lark changed: make the tables again with "
        "python -c 'from tutor.parser.tables import write_tables; write_tables()'")
    assert tables._read_tables() is not None


def test_tables_made_now_load_and_match_the_grammar(tmp_path):
    made = json.loads(tables.write_tables(tmp_path / "t.json").read_text("utf-8"))
    assert made["format"] == tables.FORMAT and made["grammar_sha256"] == tables.grammar_digest()


def test_the_loaded_parser_reads_every_table_row_as_a_built_one_does():
    loaded, built = tables.load_parser(), tables.build_parser()
    assert loaded.options.parser == "lalr" and loaded.source_path == "<deserialized>"
    for row in [r for r in ROWS if len(r.text) < 120]:  # comparing deep trees would recurse too deep
        try:
            expected = built.parse(row.text)
        except Exception as err:  # noqa: BLE001 - the same failure is what must be compared
            with pytest.raises(type(err)):
                loaded.parse(row.text)
        else:
            assert loaded.parse(row.text) == expected, row.text


def test_stale_tables_are_not_used_the_parser_is_built_instead(monkeypatch):
    monkeypatch.setattr(tables, "grammar_digest", lambda: "0" * 64)
    assert tables._read_tables() is None
    assert tables.load_parser().source_path != "<deserialized>"


def test_no_pickle_is_read_to_start_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a pickle was read")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    tutor.parser._lark.cache_clear()
    try:
        assert tutor.parser.parse("sin 2x").interpreted == "sin(2·x)"
    finally:
        tutor.parser._lark.cache_clear()


def test_parsing_writes_nothing_to_the_cache_or_home_folder(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", "from tutor.parser import parse; parse('2x')"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "cache").exists() and not (tmp_path / "home").exists()
