"""Article labels: their order, and the articles present in a regulation's text.

Articles sort in the order the text numbers them, `第九条` before `第十条` before `第二十三条`
(string order would put 第二十三条 first), and fangcheng-plan's sections `三（一）6` by each
level in turn.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TEXTS = Path(__file__).parent / "texts"

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百]+|\d+")
_ARTICLE = re.compile(r"第([零〇一二三四五六七八九十百]+)条")


def chinese_number(text: str) -> int:
    """二十三 -> 23, 十 -> 10, 一百零二 -> 102."""
    total = current = 0
    for char in text:
        if char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = _DIGITS[char]
    return total + current


@cache
def article_key(label: str) -> tuple[int, ...]:
    """Sort key of an article label: its numbers, level by level."""
    return tuple(int(n) if n.isdigit() else chinese_number(n) for n in _NUMBER.findall(label))


def normalise(text: str) -> str:
    """Text with every kind of white space removed, for quote matching."""
    return re.sub(r"\s+", "", text.replace("\u3000", " "))


@cache
def text_of(file_name: str, first_line: int | None = None, last_line: int | None = None) -> str:
    lines = (TEXTS / file_name).read_text(encoding="utf-8").splitlines()
    start = (first_line or 1) - 1
    end = last_line if last_line is not None else len(lines)
    return "\n".join(lines[start:end])


def numbered_articles(text: str) -> list[str]:
    """The article headings of a text, in order: 第一条, 第二条, …

    A heading is the next number in sequence; any other `第N条` is a cross-reference
    (违反本办法第二十六条…) and is skipped. Some texts run a heading into the previous line.
    """
    found: list[str] = []
    expected = 1
    for match in _ARTICLE.finditer(text):
        if chinese_number(match.group(1)) == expected:
            found.append(match.group(0))
            expected += 1
    return found
