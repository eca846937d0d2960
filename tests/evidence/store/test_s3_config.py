"""The S3 configuration the Django settings fill from LIUHEN_S3_* (no server needed)."""

from __future__ import annotations

import pytest

from liuhen.evidence.store import S3Config, StoreMisconfigured

COMPLETE = {
    "LIUHEN_S3_ENDPOINT": "https://rgw.example.gov.cn",
    "LIUHEN_S3_BUCKET": "evidence",
    "LIUHEN_S3_ACCESS_KEY": "AKIA",
    "LIUHEN_S3_SECRET_KEY": "secret",
    "LIUHEN_S3_REGION": "cn-gz",
    "LIUHEN_S3_RETENTION_DAYS": "3650",
}


def test_every_variable_is_read() -> None:
    config = S3Config.from_environ(COMPLETE)
    assert config == S3Config(
        bucket="evidence",
        access_key="AKIA",
        secret_key="secret",
        endpoint_url="https://rgw.example.gov.cn",
        region="cn-gz",
        retention_days=3650,
    )
    assert config.staging == "evidence"
    assert "secret" not in repr(config)


def test_missing_variables_are_named() -> None:
    with pytest.raises(StoreMisconfigured, match="LIUHEN_S3_BUCKET, LIUHEN_S3_SECRET_KEY"):
        S3Config.from_environ({"LIUHEN_S3_ACCESS_KEY": "x", "LIUHEN_S3_SECRET_KEY": " "})


@pytest.mark.parametrize("days", ["ten", "0", "-5"])
def test_a_retention_that_is_not_a_positive_number_is_refused(days: str) -> None:
    with pytest.raises(StoreMisconfigured, match="LIUHEN_S3_RETENTION_DAYS"):
        S3Config.from_environ({**COMPLETE, "LIUHEN_S3_RETENTION_DAYS": days})


def test_optional_variables_have_defaults() -> None:
    required = {k: v for k, v in COMPLETE.items() if k.endswith(("BUCKET", "KEY"))}
    config = S3Config.from_environ({**required, "LIUHEN_S3_STAGING_BUCKET": "uploads"})
    assert (config.endpoint_url, config.region, config.retention_days) == (None, "us-east-1", None)
    assert config.staging == "uploads"
