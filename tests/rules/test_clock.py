"""Times: the fast path for `YYYY-MM-DDTHH:MM:SS+08:00` and the strict RFC 3339 path agree."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liuhen.rules import clock
from liuhen.rules.clock import (
    CHINA,
    BadTime,
    format_short,
    parse_china_seconds,
    parse_time,
    parse_time_strict,
)

SETTINGS = settings(max_examples=400, deadline=None, database=None)

offsets = st.one_of(
    st.just("Z"),
    st.just("+08:00"),
    st.builds(
        lambda sign, hours, minutes: f"{sign}{hours:02d}:{minutes:02d}",
        st.sampled_from("+-"),
        st.integers(0, 23),
        st.integers(0, 59),
    ),
)


@st.composite
def rfc3339(draw: st.DrawFn) -> str:
    """Any time the contract accepts: whole seconds or a fraction, Z or any offset."""
    moment = draw(st.datetimes())
    fraction = draw(st.sampled_from(["", "", "", ".0", ".5", ".123456", ".1234567891"]))
    return moment.replace(microsecond=0).isoformat() + fraction + draw(offsets)


def outcome(parse, text: str) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    try:
        moment = parse(text)
    except BadTime as error:
        return ("bad", str(error))
    assert moment.tzinfo is CHINA  # one shared tzinfo object: comparisons stay cheap
    return ("ok", (moment, moment.fold))


@SETTINGS
@given(text=rfc3339())
def test_every_valid_time_parses_the_same_on_both_paths(text: str) -> None:
    assert outcome(parse_time, text) == outcome(parse_time_strict, text)


@SETTINGS
@given(moment=st.datetimes())
def test_every_whole_second_china_time_takes_the_fast_path(moment: datetime) -> None:
    text = moment.replace(microsecond=0).isoformat() + "+08:00"
    fast = parse_china_seconds(text)
    assert fast is not None
    assert fast == parse_time_strict(text) == moment.replace(microsecond=0, tzinfo=CHINA)
    assert fast.tzinfo is CHINA


def mutations(text: str) -> st.SearchStrategy[str]:
    """The text with one character replaced, removed or inserted."""
    positions = st.integers(0, len(text) - 1)
    characters = st.sampled_from(list("0123456789-+:TtZz .,/x\n２٣"))
    return st.one_of(
        st.builds(lambda i, c: text[:i] + c + text[i + 1 :], positions, characters),
        st.builds(lambda i: text[:i] + text[i + 1 :], positions),
        st.builds(lambda i, c: text[:i] + c + text[i:], positions, characters),
    )


@SETTINGS
@given(data=st.data(), base=rfc3339())
def test_a_changed_time_is_rejected_or_accepted_by_both_paths_alike(
    data: st.DataObject, base: str
) -> None:
    text = data.draw(mutations(base))
    fast, strict = outcome(parse_time, text), outcome(parse_time_strict, text)
    assert fast == strict
    if strict[0] == "bad":
        assert parse_china_seconds(text) is None


@SETTINGS
@given(text=st.one_of(st.text(max_size=30), st.from_regex(r"[0-9T:+\-Z.]{0,30}", fullmatch=True)))
def test_random_text_is_rejected_or_accepted_by_both_paths_alike(text: str) -> None:
    assert outcome(parse_time, text) == outcome(parse_time_strict, text)


MALFORMED = [
    "2026-03-02T09:00:00",  # no offset
    "2026-03-02 09:00:00+08:00",  # space for T
    "2026-03-02t09:00:00+08:00",
    "2026-03-02T09:00+08:00",  # no seconds
    "2026-03-02T09:00:00+0800",
    "2026-03-02T09:00:00+08",
    "2026-03-02T09:00:00+08:00\n",
    " 2026-03-02T09:00:00+08:00",
    "20260302T090000+08:00",  # ISO basic format
    "2026-W10-1T09:00:00+08:00",  # ISO week date
    "2026-061T09:00:00+08:00",  # ordinal date
    "２026-03-02T09:00:00+08:00",  # a full-width digit
    "2026-03-02T09:00:00.+08:00",
    "2026-02-29T09:00:00+08:00",  # not a leap year
    "2026-04-31T09:00:00+08:00",
    "2026-13-01T09:00:00+08:00",
    "2026-00-01T09:00:00+08:00",
    "0000-01-01T09:00:00+08:00",
    "2026-03-02T24:00:00+08:00",
    "2026-03-02T23:60:00+08:00",
    "2026-03-02T23:59:60+08:00",  # leap second
    "2026-03-02T09:00:00+24:00",
    "",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_every_malformed_time_is_still_rejected(text: str) -> None:
    with pytest.raises(BadTime):
        parse_time(text)
    assert parse_china_seconds(text) is None
    assert outcome(parse_time, text) == outcome(parse_time_strict, text)


@pytest.mark.parametrize("value", [None, 20260302, 1.5, True, ["2026-03-02T09:00:00+08:00"], {}])
def test_a_time_that_is_not_a_string_is_rejected(value: object) -> None:
    with pytest.raises(BadTime, match="expected an RFC 3339 time string"):
        parse_time(value)


def test_the_first_hours_of_year_1_in_china_are_a_time_and_beyond_9999_is_not() -> None:
    # moved through UTC, 0001-01-01T00:00+08:00 would fall before year 1
    assert parse_time("0001-01-01T00:00:00+08:00") == datetime(1, 1, 1, tzinfo=CHINA)
    assert parse_time_strict("0001-01-01T07:00:00+09:00") == datetime(1, 1, 1, 6, tzinfo=CHINA)
    with pytest.raises(BadTime, match="outside the years"):
        parse_time("9999-12-31T23:00:00-08:00")


def test_other_offsets_are_counted_in_china_time() -> None:
    assert parse_time("2026-03-02T01:00:00Z") == datetime(2026, 3, 2, 9, tzinfo=CHINA)
    west = timezone(-timedelta(hours=5, minutes=30))
    text = "2026-03-01T20:00:00.25-05:30"
    assert parse_time(text) == datetime(2026, 3, 1, 20, 0, 0, 250000, tzinfo=west)
    assert parse_time(text).tzinfo is CHINA
    assert parse_time("2026-03-02T01:00:00+00:00") == datetime(2026, 3, 2, 1, tzinfo=UTC)


def test_the_fast_path_caches_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_CACHE_LIMIT", 5)
    monkeypatch.setattr(clock, "MIDNIGHTS", {})
    monkeypatch.setattr(clock, "TIMES_OF_DAY", {})
    for day in range(1, 29):
        text = f"2026-02-{day:02d}T09:{day:02d}:00+08:00"
        assert parse_time(text) == datetime(2026, 2, day, 9, day, tzinfo=CHINA)
    assert 0 < len(clock.MIDNIGHTS) <= 5
    assert 0 < len(clock.TIMES_OF_DAY) <= 5


def test_short_format_matches_strftime() -> None:
    for moment in (
        datetime(2026, 3, 4, 9, 5, tzinfo=CHINA),
        datetime(2026, 3, 4, 1, 5, tzinfo=UTC),
        datetime(999, 1, 2, 3, 4, tzinfo=CHINA),
    ):
        assert format_short(moment) == moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
