"""Figures in docs/ are generated (docs/generate.py), never typed: the committed file must be
exactly what the script writes from the code and data now (issue 12, item 7)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generate", ROOT / "docs" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_parser_differences_is_what_the_script_writes():
    generate = _generator()
    if not generate.ORACLES.is_dir():
        pytest.skip(f"STACK fixtures not found at {generate.ORACLES} (../shared is absent)")
    committed = generate.TARGET.read_text(encoding="utf-8")
    assert committed == generate.render(), "docs/parser_differences.md is stale: run python docs/generate.py"
