"""The Word document mechanism: the blocks read back with python-docx, the fonts are Chinese, and
the view hands a record's document only to who may see the record, audited, as an attachment."""

from __future__ import annotations

import io

import docx
import pytest
from django.test import RequestFactory
from django.utils import translation
from docx.oxml.ns import qn

from anjian.core.documents import (
    DOCX_CONTENT_TYPE,
    DocumentKind,
    DocumentView,
    WordDocument,
    document_response,
)
from anjian.core.models import AuditEvent
from anjian.enterprises.models import Enterprise


def reopen(document: WordDocument):
    return docx.Document(io.BytesIO(document.to_bytes()))


def table_texts(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_blocks_read_back():
    document = WordDocument("有限空间作业审批表", filename="审批表-0001")
    document.title("有限空间作业审批表", subtitle="编号 YX-2026-0001")
    document.heading("一、作业概况")
    document.key_values(
        [
            ("企业", "江门市恒亦达电子有限公司"),
            ("有限空间", "好氧池"),
            ("作业内容", "清理池底污泥\n更换曝气头", "wide"),
            ("承包单位", None),
        ]
    )
    document.items(
        ["姓名", "职责"], [("罗振华", "作业负责人"), ("黄家明", ["作业人员", "救援人员"])]
    )
    document.items(["时间", "读数"], [], empty="无检测记录")
    document.numbered(["先通风", "再检测", "后作业"])
    document.signatures(
        [("审批人（签字）", "罗振华", "2026-12-01 10:00"), ("监护人（签字）", "", "")]
    )

    opened = reopen(document)
    texts = [p.text for p in opened.paragraphs]
    assert texts[0] == "有限空间作业审批表"
    assert "编号 YX-2026-0001" in texts
    assert "一、作业概况" in texts
    assert ["1. 先通风", "2. 再检测", "3. 后作业"] == [
        t for t in texts if t[:2] in {"1.", "2.", "3."}
    ]
    kv, people, empty, signatures = opened.tables
    assert table_texts(kv)[0] == ["企业", "江门市恒亦达电子有限公司", "有限空间", "好氧池"]
    # A wide row spans the width; a missing value is a dash, never "None".
    assert table_texts(kv)[1][1] == "清理池底污泥\n更换曝气头"
    assert table_texts(kv)[2][:2] == ["承包单位", "—"]
    assert table_texts(people) == [
        ["姓名", "职责"],
        ["罗振华", "作业负责人"],
        ["黄家明", "作业人员\n救援人员"],
    ]
    assert table_texts(empty)[1][0] == "无检测记录"
    # The header row repeats on every page.
    assert people.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    first, second = table_texts(signatures)
    assert first[1] == "罗振华" and first[3] == "2026-12-01 10:00"
    assert second[1].startswith("＿")
    assert document.download_name == "审批表-0001.docx"


def test_page_is_a4_and_fonts_are_chinese():
    opened = reopen(WordDocument("x"))
    section = opened.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    normal = opened.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "宋体"
    heading = opened.styles["Heading 1"].element.rPr.rFonts
    assert heading.get(qn("w:eastAsia")) == "黑体"
    # A theme font would override the named one in Word: none is left.
    assert heading.get(qn("w:asciiTheme")) is None and heading.get(qn("w:eastAsiaTheme")) is None


def test_landscape():
    section = reopen(WordDocument("x", landscape=True)).sections[0]
    assert section.page_width > section.page_height


def test_download_name_is_safe():
    assert WordDocument("a/b:c*?", filename='审批表 "1"/2').download_name == "审批表 12.docx"
    assert WordDocument("x", filename="   ").download_name == "document.docx"


def test_response_is_an_attachment_that_is_not_cached():
    response = document_response(WordDocument("x", filename="有限空间作业方案"))
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    docx.Document(io.BytesIO(response.content))  # opens


def build_enterprise_sheet(enterprise, *, user):
    document = WordDocument(enterprise.name, filename=f"企业信息-{enterprise.name}")
    document.key_values([("企业名称", enterprise.name), ("读者", user.username)])
    return document


class EnterpriseSheetView(DocumentView):
    model = Enterprise

    kinds = [DocumentKind("sheet", "企业信息", build_enterprise_sheet)]


@pytest.mark.django_db
def test_view_scopes_audits_and_answers_a_file(world):
    from django.http import Http404

    inside = world.enterprises["inside"]
    outside = world.enterprises["outside"]
    officer = world.users["subdistrict_officer"]
    view = EnterpriseSheetView.as_view()
    factory = RequestFactory()

    def get(pk, kind="sheet"):
        request = factory.get(f"/x/{pk}/document/{kind}/")
        request.user = officer
        return view(request, pk=pk, kind=kind)

    with translation.override("zh-hans"):
        response = get(inside.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    opened = docx.Document(io.BytesIO(response.content))
    assert table_texts(opened.tables[0])[0][:2] == ["企业名称", inside.name]
    event = AuditEvent.objects.get(action="enterprises.enterprise.document_downloaded")
    assert event.actor == officer and event.object_id == str(inside.pk)
    assert event.detail["kind"] == "sheet"

    with pytest.raises(Http404):
        get(outside.pk)
    assert AuditEvent.objects.filter(action="security.access_refused").exists()
    with pytest.raises(Http404):
        get(inside.pk, kind="nonsense")
    assert (
        AuditEvent.objects.filter(action="enterprises.enterprise.document_downloaded").count() == 1
    )


def test_merged_cells_keep_the_width_of_the_cells_they_took_in():
    document = WordDocument("x")
    document.key_values([("企业", "恒亦达", "wide"), ("空间", "好氧池")])
    document.items(["a", "b"], [], widths=[3, 5])
    kv, items = reopen(document).tables
    wide = kv.rows[0].cells[1]
    assert round(wide.width.cm, 1) == round(document.usable_width.cm - 3.2, 1)
    assert round(items.rows[1].cells[0].width.cm, 1) == 8.0
