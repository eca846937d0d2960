"""Reading the government tree: ancestors, descendants and the government an agency belongs to.

Trees here are a few hundred nodes at most per province, so walking parents in Python is simpler
and as fast as recursive SQL; it also runs the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from liuhen.agencies.models import Agency, AgencyKind


def agency_ancestors(agency: Agency) -> list[Agency]:
    """Parent, grandparent … up to the root (the agency itself not included)."""
    chain: list[Agency] = []
    seen = {agency.pk}
    current = agency.parent
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain


def agency_descendant_ids(agency: Agency) -> set[int]:
    """Every agency below this one in the tree (not itself)."""
    found: set[int] = set()
    frontier = [agency.pk]
    while frontier:
        children = list(
            Agency.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found.update(children)
        frontier = children
    found.discard(agency.pk)
    return found


def agency_government(agency: Agency) -> Agency | None:
    """The people's government the agency belongs to (itself if it is one).

    An entrusted organisation acts in the name of the agency that entrusted it, so it belongs to
    that agency's government when it has no place of its own in the tree.
    """
    if agency.kind == AgencyKind.GOVERNMENT:
        return agency
    for ancestor in agency_ancestors(agency):
        if ancestor.kind == AgencyKind.GOVERNMENT:
            return ancestor
    if agency.entrusted_by is not None and agency.entrusted_by.pk != agency.pk:
        return agency_government(agency.entrusted_by)
    return None


def government_is_within(government: Agency, of: Agency) -> bool:
    """True when `government` is `of` or a government below it."""
    return government.pk == of.pk or any(a.pk == of.pk for a in agency_ancestors(government))
