"""The written opinion (第十二条) as DOCX and PDF: A4, the case, the points, the conclusion."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import reportlab
from docx import Document

from liuhen.evidence.stores import evidence_store
from liuhen.review.models import LegalReview
from liuhen.review.opinion import CID_FONT, TRUETYPE_CANDIDATES, font_register
from liuhen.review.services import review_pass, review_return
from tests.review.conftest import Desk

SONG = TRUETYPE_CANDIDATES[0][0]
UMING_MISSING = "/nonexistent/uming.ttc"


def _files(review: LegalReview) -> dict[str, bytes]:
    assert review.outcome_event is not None
    store = evidence_store()
    found = {}
    for document in review.outcome_event.documents.select_related("holding__object"):
        holding = document.holding
        with store.open(holding.object.sha256) as stream:
            found[holding.filename.rsplit(".", 1)[1]] = stream.read()
    return found


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_a_passed_opinion_says_agree_in_both_formats(henan: Desk) -> None:
    opened = henan.case(major=True)
    passed = review_pass(
        actor=henan.reviewer, review=henan.in_review(opened), suggestions="依法送达"
    )
    files = _files(passed)
    for text in (_docx_text(files["docx"]), _pdf_text(files["pdf"])):
        assert "法制审核意见书" in text
        assert opened.number in text
        assert passed.opinion_number in text
        assert "审核结论：同意" in text
        assert "行政执法程序是否合法" in text
        assert henan.agency.name in text
        assert "法制审核人员（签名）" in text


def test_a_returned_opinion_states_the_problems_and_reasons(henan: Desk) -> None:
    opened = henan.case()
    returned = review_return(
        actor=henan.reviewer,
        review=henan.in_review(opened, sound=False),
        grounds=["facts"],
        reasons="主要事实不清，缺少现场检查笔录",
        suggestions="补充调查后再次报送",
    )
    files = _files(returned)
    for text in (_docx_text(files["docx"]), _pdf_text(files["pdf"])):
        assert opened.number in text
        assert "审核结论：存在问题" in text
        assert "主要事实不清，证据不足" in text
        assert "缺少现场检查笔录" in text


def test_the_docx_is_a4_with_a_chinese_body_font(henan: Desk) -> None:
    passed = review_pass(actor=henan.reviewer, review=henan.in_review(henan.case()))
    document = Document(io.BytesIO(_files(passed)["docx"]))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert "仿宋" in document.element.xml


def test_the_pdf_is_a4_and_embeds_the_installed_song_font(henan: Desk) -> None:
    # given AR PL SungtiL GB installed (scripts/system-deps.sh installs it for the tests)
    passed = review_pass(actor=henan.reviewer, review=henan.in_review(henan.case()))
    content = _files(passed)["pdf"]
    reader = pypdf.PdfReader(io.BytesIO(content))
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    fonts = [page["/Resources"]["/Font"][key].get_object() for key in page["/Resources"]["/Font"]]
    embedded = [f for f in fonts if "/FontDescriptor" in f]
    # then the body font is a subset of the TrueType font, embedded in the file
    assert {str(f["/BaseFont"]).split("+")[1] for f in embedded} == {"BousungEG-Light-GB"}
    assert all("/FontFile2" in f["/FontDescriptor"].get_object() for f in embedded)
    assert "法制审核意见书" in _pdf_text(content)


def test_without_a_truetype_cjk_font_the_pdf_falls_back_to_the_cid_font() -> None:
    assert font_register("", ()) == CID_FONT
    assert font_register("/nonexistent/font.ttf", ()) == CID_FONT


def test_a_configured_font_without_chinese_glyphs_is_passed_over() -> None:
    latin_only = str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")
    assert font_register(latin_only, ()) == CID_FONT
    assert font_register(latin_only, ((SONG, 0),)) == "LiuhenCJK-gbsn00lp-0"


def test_a_configured_font_comes_before_the_installed_ones() -> None:
    assert font_register(SONG, ((UMING_MISSING, 0),)) == "LiuhenCJK-gbsn00lp-0"
    assert font_register(UMING_MISSING, ((SONG, 0),)) == "LiuhenCJK-gbsn00lp-0"
