"""The report composed as blocks (title, headings, paragraphs) from ``ReportFacts``.

One composition, two renderers: ``word.py`` writes the blocks into a Word document, the page
template (``templates/evaluations/report.html``) prints them. The sections and their order are the
evaluation report's habitual ones: the accident and the evaluation work; 一 the evaluation work;
二 the accountability ((一) criminal, (二) party discipline, government sanctions and accountability
measures, (三) administrative penalties); 三 each recommendation with its implementation; 四 the
problems (those handed over, the spot checks of similar enterprises); 五 work suggestions; 六 the
evaluation's conclusion. Every sentence is a translatable string filled from the facts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .facts import ItemFacts, ReportFacts

DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Chinese numerals as headings write them: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一,
    100 → 一百, 101 → 一百零一, 110 → 一百一十, 1005 → 一千零五; 10,000 and above in digits."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    if n >= 10000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero else "") + DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def section_label(n: int, text: str) -> str:
    return _("%(number)s. %(text)s") % {"number": cn_number(n), "text": text}


def sub_label(n: int, text: str) -> str:
    return _("(%(number)s) %(text)s") % {"number": cn_number(n), "text": text}


def day(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return _("%(month)d/%(day)d/%(year)d") % {
        "year": value.year,
        "month": value.month,
        "day": value.day,
    }


def moment(value) -> str:
    if isinstance(value, datetime.datetime):
        return _("%(date)s at about %(hour)d:%(minute)02d") % {
            "date": day(value),
            "hour": value.hour,
            "minute": value.minute,
        }
    return day(value)


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def money(amount, *, in_ten_thousands: bool = False) -> str:
    """A yuan amount as the report writes it: whole ten-thousands (and a direct loss) in 万元,
    the rest in 元."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    if in_ten_thousands or (amount >= 10000 and amount % 10000 == 0):
        return _("%(amount)s ten-thousand yuan") % {"amount": _plain(amount / 10000)}
    return _("%(amount)s yuan") % {"amount": _plain(amount)}


def listing(names) -> str:
    return pgettext("list separator", ", ").join(str(name) for name in names if name)


def bracketed(text: str) -> str:
    """A note in brackets after what it qualifies (a document number, an address)."""
    return _("(%(text)s)") % {"text": text} if text else ""


def numbered(number: int, text: str) -> str:
    """An item of a numbered list: 1.…"""
    return _("%(number)d. %(text)s") % {"number": number, "text": text}


def sentence(text: str) -> str:
    text = str(text or "").strip()
    if text and text[-1] not in "。！？.!?；;":
        text += pgettext("sentence end", ".")
    return text


@dataclass(frozen=True)
class Block:
    kind: str  # "title", "heading", "paragraph"
    text: str
    level: int = 0


def title(facts: ReportFacts) -> str:
    return _(
        "%(accident)s: evaluation report on the implementation of the prevention and rectification measures"
    ) % {"accident": facts.accident.name}


def blocks(facts: ReportFacts) -> list[Block]:
    out: list[Block] = [Block("title", title(facts))]

    def heading(text, level=1):
        out.append(Block("heading", text, level))

    def para(text):
        text = str(text or "").strip()
        if text:
            out.append(Block("paragraph", text))

    _overview(facts, para)

    heading(section_label(1, _("Overview of the evaluation work")))
    _work(facts, para)

    heading(section_label(2, _("Implementation of the accountability recommendations")))
    heading(
        sub_label(1, _("Persons recommended to the public security organs for investigation")), 2
    )
    _items(facts.criminal, para, criminal=True)
    heading(
        sub_label(
            2,
            _(
                "Units and persons recommended for party discipline, government sanctions and accountability"
            ),
        ),
        2,
    )
    _items(facts.discipline, para)
    heading(sub_label(3, _("Administrative penalties on the units and persons responsible")), 2)
    _items(facts.penalties, para, penalty=True)

    heading(
        section_label(3, _("Implementation of the prevention and rectification recommendations"))
    )
    if not facts.recommendations:
        para(_("The investigation report made no recommendations."))
    for rec in facts.recommendations:
        para(sub_label(rec.number, _("Recommendation: %(text)s") % {"text": rec.text}))
        if rec.assigned_to:
            para(_("Assigned to: %(who)s.") % {"who": listing(rec.assigned_to)})
        if rec.progress:
            parts = []
            for progress in rec.progress:
                when = day(progress.reported_on)
                prefix = (
                    _("%(body)s (%(date)s)") % {"body": progress.by, "date": when}
                    if when
                    else progress.by
                )
                parts.append(
                    _("%(who)s: %(text)s") % {"who": prefix, "text": sentence(progress.text)}
                    if prefix
                    else sentence(progress.text)
                )
            if len(parts) == 1:
                para(_("Implementation: %(text)s") % {"text": parts[0]})
            else:
                para(_("Implementation: %(text)s") % {"text": ""})
                for part in parts:
                    para(part)
        else:
            para(_("Implementation: nothing has been reported."))
        _verdict(rec.verdict, rec.comment, para)

    heading(section_label(4, _("Problems found")))
    heading(sub_label(1, _("Problems in implementing the investigation report")), 2)
    if not facts.findings:
        para(_("The evaluation found no problems in the implementation."))
    for number, finding in enumerate(facts.findings, start=1):
        bits = [numbered(number, sentence(finding.problem))]
        if finding.handed_to:
            bits.append(_("Handed over to %(who)s.") % {"who": finding.handed_to})
        if finding.deadline:
            bits.append(_("To be rectified by %(date)s.") % {"date": day(finding.deadline)})
        if finding.status:
            bits.append(_("Status: %(status)s.") % {"status": finding.status})
        para("".join(bits))
    heading(sub_label(2, _("Problems found at enterprises of the same kind")), 2)
    if not facts.spot_checks:
        para(_("No enterprise of the same kind was spot-checked."))
    for check in facts.spot_checks:
        where = (
            _("%(enterprise)s (%(address)s)")
            % {"enterprise": check.enterprise, "address": check.address}
            if check.address
            else check.enterprise
        )
        values = {"date": day(check.on), "enterprise": where, "count": len(check.findings)}
        if check.findings and check.unannounced:
            para(
                _(
                    "On %(date)s the evaluation team spot-checked %(enterprise)s unannounced and found %(count)d problems:"
                )
                % values
            )
        elif check.findings:
            para(
                _(
                    "On %(date)s the evaluation team spot-checked %(enterprise)s and found %(count)d problems:"
                )
                % values
            )
        elif check.unannounced:
            para(
                _(
                    "On %(date)s the evaluation team spot-checked %(enterprise)s unannounced and found no problems."
                )
                % values
            )
        else:
            para(
                _(
                    "On %(date)s the evaluation team spot-checked %(enterprise)s and found no problems."
                )
                % values
            )
        for number, problem in enumerate(check.findings, start=1):
            para(_("(%(number)d) %(text)s") % {"number": number, "text": sentence(problem)})
        if check.followed_by:
            para(_("Followed up by %(who)s.") % {"who": check.followed_by})

    heading(section_label(5, _("Work suggestions")))
    if not facts.suggestions:
        para(_("None."))
    for number, suggestion in enumerate(facts.suggestions, start=1):
        first, _sep, rest = suggestion.strip().partition("\n")
        if rest.strip():
            heading(sub_label(number, first.strip()), 2)
            for line in rest.split("\n"):
                para(line)
        else:
            para(sub_label(number, first.strip()))

    heading(section_label(6, _("Evaluation conclusion")))
    for line in (facts.conclusion or "").split("\n"):
        para(line)
    if not (facts.conclusion or "").strip():
        para(_("The evaluation has not yet concluded."))
    return out


def _overview(facts: ReportFacts, para) -> None:
    a = facts.accident
    harm = [_("%(n)d dead") % {"n": a.deaths}] if a.deaths else []
    if a.serious_injuries:
        harm.append(_("%(n)d seriously injured") % {"n": a.serious_injuries})
    if a.injuries:
        harm.append(_("%(n)d injured") % {"n": a.injuries})
    text = _(
        "On %(when)s, a %(kind)s accident (%(level)s) happened at %(enterprise)s, %(place)s"
    ) % {
        "when": moment(a.occurred_at),
        "level": a.level,
        "kind": a.kind,
        "enterprise": a.enterprise or a.place,
        "place": a.place,
    }
    if harm:
        text += _(", leaving %(harm)s") % {"harm": listing(harm)}
    if a.direct_loss is not None:
        text += _(", with a direct economic loss of %(loss)s") % {
            "loss": money(a.direct_loss, in_ten_thousands=True)
        }
    # The recorded account of the accident when there is one; else the sentence from the figures.
    para(a.summary if (a.summary or "").strip() else sentence(text))
    inv = facts.investigation
    text = _("After the accident, %(government)s set up an investigation team") % {
        "government": inv.government
    }
    if inv.team:
        text += bracketed(listing(inv.team))
    if inv.report_title:
        text += _(", which drew up the %(report)s") % {"report": inv.report_title}
    if inv.approved_on:
        text += _("; %(by)s approved it on %(date)s") % {
            "by": inv.approved_by or inv.government,
            "date": day(inv.approved_on),
        }
        if inv.approval_number:
            text += bracketed(inv.approval_number)
    if inv.published_on:
        text += _("; the report was published on %(date)s") % {"date": day(inv.published_on)}
        if inv.published_url:
            text += bracketed(inv.published_url)
    para(sentence(text))


def _work(facts: ReportFacts, para) -> None:
    w = facts.work
    values = {
        "date": day(w.started_on) or _("(date not recorded)"),
        "organizer": w.organizer,
        "members": listing(w.members + ([_("the expert group")] if w.experts else []))
        or w.organizer,
        "accident": facts.accident.name,
        "place": w.place,
    }
    if w.place:
        text = (
            _(
                "On %(date)s, %(organizer)s organised an evaluation team of %(members)s, which went to %(place)s to evaluate the implementation of the prevention and rectification measures of the %(accident)s"
            )
            % values
        )
    else:
        text = (
            _(
                "On %(date)s, %(organizer)s organised an evaluation team of %(members)s to evaluate the implementation of the prevention and rectification measures of the %(accident)s"
            )
            % values
        )
    para(sentence(text))
    if w.experts:
        para(_("Experts: %(names)s.") % {"names": listing(w.experts)})
    if w.methods:
        para(_("The team worked by %(methods)s.") % {"methods": listing(w.methods)})
    if w.ended_on:
        para(_("The evaluation work ended on %(date)s.") % {"date": day(w.ended_on)})


def _verdict(verdict: str, comment: str, para) -> None:
    if verdict or comment:
        text = _("Evaluation: %(verdict)s.") % {"verdict": verdict} if verdict else ""
        para(text + sentence(comment))


def named(body: str, text: str) -> bool:
    """Whether ``text`` already names ``body`` (then the sentence does not repeat it)."""
    return bool(body) and body in (text or "")


def _step(item: ItemFacts, step) -> str:
    """One step of a criminal case as a sentence: who did what on which day."""
    values = {
        "date": day(step.on),
        "body": step.body,
        "measure": step.measure,
        "subject": item.subject,
        "step": step.step,
    }
    if step.kind == "case_filed":
        line = (
            _("On %(date)s %(body)s filed the case as %(measure)s")
            if step.measure
            else _("On %(date)s %(body)s filed the case")
        ) % values
    elif step.kind == "compulsory_measure":
        line = (
            _("On %(date)s %(body)s took the compulsory measure %(measure)s against %(subject)s")
            % values
        )
    elif step.kind == "transferred":
        line = _("On %(date)s %(body)s transferred the case for prosecution") % values
    elif step.kind == "judgment":
        line = _("On %(date)s %(body)s gave judgment: %(measure)s") % values
    else:
        line = _("On %(date)s %(body)s: %(step)s %(measure)s") % values
    if step.document_number:
        line += _("[%(number)s]") % {"number": step.document_number}
    return line


def _items(items: list[ItemFacts], para, *, criminal=False, penalty=False) -> None:
    if not items:
        para(_("None."))
        return
    for number, item in enumerate(items, start=1):
        head = [item.subject, item.political_status, item.position]
        if item.organization and item.organization not in (item.position or ""):
            head.insert(2, item.organization)
        text = numbered(
            number, sentence(pgettext("clause separator", ", ").join(part for part in head if part))
        )
        if item.recommended_action:
            text += sentence(_("Recommended: %(action)s") % {"action": item.recommended_action})
        if item.legal_basis:
            text += _("Under %(basis)s, ") % {"basis": item.legal_basis}
        if item.steps:
            # The case told step by step (filed, measures, transferred, judged), then where it
            # stands; the document numbers are the steps'.
            text += sentence(_("; ").join(_step(item, step) for step in item.steps))
        told = "".join(step.document_number for step in item.steps)
        if item.outcome:
            # The executing body is named for every track, unless the outcome names it already.
            body = "" if named(item.executing_body, text + item.outcome) else item.executing_body
            when = day(item.outcome_on)
            if when and when in item.outcome:
                when = ""
            text += sentence(
                _("%(date)s, %(body)s%(outcome)s")
                % {"date": when, "body": body, "outcome": item.outcome}
                if when
                else body + item.outcome
            )
        if item.document_number and item.document_number not in told:
            text += bracketed(item.document_number)
        if item.amount is not None and money(item.amount) not in (item.outcome or ""):
            text += sentence(_("Amount: %(amount)s") % {"amount": money(item.amount)})
        if penalty and item.paid:
            text += sentence(
                _("%(subject)s has carried out the penalty decision") % {"subject": item.subject}
            )
        elif penalty and item.paid is False:
            text += sentence(_("The penalty has not yet been carried out"))
        if not item.done and not item.steps:
            text += sentence(_("Not yet carried out"))
        para(text)
        _verdict(item.verdict, item.comment, para)
