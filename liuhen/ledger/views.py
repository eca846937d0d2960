"""What witnesses poll: signed checkpoints, consistency proofs between them, the public key.

Public on purpose: a checkpoint reveals only how many entries exist and a hash; anyone holding
one can later prove the log was not rewritten.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from liuhen.ledger.checkpoints import public_key_pem
from liuhen.ledger.merkle import consistency_proof, leaf_hash
from liuhen.ledger.models import LedgerCheckpoint, LedgerEntry
from liuhen.ledger.services import ledger_algorithm, ledger_signing_key
from liuhen.ledger.witness import ConsistencyProof, consistency_proof_to_json

_JSON = "application/json; charset=utf-8"


@require_GET
def checkpoint_latest(request: HttpRequest) -> HttpResponse:
    checkpoint = LedgerCheckpoint.objects.order_by("-tree_size").first()
    if checkpoint is None:
        raise Http404("尚无检查点")
    return HttpResponse(checkpoint.signed_json, content_type=_JSON)


@require_GET
def checkpoint_at(request: HttpRequest, tree_size: int) -> HttpResponse:
    checkpoint = LedgerCheckpoint.objects.filter(tree_size=tree_size).first()
    if checkpoint is None:
        raise Http404("没有该条数的检查点")
    return HttpResponse(checkpoint.signed_json, content_type=_JSON)


@require_GET
def consistency(request: HttpRequest) -> HttpResponse:
    """?from=OLD&to=NEW: the RFC 9162 consistency proof between two checkpointed sizes."""
    try:
        old, new = int(request.GET["from"]), int(request.GET["to"])
    except (KeyError, ValueError):
        return JsonResponse({"error": "需要整数参数 from 和 to"}, status=400)
    sizes = set(
        LedgerCheckpoint.objects.filter(tree_size__in=[old, new]).values_list(
            "tree_size", flat=True
        )
    )
    if not 0 < old <= new or sizes != {old, new}:
        return JsonResponse(
            {"error": "from 和 to 须为已签发检查点的条数，且 from ≤ to"}, status=400
        )
    algorithm = ledger_algorithm()
    hashes = LedgerEntry.objects.order_by("sequence").values_list("entry_hash", flat=True)[:new]
    leaves = [leaf_hash(bytes.fromhex(h), algorithm=algorithm) for h in hashes]
    proof = ConsistencyProof(
        old_size=old,
        new_size=new,
        hashes=tuple(consistency_proof(leaves, old, new, algorithm=algorithm)),
    )
    return HttpResponse(consistency_proof_to_json(proof), content_type=_JSON)


@require_GET
def public_key(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        public_key_pem(ledger_signing_key().public_key()), content_type="text/plain; charset=utf-8"
    )
