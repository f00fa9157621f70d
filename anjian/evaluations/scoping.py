"""Who reaches an evaluation.

Regulators, the committee office, leaders and auditors see the evaluations of the accidents in
their jurisdiction (the evaluation carries a copy of the accident's region). Holders of
``evaluations.member_only`` — experts and departments — see only the evaluations whose working
group names them (the expert) or their organisation (the department), wherever they are.
"""

from django.db.models import Q

MEMBER_ONLY = "evaluations.member_only"


def member_evaluation_ids(user):
    """Subqueries of the ids of the evaluations whose working group holds ``user`` or its org."""
    from anjian.evaluations.models import Evaluation

    experts = Evaluation.experts.through._base_manager.filter(user_id=user.pk).values(
        "evaluation_id"
    )
    if user.organization_id:
        members = Evaluation.members.through._base_manager.filter(
            organization_id=user.organization_id
        ).values("evaluation_id")
        return (experts, members)
    return (experts,)


def evaluation_q(prefix: str):
    """The Scope ``extra`` for a model reached through ``prefix`` (``""`` for the evaluation
    itself, ``"evaluation__"`` for its parts)."""
    pk = prefix.removesuffix("__") + "_id" if prefix else "pk"

    def extra(jurisdiction, user) -> Q:
        q = Q(pk__in=[])
        for ids in member_evaluation_ids(user):
            q |= Q(**{f"{pk}__in": ids})
        if (
            jurisdiction.region_path
            and jurisdiction.enterprise_ids is None
            and not user.has_perm(MEMBER_ONLY)
        ):
            q |= Q(**{f"{prefix}region__path__startswith": jurisdiction.region_path})
        return q

    return extra
