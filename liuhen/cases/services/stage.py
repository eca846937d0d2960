"""Moving a case to another stage by hand (the machine is in liuhen.cases.stages)."""

from __future__ import annotations

from django.db import transaction

from liuhen.accounts.models import User
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case, Stage
from liuhen.cases.services.events import case_lock
from liuhen.cases.stages import effective_types, failing_guards, transition_for
from liuhen.ledger.services import ledger_append


@transaction.atomic
def case_stage_advance(*, actor: User | None, case: Case, target: str) -> Case:
    """Move `case` to `target` along one transition of the stage machine.

    Refused (CaseStateError naming the failing guard) when no transition leads there from the
    current stage or a guard fails. Side effects: the case's stage and a ledger entry.
    """
    if target not in Stage.values:
        raise CaseInputError("target", f"未知的阶段：{target}")
    case = case_lock(case)
    source = Stage(case.stage)
    transition = transition_for(source, target)
    if transition is None:
        raise CaseStateError(f"不能从“{source.label}”进入“{Stage(target).label}”")
    failing = failing_guards(transition, effective_types(case))
    if failing:
        reasons = "；".join(g.failure for g in failing)
        raise CaseStateError(f"不能进入“{Stage(target).label}”：{reasons}")
    case.stage = target
    case.save(update_fields=["stage"])
    ledger_append(
        actor=actor,
        action="case.stage_advance",
        target=case,
        payload={"from": source.value, "to": target, "automatic": False},
    )
    return case
