"""The regulation texts shipped with the rules engine, cut out of their files for reading.

fangcheng-henan.txt holds four regulations one after another; the line ranges are those of
docs/regulations/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_ARTICLE_START = re.compile(r"^\s*(第[一二三四五六七八九十百零〇]+条)")


@dataclass(frozen=True, slots=True)
class RegulationText:
    id: str
    title: str
    in_force: str
    file: str
    first_line: int  # 1-based, inclusive
    last_line: int | None  # inclusive; None = to the end


REGULATIONS: dict[str, RegulationText] = {
    r.id: r
    for r in (
        RegulationText(
            "dehong-record",
            "德宏州行政执法全过程记录实施办法（德政规〔2019〕6号）",
            "2019-10-25 施行",
            "dehong-record.txt",
            1,
            None,
        ),
        RegulationText(
            "baijiantan-record",
            "白碱滩区发展和改革委员会行政执法全过程记录实施细则",
            "发布之日起施行",
            "baijiantan-record.txt",
            1,
            None,
        ),
        RegulationText(
            "mangshi-record",
            "芒市应急管理局行政执法全过程记录制度",
            "印发之日起实施",
            "mangshi-record.txt",
            1,
            None,
        ),
        RegulationText(
            "guangdong-record",
            "广东省行政执法全过程记录办法（试行）",
            "2018-02-01 施行",
            "guangdong-record.txt",
            1,
            None,
        ),
        RegulationText(
            "fangcheng-plan",
            "方城县市场监管局推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度"
            "实施方案（方市监〔2019〕77号）",
            "2019-11-12 印发",
            "fangcheng-henan.txt",
            1,
            150,
        ),
        RegulationText(
            "henan-publicity",
            "河南省行政执法公示办法",
            "公布之日起施行",
            "fangcheng-henan.txt",
            151,
            273,
        ),
        RegulationText(
            "henan-review",
            "河南省重大行政执法决定法制审核办法",
            "公布之日起施行",
            "fangcheng-henan.txt",
            274,
            374,
        ),
        RegulationText(
            "henan-record",
            "河南省行政执法全过程记录办法",
            "公布之日起施行",
            "fangcheng-henan.txt",
            375,
            None,
        ),
    )
}


@cache
def regulation_text(regulation_id: str) -> str:
    entry = REGULATIONS[regulation_id]
    raw = resources.files("liuhen.rules").joinpath("texts", entry.file).read_text(encoding="utf-8")
    lines = raw.splitlines()
    return "\n".join(lines[entry.first_line - 1 : entry.last_line]).strip()


def regulation_paragraphs(regulation_id: str) -> list[tuple[str | None, str]]:
    """(article anchor or None, line) pairs, so a page can link straight to 第十条."""
    out: list[tuple[str | None, str]] = []
    for line in regulation_text(regulation_id).splitlines():
        if not line.strip():
            continue
        match = _ARTICLE_START.match(line)
        out.append((match.group(1) if match else None, line.strip()))
    return out
