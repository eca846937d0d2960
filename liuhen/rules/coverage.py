"""`liuhen rules coverage`: one row per article of every regulation, with the duties that check
it or the reason it cannot be checked from a case's recorded facts."""

from __future__ import annotations

from dataclasses import dataclass

from liuhen.rules.articles import article_key
from liuhen.rules.packs import load_packs


@dataclass(frozen=True, slots=True)
class CoverageRow:
    regulation: str
    article: str
    duties: tuple[str, ...]
    not_checkable: str | None

    def text(self) -> str:
        checked = ", ".join(self.duties) if self.duties else f"不可检查：{self.not_checkable}"
        return f"{self.regulation}\t{self.article}\t{checked}"

    def to_json(self) -> dict[str, object]:
        return {
            "regulation": self.regulation,
            "article": self.article,
            "duties": list(self.duties),
            "not_checkable": self.not_checkable,
        }


def coverage_rows(regulation: str | None = None) -> list[CoverageRow]:
    rows = []
    for pack_id, pack in sorted(load_packs().items()):
        if regulation is not None and pack_id != regulation:
            continue
        for row in sorted(pack.articles, key=lambda a: article_key(a.article)):
            rows.append(CoverageRow(pack_id, row.article, row.duties, row.not_checkable))
    return rows
