"""The checker's primitive arithmetic now lives in `tutor.ops.arith`, next to the operations that use it.

This name is kept so that ``from tutor.checker.arith import RealOps`` keeps working.

>>> from tutor.checker.arith import RealOps
>>> RealOps.complex
False
"""
from __future__ import annotations

from tutor.ops.arith import (  # noqa: F401 - re-exported
    FONE, FZERO, MAX_MAG, RND, TRIG_MAG, ComplexOps, Overflow, RealOps, Undefined, log2abs, mag,
)
