"""What a number is known to be: the words of the `assume` option and of scalar declarations.

One set of words for both (``assume={"p": "probability"}``, ``variables={"p": "probability"}``);
the checker samples only such values, the edge finder tries only such points, and a symbolic
proof may use what they imply.

>>> Assumption("probability").allows(0.3), Assumption.PROBABILITY.allows(1)
(True, False)
>>> [a.value for a in Assumption if a.nonnegative]
['positive', 'nonnegative', 'probability']
"""
from __future__ import annotations

from enum import StrEnum
from fractions import Fraction


class Assumption(StrEnum):
    """What a variable is known to be; probing samples only such values."""

    REAL = "real"
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NONNEGATIVE = "nonnegative"
    NONPOSITIVE = "nonpositive"
    NONZERO = "nonzero"
    INTEGER = "integer"
    PROBABILITY = "probability"   # strictly between 0 and 1, as p in a likelihood

    @property
    def nonnegative(self) -> bool:
        """Whether every value it allows is ≥ 0 (a proof may then take the name as positive).

        >>> Assumption.PROBABILITY.nonnegative, Assumption.REAL.nonnegative
        (True, False)
        """
        return self in (Assumption.POSITIVE, Assumption.NONNEGATIVE, Assumption.PROBABILITY)

    def allows(self, value: Fraction | float | int) -> bool:
        """Whether `value` is such a number.

        >>> Assumption.NEGATIVE.allows(-2), Assumption.INTEGER.allows(Fraction(1, 2))
        (True, False)
        """
        if self is Assumption.POSITIVE:
            return value > 0
        if self is Assumption.NONNEGATIVE:
            return value >= 0
        if self is Assumption.NEGATIVE:
            return value < 0
        if self is Assumption.NONPOSITIVE:
            return value <= 0
        if self is Assumption.NONZERO:
            return value != 0
        if self is Assumption.INTEGER:
            return Fraction(value).denominator == 1
        if self is Assumption.PROBABILITY:
            return 0 < value < 1
        return True

    def admits(self, value: float) -> bool:
        """`allows` for a float worked out from a root: nan is no value; a number beyond floats
        (inf) is judged by its sign, and whether it is whole cannot be told, so it is admitted.

        >>> Assumption.PROBABILITY.admits(float("inf")), Assumption.INTEGER.admits(float("inf"))
        (False, True)
        >>> Assumption.REAL.admits(float("nan"))
        False
        """
        if value != value:
            return False
        try:
            return self.allows(value)
        except (OverflowError, ValueError):
            return True
