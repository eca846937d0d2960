"""Canonical JSON (RFC 8785, JCS) for ledger payloads, entries and checkpoints.

A hash or a signature covers bytes, not meaning: the same payload must give the same bytes on every
machine, in every Python version and in any other language a court expert or a witness might use.
RFC 8785 fixes those bytes: UTF-8, no insignificant whitespace, object members sorted by the UTF-16
code units of their names, strings escaped as ECMAScript does (only `"`, `\\` and control
characters; everything else, Chinese included, stays literal UTF-8).

Numbers are where implementations drift (float formatting, big integers), so the ledger takes
integers only, within ±(2**53 - 1) where every JCS implementation writes them the same way. A
float, a NaN, a datetime, a set, bytes or a non-string key is refused with the path of the value,
so the caller fixes its payload instead of the ledger guessing a representation. Times are strings:
`canonical_time` gives the one form the ledger uses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import TypeAlias

JSONValue: TypeAlias = bool | int | str | list["JSONValue"] | dict[str, "JSONValue"] | None

# The integers an IEEE 754 double holds exactly: what every JCS implementation prints alike.
MAX_SAFE_INTEGER = 2**53 - 1
MAX_DEPTH = 64

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# [0-9], not \d: \d also matches other scripts' digits, which are not RFC 3339.
_CANONICAL_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_escape: Callable[[str], str] = encode_basestring

json_string = _escape
"""A str as a canonical JSON string literal (quotes included); the C encoder, for hot loops."""


class CanonicalJSONError(ValueError):
    """A value that has no canonical JSON form; `path` says where (`$.items[2].amount`)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def canonical_json(value: object) -> bytes:
    """The RFC 8785 bytes of `value`: dicts with string keys, lists/tuples, str, int, bool, None."""
    parts: list[str] = []
    _write(value, parts, "$", 0)
    text = "".join(parts)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Only a lone surrogate gets here; walk again to name where it is.
        raise CanonicalJSONError(_surrogate_path(value, "$") or "$", _SURROGATE) from None


def canonical_parse(data: bytes | str) -> JSONValue:
    """Parse JSON that must already be canonical: the inverse of `canonical_json`.

    Refuses what `canonical_json` would refuse (floats, NaN, duplicate keys, unsafe integers) and
    any other spelling of the same value (whitespace, key order, escapes), so stored bytes that
    pass are exactly the bytes that were hashed.
    """
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CanonicalJSONError(
                "$", f"not UTF-8 ({error.reason} at byte {error.start})"
            ) from None
    else:
        text = data
    value = json_parse_strict(text)
    expected = canonical_json(value)
    if expected.decode("utf-8") != text:
        raise CanonicalJSONError(
            "$", "valid JSON but not in canonical form (whitespace, key order or escaping differ)"
        )
    return value


def json_parse_strict(text: str) -> JSONValue:
    """Parse JSON refusing floats, NaN/Infinity and duplicate keys; any whitespace is allowed.

    For input that is hashed again after parsing (a received checkpoint), where the spelling does
    not matter but an ambiguous value does.
    """
    try:
        value: JSONValue = json.loads(
            text,
            parse_float=_refuse_float,
            parse_constant=_refuse_constant,
            object_pairs_hook=_refuse_duplicates,
        )
    except CanonicalJSONError:
        raise
    except json.JSONDecodeError as error:
        raise CanonicalJSONError(
            "$", f"not JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except ValueError as error:  # an integer longer than Python's 4300-digit limit
        raise CanonicalJSONError("$", f"not JSON the ledger accepts: {error}") from None
    except RecursionError:
        raise CanonicalJSONError("$", "not JSON the ledger accepts: nested too deeply") from None
    return value


def canonical_time(moment: datetime) -> str:
    """`2026-03-04T01:02:03.000004Z`: UTC, always six fraction digits, so one instant has one text.

    A naive datetime is refused: the ledger never guesses a time zone.
    """
    if not isinstance(moment, datetime):
        raise TypeError(f"expected an aware datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone; pass an aware one")
    # isoformat, unlike strftime("%Y"), always writes four year digits.
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def is_canonical_time(text: object) -> bool:
    """True for the exact form `canonical_time` writes (a real date, UTC, six fraction digits)."""
    if not isinstance(text, str) or _CANONICAL_TIME.fullmatch(text) is None:
        return False
    try:
        datetime.fromisoformat(text[:-1])  # a real date and time (no 02-30, no 24:00)
    except ValueError:
        return False
    return True


_SURROGATE = "string holds a lone surrogate, which is not Unicode text and has no UTF-8 form"


def _write(value: object, parts: list[str], path: str, depth: int) -> None:
    # Order matters: bool is a subclass of int, so it is tested first.
    if value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, str):
        parts.append(_escape(value))
    elif isinstance(value, int):
        if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            raise CanonicalJSONError(
                path,
                f"integer {value} is outside ±(2**53 - 1), where JSON implementations disagree; "
                "write it as a string",
            )
        parts.append(int.__repr__(value))
    elif isinstance(value, dict):
        _write_object(value, parts, path, depth + 1)
    elif isinstance(value, list | tuple):
        if depth + 1 > MAX_DEPTH:
            raise CanonicalJSONError(path, f"nested deeper than {MAX_DEPTH} levels")
        parts.append("[")
        for index, item in enumerate(value):
            if index:
                parts.append(",")
            _write(item, parts, f"{path}[{index}]", depth + 1)
        parts.append("]")
    else:
        raise CanonicalJSONError(path, _refusal(value))


def _write_object(value: dict[object, object], parts: list[str], path: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise CanonicalJSONError(path, f"nested deeper than {MAX_DEPTH} levels")
    for key in value:
        if not isinstance(key, str):
            raise CanonicalJSONError(
                path, f"object keys must be strings, got {type(key).__name__} {key!r}"
            )
    keys: list[str] = list(value)  # type: ignore[arg-type]
    if all(key.isascii() for key in keys):
        keys.sort()
    else:
        # RFC 8785 §3.2.3 orders by UTF-16 code units, which differs from code point order
        # between U+E000..U+FFFF and the supplementary planes.
        keys.sort(key=_utf16_order)
    parts.append("{")
    for index, key in enumerate(keys):
        if index:
            parts.append(",")
        parts.append(_escape(key))
        parts.append(":")
        _write(value[key], parts, _member_path(path, key), depth)
    parts.append("}")


def _utf16_order(key: str) -> bytes:
    try:
        return key.encode("utf-16-be")
    except UnicodeEncodeError:
        return key.encode("utf-16-be", "surrogatepass")


def _member_path(path: str, key: str) -> str:
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _refusal(value: object) -> str:
    kind = type(value).__name__
    if isinstance(value, float):
        return (
            f"floats are not allowed ({value!r}): binary fractions have no single JSON spelling; "
            "use an integer in the smallest unit (分, seconds) or a decimal string"
        )
    if isinstance(value, datetime):
        return "a datetime is not JSON: convert it with canonical_time() (UTC RFC 3339 string)"
    if isinstance(value, set | frozenset):
        return f"a {kind} has no order: pass a sorted list"
    if isinstance(value, bytes | bytearray | memoryview):
        return f"{kind} are not JSON: encode them as hex or base64 text"
    return f"a {kind} is not a JSON value (allowed: dict, list, tuple, str, int, bool, None)"


def _surrogate_path(value: object, path: str) -> str:
    if isinstance(value, str):
        return path if _has_surrogate(value) else ""
    if isinstance(value, dict):
        for key, item in value.items():
            member = _member_path(path, key)
            if _has_surrogate(key):
                return f"{member} (the key)"
            found = _surrogate_path(item, member)
            if found:
                return found
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = _surrogate_path(item, f"{path}[{index}]")
            if found:
                return found
    return ""


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _refuse_float(text: str) -> object:
    raise CanonicalJSONError(
        "$", f"number {text} is not an integer; the ledger takes integers only"
    )


def _refuse_constant(text: str) -> object:
    raise CanonicalJSONError("$", f"{text} is not JSON")


def _refuse_duplicates(pairs: list[tuple[str, JSONValue]]) -> dict[str, JSONValue]:
    result: dict[str, JSONValue] = {}
    for key, item in pairs:
        if key in result:
            raise CanonicalJSONError("$", f"duplicate object key {json.dumps(key)}")
        result[key] = item
    return result
