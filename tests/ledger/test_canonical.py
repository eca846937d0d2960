"""Canonical JSON: one value, one byte string, whatever the key order or spacing it came with."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from liuhen.ledger.canonical import (
    MAX_SAFE_INTEGER,
    CanonicalJSONError,
    canonical_json,
    canonical_parse,
    canonical_time,
    is_canonical_time,
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-MAX_SAFE_INTEGER, max_value=MAX_SAFE_INTEGER)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5)
    ),
    max_leaves=25,
)


def test_keys_are_sorted_and_whitespace_is_dropped() -> None:
    assert canonical_json({"b": 1, "a": [True, None, "x"], "c": {"z": 0, "y": -5}}) == (
        b'{"a":[true,null,"x"],"b":1,"c":{"y":-5,"z":0}}'
    )


def test_chinese_text_stays_utf8_not_escaped() -> None:
    assert (
        canonical_json({"名称": "天河区市场监督管理局"})
        == '{"名称":"天河区市场监督管理局"}'.encode()
    )


def test_only_quotes_backslashes_and_control_characters_are_escaped() -> None:
    # RFC 8785 §3.2.2.2: ECMAScript escaping; DEL and U+2028 stay literal, \u00XX in lower case.
    text = 'q" b\\ n\n t\t \x1f \x7f \u2028 é'
    assert canonical_json(text) == '"q\\" b\\\\ n\\n t\\t \\u001f \x7f \u2028 é"'.encode()


def test_members_sort_by_utf16_code_units_as_rfc_8785_requires() -> None:
    # The RFC's own example (§3.2.3): 😀 (D83D DE00 in UTF-16) sorts before U+FB33, although its
    # code point is larger; plain code point order would give a different byte string.
    value = {"\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\U0001f600": 5, "\u0080": 6, "\u00f6": 7}
    keys = list(json.loads(canonical_json(value)))
    assert keys == ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\U0001f600", "\ufb33"]


def test_integers_within_the_safe_range_are_written_plainly() -> None:
    assert canonical_json([0, -1, MAX_SAFE_INTEGER, -MAX_SAFE_INTEGER]) == (
        b"[0,-1,9007199254740991,-9007199254740991]"
    )


def test_tuples_are_arrays() -> None:
    assert canonical_json({"a": (1, "b")}) == b'{"a":[1,"b"]}'


@pytest.mark.parametrize(
    ("value", "path", "words"),
    [
        ({"a": {"b": [1, 1.5]}}, "$.a.b[1]", "floats are not allowed"),
        ({"amount": float("nan")}, "$.amount", "floats are not allowed"),
        ({"at": datetime(2026, 1, 1, tzinfo=UTC)}, "$.at", "canonical_time"),
        ({"day": date(2026, 1, 1)}, "$.day", "not a JSON value"),
        ({"tags": {"a", "b"}}, "$.tags", "sorted list"),
        ({"blob": b"\x00"}, "$.blob", "hex or base64"),
        ({"price": Decimal("1.10")}, "$.price", "not a JSON value"),
        ({"n": 2**53}, "$.n", "write it as a string"),
        ({"x": [{"1": {2: "two"}}]}, '$.x[0]["1"]', "keys must be strings"),
        ({"bad key": "\ud800"}, '$["bad key"]', "lone surrogate"),
    ],
)
def test_values_without_one_json_form_are_refused_naming_the_path(
    value: object, path: str, words: str
) -> None:
    with pytest.raises(CanonicalJSONError) as caught:
        canonical_json(value)
    assert caught.value.path == path
    assert words in str(caught.value)


def test_nesting_deeper_than_the_limit_is_refused_not_a_crash() -> None:
    value: object = "leaf"
    for _ in range(200):
        value = [value]
    with pytest.raises(CanonicalJSONError, match="nested deeper"):
        canonical_json(value)


def test_canonical_bytes_parse_back_to_the_same_value() -> None:
    value = {"案件": [1, {"b": None, "a": "甲"}], "ok": False}
    assert canonical_parse(canonical_json(value)) == value


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"b":1, "a":2}', "not in canonical form"),
        ('{"b":1,"a":2}', "not in canonical form"),
        ('"\\u00e9"', "not in canonical form"),
        ("-0", "not in canonical form"),
        ('{"a":1.0}', "integers only"),
        ('{"a":1e3}', "integers only"),
        ("NaN", "not JSON"),
        ('{"a":1,"a":2}', "duplicate object key"),
        ('{"a":', "not JSON"),
        ("9007199254740992", "outside"),
    ],
)
def test_parse_refuses_anything_but_canonical_json(text: str, words: str) -> None:
    with pytest.raises(CanonicalJSONError, match=words):
        canonical_parse(text.encode())


def test_parse_refuses_bytes_that_are_not_utf8() -> None:
    with pytest.raises(CanonicalJSONError, match="not UTF-8"):
        canonical_parse(b'"\xff"')


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_any_value_round_trips(value: object) -> None:
    assert canonical_parse(canonical_json(value)) == value


@settings(max_examples=100, deadline=None)
@given(json_values, st.randoms(use_true_random=False), st.sampled_from([None, 0, 2]))
def test_key_order_and_whitespace_never_change_the_bytes(
    value: object, rng: random.Random, indent: int | None
) -> None:
    def shuffled(item: object) -> object:
        if isinstance(item, dict):
            pairs = list(item.items())
            rng.shuffle(pairs)
            return {key: shuffled(child) for key, child in pairs}
        if isinstance(item, list):
            return [shuffled(child) for child in item]
        return item

    respelled = json.dumps(shuffled(value), indent=indent, ensure_ascii=bool(rng.getrandbits(1)))
    assert canonical_json(json.loads(respelled)) == canonical_json(value)


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_matches_the_standard_library_where_code_point_and_utf16_order_agree(
    value: object,
) -> None:
    # Python's json sorts keys by code point; RFC 8785 by UTF-16 unit. They agree unless a key
    # mixes U+E000..U+FFFF with the supplementary planes, so an independent encoder checks ours.
    assume(not any(ch >= "\ue000" for key in _all_keys(value) for ch in key))
    reference = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert canonical_json(value) == reference.encode("utf-8")


def _all_keys(value: object) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(key for child in value.values() for key in _all_keys(child))]
    if isinstance(value, list):
        return [key for child in value for key in _all_keys(child)]
    return []


def test_canonical_time_is_utc_with_six_fraction_digits() -> None:
    china = timezone(timedelta(hours=8))
    assert canonical_time(datetime(2026, 3, 4, 9, 0, tzinfo=china)) == "2026-03-04T01:00:00.000000Z"
    assert canonical_time(datetime(2026, 3, 4, 1, 0, 0, 5, tzinfo=UTC)) == (
        "2026-03-04T01:00:00.000005Z"
    )
    assert canonical_time(datetime(999, 1, 1, tzinfo=UTC)) == "0999-01-01T00:00:00.000000Z"


def test_canonical_time_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        canonical_time(datetime(2026, 3, 4, 9, 0))  # noqa: DTZ001 -- the point of the test


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-04T01:00:00Z",
        "2026-03-04T01:00:00.000000+00:00",
        "2026-02-30T01:00:00.000000Z",
        "2026-03-04 01:00:00.000000Z",
        "2026-03-04T01:00:00.0000000Z",
    ],
)
def test_only_the_canonical_time_form_is_canonical(text: str) -> None:
    assert not is_canonical_time(text)
    assert is_canonical_time("2026-03-04T01:00:00.000000Z")
