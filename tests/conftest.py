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
