"""The readable Chinese report of `liuhen check --format text`.

Per case: the conclusion, then violations and advice grouped by stage (程序启动 … 归档管理, 公示)
with the regulation's title, article, duty, deadline and what happened, then 尚需完成: the duties
still open, soonest deadline first, and any warnings.
"""

from __future__ import annotations

from collections.abc import Iterable

from liuhen.rules.clock import format_short
from liuhen.rules.findings import CaseFindings, Finding
from liuhen.rules.packs import load_packs
from liuhen.rules.profiles import PROFILES
from liuhen.rules.vocabulary import STAGES

_MARK = {"violation": "✗ 违反", "advice": "△ 建议", "pending": "○ 待办"}


def render_report(cases: Iterable[CaseFindings], *, as_of_label: str) -> str:
    packs = load_packs()
    lines = ["留痕 · 行政执法全过程合规检查报告", f"检查时点：{as_of_label}（北京时间）", ""]
    for case in cases:
        profile = PROFILES[case.profile]
        titles = "；".join(f"{packs[r].title}（{r}）" for r in profile.regulations)
        counts = {s: sum(1 for f in case.findings if f.severity == s) for s in _MARK}
        lines.append(f"══ 案件 {case.case}　辖区 {profile.id}（{profile.name}）")
        lines.append(f"   适用：{titles}")
        verdict = f"不合规：违反 {counts['violation']} 项" if counts["violation"] else "未发现违反"
        lines.append(f"   结论：{verdict}；待办 {counts['pending']} 项；建议 {counts['advice']} 项")
        for stage in STAGES:
            items = [f for f in case.findings if f.stage == stage and f.severity != "pending"]
            if not items:
                continue
            lines.append(f"   【{stage}】")
            for finding in items:
                lines.extend(_item(finding, packs[finding.regulation].title))
        pending = sorted(
            (f for f in case.findings if f.severity == "pending"),
            key=lambda f: (f.due is None, f.due or 0, f.sort_key()),
        )
        if pending:
            lines.append("   【尚需完成】")
            for finding in pending:
                when = f"{format_short(finding.due)} 前" if finding.due else "结案前"
                lines.append(
                    f"     ○ {when}：{finding.duty}（{finding.regulation} {finding.article}）"
                )
                lines.append(f"       {finding.message}")
        if case.warnings:
            lines.append("   【提示】")
            lines.extend(f"     ! {w}" for w in case.warnings)
        lines.append("")
    return "\n".join(lines)


def _item(finding: Finding, title: str) -> list[str]:
    cited = f"{title} {finding.article}（{finding.regulation}）"
    head = f"     {_MARK[finding.severity]}　{cited}：{finding.duty}"
    out = [head]
    if finding.due is not None:
        out.append(f"       期限：{format_short(finding.due)}")
    out.append(f"       {finding.message}")
    return out
