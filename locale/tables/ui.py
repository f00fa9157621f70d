"""zh-Hans for the daily-use wording (issue 8): our own strings, natural Chinese for Django's
messages people meet in our forms (listed in anjian/core/django_messages.py), and the glossary's
terms applied to every other table's translations.

This table is read last (tables are read in name order and "ui" sorts late); TERMS rewrites the
Chinese of every entry of the other tables and of the catalogue that still uses an old term, so a
string another app adds with an old term is corrected too the next time scripts/i18n.sh runs.
"""

import re
import runpy
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent

# old Chinese term → the glossary's term. "风险等级" only where the English says "grade": the A–D
# grade of graded supervision, not the red/orange/yellow/blue risk colours.
TERMS = [
    ("居民身份证号", "公民身份号码", None),
    ("身份证号", "公民身份号码", None),
    ("分管安全负责人", "分管安全生产负责人", None),
    ("员工人数", "从业人员数", None),
    ("培训人员", "参训人员", None),
    ("培训记录", "培训班次", None),
    ("风险等级", "监管等级", re.compile("grade", re.I)),
]

T = {
    # ---- our strings ----
    "colon\x04: ": "：",
    "colon\x04:": "：",
    "Enter a mobile number of 11 digits (e.g. 13800138000) or a landline with its area code (e.g. 0750-3501234).": "请输入 11 位手机号（如 13800138000）或带区号的固定电话（如 0750-3501234）。",
    "%(field)s “%(value)s”": "%(field)s为“%(value)s”",
    "%(model)s with %(values)s already exists.": "已存在%(values)s的%(model)s。",
    ", ": "、",
    "Keep the reason to %(limit)d characters (it has %(count)d).": "原因不能超过 %(limit)d 个字（现有 %(count)d 个）。",
    "You look after %(names)s.": "您负责的企业：%(names)s。",
    "And more.": "等。",
    "No enterprise is linked to your account yet; ask the regulator who created it.": "您的账号尚未关联企业，请联系为您开通账号的监管部门。",
    "As an evaluation expert you see an enterprise, its file and its ledgers only while you are assigned to evaluate it; the assignment comes from the district bureau. Nothing else in the district is open to you.": "您是评估专家：只有在区应急管理局把某家企业分配给您评估期间，才能查看这家企业及其档案和台账；辖区内的其他数据不向您开放。",
    "No evaluation is assigned to you at the moment, so there is nothing to open yet.": "目前没有分配给您的评估任务，暂无可查看的内容。",
    "Page": "页面",
    "Permission": "权限",
    "Action": "操作",
    "Reason": "原因",
    "Reasons": "原因",
    "Username": "用户名",
    "Rows": "行数",
    "Count": "数量",
    "Created": "新增",
    "Updated": "更新",
    "Errors": "错误",
    "Filters": "筛选条件",
    "File": "文件",
    "From": "原值",
    "To": "新值",
    "Fields": "字段",
    "Changes": "变更",
    "Method": "方式",
    "Status": "状态",
    "Browser": "浏览器",
    # ---- Django's own messages, in natural Chinese ----
    "This field is required.": "请填写此项。",
    "This field cannot be null.": "请填写此项。",
    "This field cannot be blank.": "请填写此项。",
    "Enter a valid date.": "请输入有效的日期，例如 2026-12-01。",
    "Enter a valid date/time.": "请输入有效的日期和时间，例如 2026-12-01 09:30。",
    "Enter a valid time.": "请输入有效的时间，例如 09:30。",
    "Enter a whole number.": "请输入整数。",
    "Enter a number.": "请输入数字。",
    "Enter a valid email address.": "请输入有效的电子邮箱地址。",
    "Enter a valid URL.": "请输入有效的网址。",
    "Ensure this value is less than or equal to %(limit_value)s.": "不能大于 %(limit_value)s。",
    "Ensure this value is greater than or equal to %(limit_value)s.": "不能小于 %(limit_value)s。",
    "Select a valid choice. That choice is not one of the available choices.": "所选项不在可选范围内，请从列表中选择。",
    "Select a valid choice. %(value)s is not one of the available choices.": "“%(value)s”不在可选范围内，请从列表中选择。",
    "Value %(value)r is not a valid choice.": "%(value)r 不是可选的值。",
    "%(model_name)s with this %(field_label)s already exists.": "已存在%(field_label)s相同的%(model_name)s。",
    "%(model_name)s with this %(field_labels)s already exists.": "已存在%(field_labels)s都相同的%(model_name)s。",
    "Constraint “%(name)s” is violated.": "不符合数据规则“%(name)s”。",
    "The submitted file is empty.": "上传的文件是空的。",
    "No file was submitted. Check the encoding type on the form.": "没有收到文件，请重新选择文件后上传。",
    "A user with that username already exists.": "该用户名已被使用。",
    "The two password fields didn’t match.": "两次输入的密码不一致。",
    "Your old password was entered incorrectly. Please enter it again.": "原密码不正确，请重新输入。",
    "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive.": "%(username)s或密码不正确（区分大小写）。",
    "This password is too common.": "这个密码太常见，请换一个。",
    "This password is entirely numeric.": "密码不能全是数字。",
    "The password is too similar to the %(verbose_name)s.": "密码与%(verbose_name)s太相似。",
}

P = {
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).": "不能超过 %(limit_value)d 个字符（现有 %(show_value)d 个）。",
    "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).": "至少需要 %(limit_value)d 个字符（现有 %(show_value)d 个）。",
    "Ensure that there are no more than %(max)s digit in total.": "总位数不能超过 %(max)s 位。",
    "Ensure that there are no more than %(max)s decimal place.": "小数不能超过 %(max)s 位。",
    "Ensure that there are no more than %(max)s digit before the decimal point.": "整数部分不能超过 %(max)s 位。",
    "This password is too short. It must contain at least %d character.": "密码太短，至少需要 %d 个字符。",
}


def _with_terms(msgid: str, text: str) -> str:
    for old, new, only_if in TERMS:
        if old in text and (only_if is None or only_if.search(msgid.split("\x04")[-1])):
            text = text.replace(old, new)
    return text


def _glossary_overrides() -> tuple[dict, dict]:
    """Every translation elsewhere (other tables, then the catalogue) that uses an old term."""
    singular, plural = {}, {}
    for table in sorted(HERE.glob("*.py")):
        if table.name == "ui.py":
            continue
        data = runpy.run_path(str(table))
        for source, target in ((data.get("T", {}), singular), (data.get("P", {}), plural)):
            for msgid, text in source.items():
                fixed = _with_terms(msgid, text)
                if fixed != text:
                    target[msgid] = fixed
    po_path = HERE.parent / "zh_Hans/LC_MESSAGES/django.po"
    if po_path.exists():
        for entry in polib.pofile(str(po_path)):
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            if entry.msgid_plural:
                text = entry.msgstr_plural.get(0, "")
                if text and entry.msgid not in plural and _with_terms(key, text) != text:
                    plural[entry.msgid] = _with_terms(key, text)
            elif (
                entry.msgstr
                and key not in singular
                and _with_terms(key, entry.msgstr) != entry.msgstr
            ):
                singular[key] = _with_terms(key, entry.msgstr)
    return singular, plural


_singular, _plural = _glossary_overrides()
T = {**_singular, **{k: _with_terms(k, v) for k, v in T.items()}}
P = {**_plural, **P}
