"""Properties of checking declared matrices (issue 9): random true identities are accepted,
random false ones — two factors swapped, a transpose dropped — are rejected."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor import check

SQ = {"A": "matrix(n, n)", "B": "matrix(n, n)", "C": "matrix(n, n)", "x": "vector(n)"}
FACTORS = ["A", "B", "C", "A^T", "B^T", "C^T", "A^(-1)", "B^(-1)"]

products = st.lists(st.sampled_from(FACTORS), min_size=2, max_size=4)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def transposed(factor: str) -> str:
    if factor.endswith("^T"):
        return factor[:-2]
    if factor.endswith("^(-1)"):
        return f"({factor})^T"
    return factor + "^T"


def inverted(factor: str) -> str:
    return f"({factor})^(-1)"


def letter(factor: str) -> str:
    return factor.strip("(")[0]


@SETTINGS
@given(products)
def test_the_transpose_of_a_product_is_the_reversed_product_of_transposes(factors):
    expected = f"({' '.join(factors)})^T"
    response = " ".join(transposed(f) for f in reversed(factors))
    assert check(response, expected, variables=SQ).correct


@SETTINGS
@given(products)
def test_the_inverse_of_a_product_is_the_reversed_product_of_inverses(factors):
    expected = f"({' '.join(factors)})^(-1)"
    response = " ".join(inverted(f) for f in reversed(factors))
    assert check(response, expected, variables=SQ).correct


@SETTINGS
@given(products, st.sampled_from(FACTORS), st.integers(min_value=2, max_value=5))
def test_products_distribute_and_scalars_move(factors, extra, k):
    expected = f"{k} {' '.join(factors)} ({extra} + {factors[-1]})"
    response = f"{' '.join(factors)} {extra} {k} + {k} {' '.join(factors)} {factors[-1]}"
    assert check(response, expected, variables=SQ).correct


@SETTINGS
@given(products, st.data())
def test_swapping_two_factors_is_rejected(factors, data):
    swappable = [i for i in range(len(factors) - 1) if letter(factors[i]) != letter(factors[i + 1])]
    if not swappable:
        factors = ["A", "B"] + factors
        swappable = [0]
    i = data.draw(st.sampled_from(swappable))
    swapped = factors[:i] + [factors[i + 1], factors[i]] + factors[i + 2:]
    verdict = check(" ".join(swapped), " ".join(factors), variables=SQ)
    assert verdict.status == "incorrect", (swapped, factors, verdict.notes)


@SETTINGS
@given(products, st.data())
def test_dropping_a_transpose_is_rejected(factors, data):
    response = [transposed(f) for f in reversed(factors)]
    plain = [i for i, f in enumerate(response) if f.endswith("^T") and not f.startswith("(")]
    if not plain:
        response, factors = ["A^T"] + response, factors + ["A"]
        plain = [0]
    i = data.draw(st.sampled_from(plain))
    response[i] = response[i][:-2]
    verdict = check(" ".join(response), f"({' '.join(factors)})^T", variables=SQ)
    assert verdict.status == "incorrect", (response, factors, verdict.notes)


@SETTINGS
@given(products)
def test_a_vector_through_a_product_keeps_its_side(factors):
    expected = f"{' '.join(factors)} x"
    assert check(f"({' '.join(factors)}) x", expected, variables=SQ).correct
    assert check(f"x^T ({' '.join(factors)})^T", expected, variables=SQ).status == "incorrect"
