"""Test settings shared by every test file.

Under CI (CI=true) hypothesis runs derandomized: the same examples every run, so a submission
lands or not on its own merits. Locally it explores new examples every run, which is where
new counterexamples should be found.
"""
from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# FSRS spreads review intervals at random ("fuzz"); the tests need the exact schedule. Set for the
# whole run, so subprocesses (`tutor` run as a program, tmux, notebooks) inherit it too.
os.environ["TUTOR_FSRS_FUZZ"] = "0"
