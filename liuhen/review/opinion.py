"""The written opinion (法制审核意见书, henan-review 第十二条) as DOCX and PDF.

Laid out as a Chinese government document on A4 (GB/T 9704 margins): the issuing body, the title,
the 文号, the case, the materials reviewed, the opinion on each review point (第九条), the
conclusion (同意 / 存在问题, fangcheng-plan 三（一）8), reasons and suggestions, signature and date
lines. The DOCX names 仿宋_GB2312 / 方正小标宋简体 (present on government PCs) with 仿宋 and 宋体 as
East Asian fallbacks; the PDF embeds a TrueType CJK font when one is configured or installed
(OpenType/CFF fonts such as Noto CJK cannot be embedded by reportlab) and otherwise uses the
Adobe-GB1 CID font STSong-Light, which every PDF reader renders without embedding.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from liuhen.rules.clock import CHINA

BODY_FONT = "仿宋_GB2312"
BODY_FALLBACK = "仿宋"
TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "宋体"
CID_FONT = "STSong-Light"
# TrueType CJK fonts Debian ships, tried in order after LIUHEN_OPINION_FONT; (path, subfont
# index). AR PL SungtiL GB (fonts-arphic-gbsn00lp) first: a 宋体 with the mainland's GB glyph
# shapes, the closest to what a government document is set in.
TRUETYPE_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
)
# A font without these glyphs would print blanks where the document's fixed words stand.
COVERAGE_PROBE = "法制审核意见书结论同意存在问题案号当事人〔〕（）：，。"


@dataclass(frozen=True, slots=True)
class PointLine:
    label: str
    sound: bool | None
    opinion: str


@dataclass(frozen=True, slots=True)
class Opinion:
    """Everything the document says, already in words."""

    agency: str
    number: str
    case_number: str
    case_title: str
    parties: str
    submitted_by: str
    received_at: datetime
    reviewers: str
    materials: list[str]
    decision: str
    major: str
    points: list[PointLine]
    powers: list[str]
    passed: bool
    grounds: list[str]
    reasons: str
    suggestions: str
    decided_at: datetime

    @property
    def conclusion(self) -> str:
        return "同意" if self.passed else "存在问题"

    def sections(self) -> list[tuple[str, list[str]]]:
        """The body as (heading, paragraphs), shared by both formats."""
        points = [
            f"{i}. {p.label}：{_verdict(p.sound)}。{p.opinion}"
            for i, p in enumerate(self.points, start=1)
        ]
        result = [f"审核结论：{self.conclusion}。"]
        if self.grounds:
            result.append("不予通过的情形：" + "；".join(self.grounds) + "。")
        return [
            (
                "一、案件基本情况",
                [
                    f"案号：{self.case_number}",
                    f"案由：{self.case_title}",
                    f"当事人：{self.parties or '—'}",
                    f"送审人：{self.submitted_by}；收到送审材料时间：{_date(self.received_at)}",
                    f"拟作出的决定：{self.decision}",
                    f"重大执法决定认定：{self.major}",
                ],
            ),
            ("二、审核的材料", self.materials or ["—"]),
            ("三、审核意见", points),
            ("四、审核中采取的措施", self.powers or ["无"]),
            ("五、审核结论", result),
            (
                "六、理由和建议",
                [f"理由：{self.reasons or '—'}", f"建议：{self.suggestions or '—'}"],
            ),
        ]


def _verdict(sound: bool | None) -> str:
    if sound is None:
        return "未记录"
    return "无问题" if sound else "存在问题"


def _date(moment: datetime) -> str:
    local = moment.astimezone(CHINA)
    return f"{local.year}年{local.month}月{local.day}日"


def opinion_docx(opinion: Opinion) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    def run(paragraph: Any, text: str, *, font: str, size: float, bold: bool = False) -> Any:
        piece = paragraph.add_run(text)
        piece.font.size = Pt(size)
        piece.font.bold = bold
        piece.font.name = font
        fonts = piece._element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), font)
        return piece

    style = document.styles["Normal"]
    style.font.name = BODY_FALLBACK
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(head, opinion.agency, font=TITLE_FONT, size=22)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(title, "法制审核意见书", font=TITLE_FONT, size=22, bold=True)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(number, opinion.number, font=BODY_FONT, size=16)
    for heading, paragraphs in opinion.sections():
        run(document.add_paragraph(), heading, font="黑体", size=16)
        for text in paragraphs:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(32)
            run(paragraph, text, font=BODY_FONT, size=16)
    for text in (
        f"法制审核人员（签名）：{opinion.reviewers}",
        "法制审核机构负责人（签名）：",
        f"{opinion.agency}（法制审核机构印章）",
        _date(opinion.decided_at),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run(paragraph, text, font=BODY_FONT, size=16)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@cache
def font_register(configured: str, candidates: tuple[tuple[str, int], ...]) -> str:
    """The registered reportlab font name: the first of the configured font and `candidates`
    that loads and has every glyph of the probe (embedded as a subset), else STSong-Light."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    tried = [(configured, 0)] if configured else []
    tried.extend(candidates)
    for path, index in tried:
        if not Path(path).is_file():
            continue
        name = f"LiuhenCJK-{Path(path).stem}-{index}"
        try:
            font = TTFont(name, path, subfontIndex=index)
        except (TTFError, OSError):
            continue
        if any(ord(char) not in font.face.charToGlyph for char in COVERAGE_PROBE):
            continue
        pdfmetrics.registerFont(font)
        return name
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


def opinion_font() -> str:
    configured = str(getattr(settings, "LIUHEN_OPINION_FONT", "") or "")
    return font_register(configured, TRUETYPE_CANDIDATES)


def opinion_pdf(opinion: Opinion) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = opinion_font()
    body = ParagraphStyle(
        "body", fontName=font, fontSize=14, leading=24, firstLineIndent=28, wordWrap="CJK"
    )
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=6)
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=30, alignment=TA_CENTER)
    centred = ParagraphStyle("centred", parent=body, firstLineIndent=0, alignment=TA_CENTER)
    right = ParagraphStyle("right", parent=body, firstLineIndent=0, alignment=TA_RIGHT)
    story = [
        Paragraph(escape(opinion.agency), title),
        Paragraph("法制审核意见书", title),
        Paragraph(escape(opinion.number), centred),
        Spacer(1, 6 * mm),
    ]
    for head, paragraphs in opinion.sections():
        story.append(Paragraph(escape(head), heading))
        story.extend(Paragraph(escape(text), body) for text in paragraphs)
    story.append(Spacer(1, 10 * mm))
    for text in (
        f"法制审核人员（签名）：{opinion.reviewers}",
        "法制审核机构负责人（签名）：",
        f"{opinion.agency}（法制审核机构印章）",
        _date(opinion.decided_at),
    ):
        story.append(Paragraph(escape(text), right))
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        title=f"法制审核意见书 {opinion.number}",
        author=opinion.agency,
    ).build(story)
    return buffer.getvalue()
