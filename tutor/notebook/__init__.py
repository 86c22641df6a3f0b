"""Practice in Jupyter: the same `Session` as in the terminal, as a widget (``pip install tutor[notebook]``).

In a notebook cell::

    import tutor.notebook
    tutor.notebook.practice("calculus/logistic_regression")
    tutor.notebook.path("logistic regression")

(`examples/practice.ipynb` drives both in code; the tests run it end to end.)

Progress goes to the same database as ``tutor practice`` (``data_dir``, else ``TUTOR_HOME`` or
``$XDG_DATA_HOME/tutor``), so ``tutor progress`` and ``tutor review`` see notebook practice too.
"""
from __future__ import annotations

from tutor.notebook.start import path, practice

__all__ = ["practice", "path"]
