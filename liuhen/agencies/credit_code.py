"""统一社会信用代码 (unified social credit code, GB 32100-2015): validation and construction.

Plain Python: the public portal's credential checks and the demo data both use it.
"""

from __future__ import annotations

# GB 32100 uses digits and 21 capital letters: I, O, Z, S and V are left out to avoid misreading.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_WEIGHTS = [pow(3, i, 31) for i in range(17)]

# GB 11714 organisation code (positions 9–17 of the credit code) has its own check character.
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


class CreditCodeError(ValueError):
    """The code is malformed; the message says what is wrong, in Chinese."""


def check_character(first17: str) -> str:
    total = sum(_VALUE[ch] * weight for ch, weight in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_validate(code: str) -> str:
    """Return the normalised code (upper case, no spaces) or raise CreditCodeError."""
    normalised = code.strip().upper()
    if len(normalised) != 18:
        raise CreditCodeError(f"统一社会信用代码应为18位，现为{len(normalised)}位")
    bad = sorted({ch for ch in normalised if ch not in _VALUE})
    if bad:
        raise CreditCodeError(f"统一社会信用代码含有不允许的字符：{''.join(bad)}")
    if not normalised[2:8].isdigit():
        raise CreditCodeError("统一社会信用代码第3至8位应为行政区划代码（数字）")
    expected = check_character(normalised[:17])
    if normalised[17] != expected:
        raise CreditCodeError(f"统一社会信用代码校验位错误：应为 {expected}，现为 {normalised[17]}")
    return normalised


def _org_check(body8: str) -> str:
    def value(ch: str) -> int:
        return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10

    remainder = 11 - sum(value(ch) * w for ch, w in zip(body8, _ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def credit_code_build(*, registry: str, category: str, division: str, org_body: str) -> str:
    """Assemble a valid code from its parts (registry and category codes, 6-digit division code,
    the 8-character organisation code body); both check characters are computed."""
    first17 = f"{registry}{category}{division}{org_body}{_org_check(org_body)}"
    return first17 + check_character(first17)
