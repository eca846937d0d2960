"""Regulation packs: one TOML file per regulation id in `packs/`, read with the standard library.

A pack holds the law (article numbers, quotes, severities, periods, triggers); the mechanisms hold
only how to check. Loading validates every key against the pack format, the vocabulary and the
regulation's text, and compiles each duty into a small function, once per process.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from liuhen.rules import vocabulary as v
from liuhen.rules.applies import CasePredicate, parse_applies
from liuhen.rules.articles import normalise, text_of
from liuhen.rules.clock import CHINA
from liuhen.rules.conditions import PackError, parse_selectors
from liuhen.rules.mechanisms import MECHANISMS, NEEDS_DEADLINE, TRIGGERS
from liuhen.rules.mechanisms.base import Check, DeadlineSpec, DutyInfo, Params, parse_deadline

PACKS = Path(__file__).parent / "packs"
_PACK_KEYS = {
    "id",
    "title",
    "text",
    "lines",
    "actions",
    "scope",
    "major_measures",
    "major_reasoning",
    "duties",
    "articles",
    "in_force",
    "major_situations",
    "advisory_actions",
}
_DUTY_KEYS = {
    "id",
    "article",
    "quote",
    "duty",
    "severity",
    "stage",
    "check",
    "applies",
    "params",
    "deadline",
    "reasoning",
}
_ARTICLE_KEYS = {"article", "duties", "not_checkable"}


@dataclass(frozen=True, slots=True)
class Duty:
    info: DutyInfo
    quote: str
    reasoning: str
    check: str
    params: dict[str, Any]
    deadline: DeadlineSpec | None
    actions: frozenset[str]
    applies: CasePredicate
    run: Check
    triggers: frozenset[str] = frozenset()  # a case with none of these events cannot breach it
    in_force: datetime | None = None  # cases that started earlier are not bound
    # kinds reached only through 等: advice, not violation, except for a finding about a decision
    # whose measures show a kind the text names (`named_measures`)
    advisory_for: frozenset[str] = frozenset()
    named_measures: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def article(self) -> str:
        return self.info.article


@dataclass(frozen=True, slots=True)
class ArticleRow:
    article: str
    duties: tuple[str, ...]
    not_checkable: str | None


@dataclass(frozen=True, slots=True)
class Pack:
    id: str
    title: str
    text: str  # file name in texts/
    lines: tuple[int, int] | None
    actions: frozenset[str]
    scope: str
    major_measures: frozenset[str]
    duties: tuple[Duty, ...]
    articles: tuple[ArticleRow, ...]
    in_force: datetime | None = None
    major_situations: frozenset[str] = frozenset()
    advisory_actions: frozenset[str] = frozenset()

    def text_body(self) -> str:
        if self.lines is None:
            return text_of(self.text)
        return text_of(self.text, self.lines[0], self.lines[1])


@cache
def load_packs() -> dict[str, Pack]:
    """Every pack, by regulation id; PackError names the file and key of the first problem.

    Duty ids are unique within their pack; (regulation, id) names a duty everywhere.
    """
    packs: dict[str, Pack] = {}
    for path in sorted(PACKS.glob("*.toml")):
        pack = load_pack(path)
        if pack.id != path.stem:
            raise PackError(f"{path.name}: id {pack.id!r} must match the file name")
        packs[pack.id] = pack
    return packs


def load_pack(path: Path) -> Pack:
    where = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{where}: not valid TOML ({error})") from None
    unknown = set(raw) - _PACK_KEYS
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "title", "text", "actions", "scope"):
        if key not in raw:
            raise PackError(f"{where}.{key}: required")
    actions = frozenset(raw["actions"])
    if not actions or not actions <= set(v.ACTIONS):
        raise PackError(f"{where}.actions: expected action kinds from {', '.join(v.ACTIONS)}")
    major = frozenset(raw.get("major_measures", ()))
    if not major <= set(v.DECISION_MEASURES):
        raise PackError(f"{where}.major_measures: expected decision measures")
    situations = frozenset(raw.get("major_situations", ()))
    if not situations <= {"hearing", "complex"}:
        raise PackError(f"{where}.major_situations: expected hearing and/or complex")
    advisory = frozenset(raw.get("advisory_actions", ()))
    if not advisory <= actions:
        raise PackError(f"{where}.advisory_actions: must be action kinds the pack covers")
    in_force = raw.get("in_force")
    if in_force is not None:
        if not isinstance(in_force, date) or isinstance(in_force, datetime):
            raise PackError(f"{where}.in_force: expected a date (YYYY-MM-DD)")
        in_force = datetime(in_force.year, in_force.month, in_force.day, tzinfo=CHINA)
    lines = tuple(raw["lines"]) if "lines" in raw else None
    if lines is not None and (len(lines) != 2 or lines[0] > lines[1]):
        raise PackError(f"{where}.lines: expected [first, last]")
    text = normalise(text_of(raw["text"], *(lines or (None, None))))
    articles = tuple(
        _article(a, f"{where}.articles[{i}]") for i, a in enumerate(raw.get("articles", []))
    )
    article_names = [a.article for a in articles]
    if len(set(article_names)) != len(article_names):
        raise PackError(f"{where}.articles: an article is listed twice")
    duties = tuple(
        replace(
            _duty(d, f"{where}.duties[{i}]", raw["id"], actions, text, set(article_names)),
            in_force=in_force,
            advisory_for=advisory,
            named_measures=frozenset(
                m for m, kind in v.MEASURE_KINDS.items() if kind in actions - advisory
            ),
        )
        for i, d in enumerate(raw.get("duties", []))
    )
    ids = {d.id for d in duties}
    if len(ids) != len(duties):
        raise PackError(f"{where}.duties: duplicate duty id")
    for row in articles:
        for duty_id in row.duties:
            if duty_id not in ids:
                raise PackError(f"{where}.articles {row.article}: no duty {duty_id!r}")
    by_article = {a.article: a for a in articles}
    for duty in duties:
        if duty.id not in by_article[duty.article].duties:
            raise PackError(f"{where}.articles {duty.article}: must list its duty {duty.id!r}")
    return Pack(
        raw["id"],
        raw["title"],
        raw["text"],
        (lines[0], lines[1]) if lines else None,
        actions,
        raw["scope"],
        major,
        duties,
        articles,
        in_force,
        situations,
        advisory,
    )


def _article(raw: Any, where: str) -> ArticleRow:
    if not isinstance(raw, dict) or "article" not in raw:
        raise PackError(f"{where}: expected a table with article")
    unknown = set(raw) - _ARTICLE_KEYS
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    duties = tuple(raw.get("duties", ()))
    reason = raw.get("not_checkable")
    if bool(duties) == bool(reason):
        raise PackError(
            f"{where} ({raw['article']}): give either duties or not_checkable, not both or neither"
        )
    return ArticleRow(raw["article"], duties, reason)


def _duty(
    raw: Any, where: str, regulation: str, actions: frozenset[str], text: str, articles: set[str]
) -> Duty:
    if not isinstance(raw, dict):
        raise PackError(f"{where}: expected a table")
    unknown = set(raw) - _DUTY_KEYS
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "article", "quote", "duty", "severity", "stage", "check"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise PackError(f"{where}.{key}: required (a non-empty string)")
    where = f"{where} ({raw['id']})"
    if raw["article"] not in articles:
        raise PackError(f"{where}.article: {raw['article']} is not in the pack's [[articles]]")
    if normalise(raw["quote"]) not in text:
        raise PackError(f"{where}.quote: not found in the regulation's text")
    if raw["severity"] not in ("violation", "advice"):
        raise PackError(f"{where}.severity: must be violation or advice")
    if raw["stage"] not in v.STAGES:
        raise PackError(f"{where}.stage: must be one of {', '.join(v.STAGES)}")
    factory = MECHANISMS.get(raw["check"])
    if factory is None:
        raise PackError(
            f"{where}.check: unknown mechanism (known: {', '.join(sorted(MECHANISMS))})"
        )
    deadline = parse_deadline(raw.get("deadline"), f"{where}.deadline")
    if (deadline is not None) != (raw["check"] in NEEDS_DEADLINE):
        raise PackError(
            f"{where}.deadline: {raw['check']} "
            f"{'needs a' if deadline is None else 'takes no'} deadline"
        )
    applies_raw = dict(raw.get("applies") or {})
    duty_actions = actions
    if "actions" in applies_raw:
        listed = applies_raw.pop("actions")
        if not isinstance(listed, list) or not set(listed) <= actions:
            raise PackError(
                f"{where}.applies.actions: must be kinds the regulation covers"
                f" ({', '.join(sorted(actions))})"
            )
        duty_actions = frozenset(listed)
    applies = parse_applies(applies_raw or None, f"{where}.applies", actions=actions)
    info = DutyInfo(
        raw["id"], regulation, raw["article"], raw["duty"], raw["severity"], raw["stage"]
    )
    params = raw.get("params") or {}
    try:
        run = factory(info, Params(params, f"{where}.params"), deadline)
    except ValueError as error:
        raise PackError(f"{where}: {error}") from None
    trigger = TRIGGERS[raw["check"]]
    if isinstance(trigger, str):
        trigger = frozenset(t for sel in parse_selectors(params[trigger], where) for t in sel.types)
    return Duty(
        info,
        raw["quote"],
        raw.get("reasoning", ""),
        raw["check"],
        params,
        deadline,
        duty_actions,
        applies,
        run,
        trigger,
    )
