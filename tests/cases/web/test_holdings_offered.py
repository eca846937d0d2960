"""The files a case's forms offer: the agency's evidence no other case uses (this case's own
included), and for a recording only audio and video."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from liuhen.cases.models import Case
from liuhen.cases.services import case_event_record
from liuhen.evidence.models import EvidenceHolding
from liuhen.evidence.services import evidence_ingest
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for
from tests.factories import case
from tests.world import World


def _file(world: World, people: People, name: str, body: bytes) -> EvidenceHolding:
    return evidence_ingest(
        actor=people.handler, agency=world.mangshi_emergency, source=io.BytesIO(body), filename=name
    )


@pytest.fixture
def other_case_file(world: World, people: People) -> EvidenceHolding:
    """A recording of the same agency already linked to another case."""
    other = case(world.mangshi_emergency, actor=people.handler, at=days_ago(5))
    used = _file(world, people, "DSJ_另案.mp4", b"another case's recording")
    case_event_record(
        actor=people.handler, case=other, type="inquiry", at=days_ago(4), documents=[used]
    )
    return used


def _page(people: People, url: str) -> str:
    response = client_for(people.handler).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_act_form_offers_free_files_and_this_cases_own_not_another_cases(
    world: World, people: People, handled: Case, other_case_file: EvidenceHolding
) -> None:
    # given a free file and one already linked to this case
    free = _file(world, people, "询问笔录.pdf", b"record")
    own = _file(world, people, "本案笔录.pdf", b"own record")
    case_event_record(
        actor=people.handler, case=handled, type="inquiry", at=days_ago(3), documents=[own]
    )
    # when the handler opens an act form of this case
    html = _page(people, reverse("cases:act", args=[handled.pk, "inquiry"]))
    # then the other case's file is not offered; the free and own files are
    assert other_case_file.filename not in html
    assert free.filename in html
    assert own.filename in html


def test_the_review_submission_does_not_offer_another_cases_files(
    world: World, people: People, handled: Case, other_case_file: EvidenceHolding
) -> None:
    free = _file(world, people, "调查报告.pdf", b"report")
    html = _page(people, reverse("review:submit", args=[handled.pk]))
    assert "调查取证相关材料" in html
    assert other_case_file.filename not in html
    assert free.filename in html


def test_the_recording_list_offers_audio_and_video_of_no_other_case(
    world: World, people: People, handled: Case, other_case_file: EvidenceHolding
) -> None:
    # given a text file, a free video and another case's video
    text = _file(world, people, "说明.txt", b"just text")
    video = _file(world, people, "DSJ_本案.mp4", b"a recording")
    # when the handler opens the case page
    html = _page(people, reverse("cases:detail", args=[handled.pk]))
    attach = html[html.index("已上传的音像文件") :]
    # then only the free video is offered for a recording
    assert video.filename in attach
    assert text.filename not in attach
    assert other_case_file.filename not in attach
