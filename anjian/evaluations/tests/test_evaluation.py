"""The evaluation's rules: due dates (29 February), reminders, transitions with every reason,
findings closed through hazards, the follow-up campaign's enterprises, expert/department scoping."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from anjian.core.workflow import TransitionRefused
from anjian.enterprises.testing import EnterpriseFactory, IndustryFactory
from anjian.evaluations import rules, services
from anjian.evaluations.choices import FindingStatus
from anjian.evaluations.models import Evaluation
from anjian.evaluations.testing import add_item, add_recommendation, make_accident, make_evaluation
from anjian.spaces.testing import ConfinedSpaceFactory

pytestmark = pytest.mark.django_db


def test_due_one_calendar_year_after_approval_29_february_to_28_february():
    assert rules.due_dates(datetime.date(2024, 2, 29)) == (
        datetime.date(2025, 2, 28),
        datetime.date(2024, 12, 29),
    )
    assert rules.due_dates(datetime.date(2023, 6, 30))[0] == datetime.date(2024, 6, 30)


def test_due_months_and_campaign_days_follow_the_settings(settings):
    settings.ANJIAN_EVALUATION_DUE_MONTHS = 18
    assert rules.due_dates(datetime.date(2024, 2, 29))[0] == datetime.date(2025, 8, 29)
    settings.ANJIAN_EVALUATION_DUE_MONTHS = 24
    assert rules.due_dates(datetime.date(2024, 2, 29))[0] == datetime.date(2026, 2, 28)
    settings.ANJIAN_EVALUATION_FOLLOW_UP_CAMPAIGN_DAYS = 30
    assert rules.follow_up_campaign_days() == 30


def test_evaluation_takes_its_dates_from_the_approval(world):
    accident = make_accident(world.enterprises["inside"], approved_on=datetime.date(2024, 2, 29))
    evaluation = make_evaluation(accident, world.organizations["committee"])
    assert evaluation.due_on == datetime.date(2025, 2, 28)
    assert evaluation.reminder_from == datetime.date(2024, 12, 29)
    assert evaluation.region_id == accident.region_id


def test_reminders_follow_the_setting(settings, world):
    settings.ANJIAN_EVALUATION_REMINDER_MONTHS = 11
    assert rules.due_dates(datetime.date(2024, 1, 31))[1] == datetime.date(2024, 12, 31)
    accident = make_accident(world.enterprises["inside"], approved_on=datetime.date(2023, 3, 1))
    evaluation = make_evaluation(accident, world.organizations["committee"])
    assert evaluation.reminder_from == datetime.date(2024, 2, 1)
    assert rules.is_due_soon(evaluation, today=datetime.date(2024, 2, 1))
    assert not rules.is_due_soon(evaluation, today=datetime.date(2024, 1, 31))
    assert rules.is_overdue(evaluation, today=datetime.date(2024, 3, 2))
    assert not rules.is_overdue(evaluation, today=datetime.date(2024, 3, 1))
    soon = services.due_soon(Evaluation.objects.all(), today=datetime.date(2024, 2, 1))
    assert list(soon) == [evaluation]


def test_opening_needs_an_approved_investigation(world):
    from anjian.accidents.models import Investigation

    accident = make_accident(world.enterprises["inside"])
    Investigation.objects.filter(accident=accident).update(approved_on=None)
    accident.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.open_evaluation(accident, actor=world.users["committee"])
    assert "accident" in error.value.message_dict


def test_organizer_is_the_committee_office_of_the_investigating_government(world):
    accident = make_accident(world.enterprises["inside"])
    evaluation = services.open_evaluation(accident, actor=world.users["committee"])
    assert accident.investigating_region_id == world.regions["district"].pk
    assert evaluation.organizer == world.organizations["committee"]
    big = make_accident(world.enterprises["inside"], deaths=3)
    assert services.committee_office_for(big) == world.organizations["city_committee"]


def _ready(world):
    accident = make_accident(world.enterprises["inside"])
    item = add_item(accident)
    recommendation = add_recommendation(accident, number=1)
    evaluation = services.open_evaluation(
        accident,
        actor=world.users["committee"],
        members=[world.organizations["bureau"]],
        experts=[world.users["expert"]],
    )
    return evaluation, item, recommendation


def test_transitions_refuse_with_every_reason_then_allow(world):
    committee = world.users["committee"]
    evaluation, item, recommendation = _ready(world)
    with pytest.raises(TransitionRefused):
        services.draft_evaluation(evaluation, actor=committee)  # planned: not a source
    services.start_evaluation(evaluation, actor=committee)
    with pytest.raises(TransitionRefused) as refused:
        services.draft_evaluation(evaluation, actor=committee)
    reasons = " ".join(str(r) for r in refused.value.reasons)
    assert str(item) in reasons and "1" in reasons
    assert len(refused.value.reasons) >= 4  # item, recommendation, methods, conclusion
    services.record_verdict(evaluation, item, verdict="implemented")
    services.record_verdict(evaluation, recommendation, verdict="partly", comment="推进中")
    Evaluation.objects.filter(pk=evaluation.pk).update(
        methods=[{"code": "files", "text": "查阅资料"}], conclusion="已落实。"
    )
    evaluation.refresh_from_db()
    services.draft_evaluation(evaluation, actor=committee)
    with pytest.raises(TransitionRefused):  # the regulator may not approve
        services.approve_evaluation(evaluation, actor=world.users["regulator"])
    with pytest.raises(TransitionRefused) as refused:  # no end date yet
        services.approve_evaluation(evaluation, actor=committee)
    assert len(refused.value.reasons) == 1
    Evaluation.objects.filter(pk=evaluation.pk).update(ended_on=evaluation.started_on)
    evaluation.refresh_from_db()
    services.approve_evaluation(evaluation, actor=committee)
    services.publish_evaluation(evaluation, actor=committee)
    evaluation.refresh_from_db()
    assert evaluation.status == "published" and evaluation.approved_on and evaluation.published_on
    with pytest.raises(ValidationError):
        services.record_verdict(evaluation, item, verdict="not")


def test_start_needs_a_working_group(world):
    accident = make_accident(world.enterprises["inside"])
    evaluation = services.open_evaluation(accident, actor=world.users["committee"])
    with pytest.raises(TransitionRefused):
        services.start_evaluation(evaluation, actor=world.users["committee"])


def test_a_verdict_on_another_accidents_item_is_refused(world):
    evaluation, _, _ = _ready(world)
    other = add_item(make_accident(world.enterprises["inside"]))
    with pytest.raises(ValidationError):
        services.record_verdict(evaluation, other, verdict="implemented")


def test_finding_to_an_enterprise_is_a_hazard_and_closes_with_it(world):
    from anjian.hazards.models import Hazard

    evaluation, _, _ = _ready(world)
    enterprise = world.enterprises["outside"]
    finding = services.hand_over_finding(
        evaluation,
        actor=world.users["committee"],
        problem="隔离门高度不足，未张贴警示标志",
        enterprise=enterprise,
        deadline=datetime.date.today() + datetime.timedelta(days=30),
    )
    assert finding.hazard.source == "evaluation"
    assert finding.hazard.enterprise == enterprise
    assert finding.status == FindingStatus.OPEN
    with pytest.raises(ValidationError):
        services.close_finding(finding, actor=world.users["committee"])
    Hazard.objects.filter(pk=finding.hazard_id).update(status="closed")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED


def test_finding_to_an_organisation_closes_by_its_report(world):
    evaluation, _, _ = _ready(world)
    finding = services.hand_over_finding(
        evaluation,
        actor=world.users["committee"],
        problem="部门整改措施落实不到位",
        organization=world.organizations["bureau"],
    )
    assert finding.hazard is None and finding.status == FindingStatus.OPEN
    services.close_finding(finding, actor=world.users["committee"], on=datetime.date(2024, 7, 1))
    assert finding.status == FindingStatus.CLOSED
    with pytest.raises(ValidationError):
        services.hand_over_finding(evaluation, actor=None, problem="谁？")


def test_follow_up_campaign_picks_same_industry_or_same_space_kind_inside_only(world):
    r = world.regions
    electronics = IndustryFactory(code="C39", name="电子")
    metal = IndustryFactory(code="C33", name="金属制品")
    food = IndustryFactory(code="C14", name="食品")
    site = EnterpriseFactory(region=r["village"], industry=electronics)
    pond = ConfinedSpaceFactory(enterprise=site, kind="above_ground")
    same_industry = EnterpriseFactory(region=r["other_village"], industry=electronics)
    same_space = EnterpriseFactory(region=r["village"], industry=metal)
    ConfinedSpaceFactory(enterprise=same_space, kind="above_ground")
    other_space = EnterpriseFactory(region=r["village"], industry=food)
    ConfinedSpaceFactory(enterprise=other_space, kind="underground")
    unrelated = EnterpriseFactory(region=r["other_village"], industry=food)
    outside_district = EnterpriseFactory(
        region=world.regions["other_district_village"], industry=electronics
    )
    accident = make_accident(site, space=pond)
    evaluation = services.open_evaluation(accident, actor=world.users["committee"])
    picked = set(services.similar_enterprises(evaluation))
    assert same_industry in picked and same_space in picked
    assert site not in picked
    assert not picked & {other_space, unrelated, outside_district}
    campaign = services.create_follow_up_campaign(
        evaluation, actor=world.users["regulator"], starts_on=datetime.date(2026, 1, 5)
    )
    covered = set(campaign.inspections.values_list("enterprise_id", flat=True))
    assert covered == {e.pk for e in picked}
    assert campaign.region == world.regions["district"]
    assert set(campaign.inspections.values_list("kind", flat=True)) == {"campaign"}


def test_experts_and_departments_see_only_their_evaluations(world):
    evaluation, item, _ = _ready(world)  # members: the bureau; experts: the expert
    other = make_evaluation(
        make_accident(world.enterprises["inside"]), world.organizations["committee"]
    )
    verdict = services.record_verdict(evaluation, item, verdict="implemented")
    expert, department = world.users["expert"], world.users["department"]
    assert list(Evaluation.objects.restrict(expert)) == [evaluation]
    assert list(type(verdict).objects.restrict(expert)) == [verdict]
    assert list(Evaluation.objects.restrict(department)) == []
    other.members.add(world.organizations["union"])
    assert list(Evaluation.objects.restrict(department)) == [other]
    assert set(Evaluation.objects.restrict(world.users["committee"])) == {evaluation, other}
    assert list(Evaluation.objects.restrict(world.users["grid_worker"])) == []
    assert list(Evaluation.objects.restrict(world.users["enterprise_manager"])) == []


def test_public_names_are_masked_per_policy():
    assert rules.mask_name("陈庆芳") == "陈某某"
    assert rules.mask_name("何涛") == "何某"
    masked = rules.masked_fields()
    assert {"staff_name", "staff_position", "expert_name", "political_status"} <= masked
    assert not {"official_name", "position"} & masked
