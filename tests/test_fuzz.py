"""Fuzzing in CI: random bytes and mutated report texts never crash the reader or the extractor, and
every span points at its surface (bench/fuzz.py runs the same check over millions of inputs)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwrtrack.fuzzing import SUFFIXES, check_bytes, random_input


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600), st.sampled_from(SUFFIXES))
def test_random_bytes_never_crash(data: bytes, suffix: str) -> None:
    assert check_bytes(data, suffix) == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32))
def test_mutated_reports_never_crash_and_keep_their_spans(seed: int) -> None:
    data, suffix = random_input(random.Random(seed))
    assert check_bytes(data, suffix) == []


def test_the_inputs_that_crashed_before() -> None:
    """A byte-order mark followed by bytes that do not decode (UTF-8 and UTF-16), found by the fuzzer."""
    for data in (b"\xef\xbb\xbf\xff", b"\xff\xfe\x00\xd8", b"\xfe\xff\xd8\x00", b"\xff\xfe\x00\x00\xff\xff\xff\xff"):
        assert check_bytes(data, ".txt") == []
