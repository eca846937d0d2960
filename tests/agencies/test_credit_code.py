"""统一社会信用代码 validation (GB 32100-2015): pure unit tests."""

import pytest

from liuhen.agencies.credit_code import CreditCodeError, credit_code_build, credit_code_validate

# Published codes of real bodies (their check characters computed by the issuing authority).
REAL_CODES = ["91110000600037341L", "11100000000013127D", "91440300708461136T"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_published_codes_are_accepted(code: str) -> None:
    assert credit_code_validate(code) == code


def test_lower_case_and_spaces_are_normalised() -> None:
    assert credit_code_validate(" 91110000600037341l ") == "91110000600037341L"


def test_a_wrong_check_character_is_named() -> None:
    with pytest.raises(CreditCodeError, match="校验位错误：应为 L"):
        credit_code_validate("91110000600037341X")


def test_a_letter_outside_the_alphabet_is_refused() -> None:
    # I, O, Z, S, V never occur: they read like 1, 0, 2, 5, U.
    with pytest.raises(CreditCodeError, match="不允许的字符：O"):
        credit_code_validate("9111000060003734OL")


def test_wrong_length_is_refused() -> None:
    with pytest.raises(CreditCodeError, match="应为18位，现为17位"):
        credit_code_validate("91110000600037341")


def test_built_codes_validate() -> None:
    code = credit_code_build(registry="1", category="1", division="533103", org_body="MB123456")
    assert credit_code_validate(code) == code
    assert code.startswith("11533103MB123456")
