"""Issue 8, points 12, 13, 16 and 17: the daily-use frictions that need no browser to show.

Each test fails on the code before the fix: the export link in the results, natural Chinese for
Django's and our messages, the glossary's terms, numbers and dates, the language picker, the audit
page in words, each persona's first screen, overdue inspections, newest sessions first, phone
columns and input limits.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db


def zh(client, url, **params):
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# ---- 12. Export to Excel is a plain download ------------------------------------------------------


def test_export_link_is_a_plain_download_not_an_htmx_link(world, login):
    client = login(world.users["subdistrict_officer"])
    html = zh(client, "/enterprises/", q="hyd")
    link = html[html.index("js-export") - 80 : html.index("js-export") + 200]
    assert 'href="/enterprises/?' in link and "export=xlsx" in link and "q=hyd" in link
    assert " download" in link and "data-no-htmx" in link
    # the partial htmx loads keeps it a download, too
    partial = client.get("/enterprises/", {"q": "hyd"}, HTTP_HX_REQUEST="true").content.decode()
    assert "data-no-htmx" in partial


# ---- 13. Back button: no DOM snapshots, the server renders the form from the URL ---------------


def test_history_is_restored_from_the_server_not_from_snapshots(world, login):
    html = zh(login(world.users["regulator"]), "/enterprises/")
    assert '"historyCacheSize":0' in html and '"refreshOnHistoryMiss":true' in html


def test_filter_form_is_rendered_from_the_url(world, login):
    html = zh(login(world.users["regulator"]), "/enterprises/", status="suspended")
    assert '<option value="suspended" selected>' in html


# ---- 16. Words ----------------------------------------------------------------------------------


def test_duplicate_uscc_reads_naturally(world):
    from anjian.enterprises.forms import EnterpriseForm

    existing = world.enterprises["inside"]
    user = world.users["regulator"]
    with translation.override("zh-hans"):
        form = EnterpriseForm(
            data={
                "name": "江门市另一家电子有限公司",
                "uscc": existing.uscc,
                "region": existing.region_id,
            },
            user=user,
        )
        form.is_valid()
        errors = " ".join(str(e) for e in form.errors.get("uscc", []) + form.non_field_errors())
    assert f"已存在统一社会信用代码为“{existing.uscc}”的企业。" in errors
    assert "具有" not in errors


def test_unique_together_names_each_value(world):
    from anjian.regions.models import Region

    village = world.regions["village"]
    duplicate = Region(
        code="440704003999", name=village.name, parent=village.parent, level=village.level
    )
    with translation.override("zh-hans"), pytest.raises(ValidationError) as raised:
        duplicate.validate_constraints()
    text = " ".join(raised.value.messages)
    assert "已存在" in text and "“东南村”" in text and "“外海街道”" in text


def test_django_length_message_is_natural_chinese():
    from django import forms

    class F(forms.Form):
        code = forms.CharField(max_length=18)

    with translation.override("zh-hans"):
        form = F(data={"code": "9144070" + "1" * 12})
        assert not form.is_valid()
        message = form.errors["code"][0]
    assert message == "不能超过 18 个字符（现有 19 个）。"


def test_whitespace_is_trimmed_before_the_length_check_and_no_browser_cut(world, login):
    from anjian.enterprises.forms import EnterpriseForm

    with translation.override("zh-hans"):
        form = EnterpriseForm(user=world.users["regulator"])
        field = form["uscc"]
        # a pasted " 9144… " is not cut by the browser before the server trims it
        assert not re.search(r"\smaxlength=", str(field))
        form = EnterpriseForm(data={"uscc": "  " + world.enterprises["inside"].uscc + "  "})
        form.is_valid()
        assert "uscc" not in form.errors or "18" not in str(form.errors["uscc"])


def test_terms_follow_the_glossary():
    from django.utils.translation import gettext

    with translation.override("zh-hans"):
        assert gettext("training session") == "培训班次"
        assert gettext("Training sessions") == "培训班次"
        assert gettext("Trained people") == "参训人员"
        assert gettext("risk grade") == "监管等级"
        assert gettext("employees") == "从业人员数"
        assert gettext("safety officer's phone") == "分管安全生产负责人电话"
        assert gettext("ID number") == "公民身份号码"


def test_language_picker_says_english_in_chinese_pages(world, login):
    html = zh(login(world.users["regulator"]), "/")
    assert 'lang="en">English</option>' in html
    assert "英语" not in html


def test_one_date_format_on_list_and_detail(world, login):
    enterprise = world.enterprises["inside"]
    enterprise.last_inspected_on = datetime.date(2024, 2, 29)
    enterprise.save()
    client = login(world.users["regulator"])
    listing = zh(client, "/enterprises/", q="hyd")
    detail = zh(client, f"/enterprises/{enterprise.pk}/")
    assert "2024-02-29" in listing and "2024-02-29" in detail
    assert "2024年2月29日" not in detail


def test_hours_read_as_whole_numbers(world, login):
    from anjian.core.templatetags.anjian_ui import plain_number

    assert plain_number(Decimal("16.0")) == "16"
    assert plain_number(Decimal("1.50")) == "1.5"
    assert plain_number("16.0") == "16.0"  # text is left alone


def test_audit_page_reads_in_words(world, login):
    from anjian.core import audit

    audit.record(
        "security.access_refused",
        actor=world.users["grid_worker"],
        detail={"path": "/enterprises/1/edit/", "permission": "enterprises.change_enterprise"},
    )
    html = zh(login(world.users["admin"]), "/audit/")
    assert "{&quot;" not in html and '{"path"' not in html
    assert "<dt>页面</dt><dd>/enterprises/1/edit/</dd>" in html


# ---- 17. Each persona's first screen ------------------------------------------------------------


def test_enterprise_manager_home_names_the_enterprise(world, login):
    html = zh(login(world.users["enterprise_manager"]), "/")
    assert "江门市恒亦达电子有限公司" in html[html.index('id="home-scope"') :][:300]
    assert "您在东南村" not in html


def test_expert_home_says_what_and_why(world, login):
    html = zh(login(world.users["expert"]), "/")
    scope = html[html.index('id="home-scope"') :][:400]
    assert "评估专家" in scope and "分配" in scope


def test_enterprise_list_marks_overdue_inspections(world, login):
    enterprise = world.enterprises["inside"]
    enterprise.risk_grade = "A"
    enterprise.last_inspected_on = timezone.localdate() - datetime.timedelta(days=400)
    enterprise.save()
    html = zh(login(world.users["regulator"]), "/enterprises/", q="hyd")
    assert 'data-status="overdue"' in html


def test_training_sessions_newest_first(world, login):
    from anjian.training.testing import TrainingSessionFactory

    region = world.regions["village"]
    TrainingSessionFactory(
        topic="二〇二四年闰日培训", held_on=datetime.date(2024, 2, 29), region=region
    )
    TrainingSessionFactory(
        topic="二〇二六年十一月培训", held_on=datetime.date(2026, 11, 30), region=region
    )
    html = zh(login(world.users["regulator"]), "/training/sessions/")
    assert html.index("二〇二六年十一月培训") < html.index("二〇二四年闰日培训")


def test_phone_shows_key_columns_of_the_enterprise_list(world, login):
    html = zh(login(world.users["regulator"]), "/enterprises/")
    head = html[html.index("<thead") : html.index("</thead>")]
    cells = {
        name: cell
        for cell in head.split("<th ")[1:]
        for name in ("name", "uscc", "principal_name", "risk_grade", "next_inspection")
        if f'sort={name}"' in cell or (name == "next_inspection" and "sort=" not in cell)
    }

    def hidden_on_phones(cell):
        classes = re.search(r'class="([^"]*)"', cell)
        return bool(classes) and {"d-none", "d-md-table-cell"} <= set(classes.group(1).split())

    assert hidden_on_phones(cells["uscc"]) and hidden_on_phones(cells["principal_name"])
    for key in ("name", "risk_grade", "next_inspection"):
        assert not hidden_on_phones(cells[key]), key


@pytest.mark.parametrize(
    "phone, ok",
    [
        ("13800138000", True),
        ("138 0013 8000", True),
        ("0750-3501234", True),
        ("12345", False),
        ("1380013800", False),
        ("abc", False),
    ],
)
def test_phone_format(phone, ok):
    from anjian.core.validators import validate_phone

    if ok:
        validate_phone(phone)
    else:
        with pytest.raises(ValidationError):
            validate_phone(phone)


def test_phone_fields_of_forms_are_checked(world):
    from anjian.enterprises.forms import EnterpriseForm

    with translation.override("zh-hans"):
        form = EnterpriseForm(data={"principal_phone": "12345"}, user=world.users["regulator"])
        form.is_valid()
        assert "手机号" in str(form.errors.get("principal_phone"))


@override_settings(REASON_MAX_LENGTH=20)
def test_reason_too_long_is_refused_clearly(world):
    from anjian.core.workflow import TransitionRefused, perform

    enterprise = world.enterprises["inside"]
    transition = next(
        t.name for t in type(enterprise).workflow.transitions.values() if t.reason_required
    )
    with translation.override("zh-hans"), pytest.raises(TransitionRefused) as refused:
        perform(enterprise, transition, actor=world.users["admin"], reason="原因" * 15 + "   ")
    assert any("原因不能超过 20 个字" in r for r in refused.value.reasons)


def test_people_are_labelled_by_full_name(world, login):
    from anjian.training.forms import PersonForm
    from anjian.training.testing import PersonFactory

    person = PersonFactory(name="梁振华", region=world.regions["village"])
    client = login(world.users["regulator"])
    listing = zh(client, "/training/people/")
    head = listing[listing.index("<thead") : listing.index("</thead>")]
    assert "姓名" in head and "名称" not in head
    detail = zh(client, f"/training/people/{person.pk}/")
    assert "姓名" in detail
    with translation.override("zh-hans"):
        assert str(PersonForm(user=world.users["regulator"]).fields["name"].label) == "姓名"


def test_colons_are_full_width_in_chinese(world, login):
    html = zh(login(world.users["regulator"]), "/")
    label = html[html.index('class="app-jurisdiction-label"') :][:80]
    assert "：</span>" in label


def test_phone_fields_of_every_api_serializer_are_checked(world, rf):
    """Generated over the router: every writable ``phone`` / ``*_phone`` field of every API
    serializer carries the same phone rule as the page form and the import."""
    from rest_framework.request import Request

    from anjian.core.api.routers import router
    from anjian.core.validators import validate_phone

    request = Request(rf.get("/api/"))
    request.user = world.users["admin"]
    checked = []
    for _prefix, viewset, _basename in router.registry:
        serializer_class = getattr(viewset, "serializer_class", None)
        if serializer_class is None:
            continue
        fields = serializer_class(context={"request": request}).fields
        for name, field in fields.items():
            if (name == "phone" or name.endswith("_phone")) and not field.read_only:
                assert validate_phone in field.validators, f"{serializer_class.__name__}.{name}"
                checked.append(name)
    assert {"phone", "principal_phone"} <= set(checked)


def test_the_api_refuses_a_bad_phone_number(world, api_client):
    enterprise = world.enterprises["inside"]
    api_client.force_authenticate(world.users["regulator"])
    with translation.override("zh-hans"):
        response = api_client.patch(
            f"/api/enterprises/{enterprise.pk}/", {"principal_phone": "12345"}, format="json"
        )
    assert response.status_code == 400
    assert "principal_phone" in response.json()
    enterprise.refresh_from_db()
    assert enterprise.principal_phone != "12345"
