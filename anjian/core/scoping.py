"""Jurisdiction scoping: the one way any code reads rows.

A model says how it reaches a region (and, for enterprise-owned records, an enterprise) with a
``Scope``; ``Model.objects.restrict(user, action)`` returns only the rows that user may see or act on.
The base UI views, the base API viewset, form foreign-key choices, exports, imports and search all
call it, so a new page cannot forget it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

ACTIONS = ("view", "add", "change", "delete")


@dataclass(frozen=True)
class Jurisdiction:
    """What one user may reach.

    ``unrestricted``: everything (system administrators). Otherwise ``region_path`` is the subtree
    the user works in, and ``enterprise_ids`` (when not None) narrows the user to those enterprises'
    records — the enterprise users' rule, and the service inspectors' (with ``places_by_region``).
    """

    unrestricted: bool = False
    region_path: str | None = None
    organization_id: int | None = None
    # A set of ids, or a queryset of enterprise ids used as a subquery (no extra round trip).
    enterprise_ids: frozenset[int] | models.QuerySet | None = None
    # With enterprise_ids: rows that belong to no enterprise (regions, organizations, people's
    # places) are still reached through region_path. Service agency inspectors work this way —
    # their assigned enterprises' records, and the places of their area; enterprise users do not.
    places_by_region: bool = False

    def covers_path(self, path: str | None) -> bool:
        if self.unrestricted:
            return True
        if not path or not self.region_path or self.enterprise_ids is not None:
            return False
        return path.startswith(self.region_path)


NOWHERE = Jurisdiction()

# Apps that know more about a user (e.g. which enterprise employs them) refine the jurisdiction
# that accounts computes; each refiner takes (user, jurisdiction) and returns a jurisdiction.
_refiners: list[Callable] = []


def register_jurisdiction_refiner(func: Callable) -> Callable:
    if func not in _refiners:
        _refiners.append(func)
    return func


def jurisdiction_for(user) -> Jurisdiction:
    if user is None or not user.is_authenticated or not user.is_active:
        return NOWHERE
    cached = getattr(user, "_anjian_jurisdiction", None)
    if cached is not None:
        return cached
    base = user.get_jurisdiction() if hasattr(user, "get_jurisdiction") else NOWHERE
    for refine in _refiners:
        base = refine(user, base)
    user._anjian_jurisdiction = base
    return base


@dataclass(frozen=True)
class Scope:
    """How rows of a model reach their place.

    ``region``: lookup path to a Region ("" when the model *is* the region tree, None when rows belong
    to no place and only unrestricted users reach them). ``enterprise``: lookup path to an Enterprise
    for records an enterprise owns. ``extra``: optional callable (jurisdiction, user) -> Q OR-ed in,
    e.g. "a user always sees their own account".
    """

    region: str | None = "region"
    enterprise: str | None = None
    extra: Callable | None = field(default=None, compare=False)

    def q(self, jurisdiction: Jurisdiction, user=None, model=None) -> Q:
        """The filter for ``jurisdiction``; given the ``model``, the region test is a subquery
        (see ``region_q``)."""
        if jurisdiction.unrestricted:
            return Q()
        nothing = Q(pk__in=[])
        by_region = self.region is not None and bool(jurisdiction.region_path)
        if jurisdiction.enterprise_ids is not None:
            if self.enterprise:
                q = Q(**{f"{self.enterprise}__in": jurisdiction.enterprise_ids})
            elif jurisdiction.places_by_region and by_region:
                q = self.region_q(jurisdiction, model)
            else:
                q = nothing
        elif by_region:
            q = self.region_q(jurisdiction, model)
        else:
            q = nothing
        if self.extra is not None and user is not None:
            q |= self.extra(jurisdiction, user)
        return q

    def region_q(self, jurisdiction: Jurisdiction, model=None) -> Q:
        """Rows whose region lies in the jurisdiction's subtree.

        Given the model, ``region_id IN (SELECT id FROM region WHERE path LIKE '/…/%')``: the
        subtree is found on the small region table and the big table is read through its index on
        the region column, so a user's cost follows their reach, not the size of the city. Without
        it (or for the region tree itself), a join on the region's path.
        """
        if self.region and model is not None:
            region_model = _region_model(model, self.region)
            subtree = region_model._base_manager.filter(
                path__startswith=jurisdiction.region_path
            ).values("pk")
            return Q(**{f"{self.region}__in": subtree})
        path = f"{self.region}__path" if self.region else "path"
        return Q(**{f"{path}__startswith": jurisdiction.region_path})


@functools.cache
def _region_model(model, lookup: str):
    """The model at the end of ``lookup`` (``tenant__region`` → Region) from ``model``."""
    for part in lookup.split("__"):
        model = model._meta.get_field(part).related_model
    return model


def _every_row(jurisdiction, user):
    return Q(pk__isnull=False)


# A reference table (industries, inspection frequencies, certificate validities) belongs to no
# place: whoever holds the model's view permission reads every row, whatever their jurisdiction.
REFERENCE_TABLE = Scope(region=None, extra=_every_row)


def permission_name(model, action: str) -> str:
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


class ScopedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        """Rows of this queryset that ``user`` may ``action`` (view/add/change/delete)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if user is None or not user.is_authenticated:
            return self.none()
        if not user.has_perm(permission_name(self.model, action)):
            return self.none()
        jurisdiction = jurisdiction_for(user)
        if jurisdiction.unrestricted:
            return self
        return self.filter(self.model.scope.q(jurisdiction, user, model=self.model))


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass


def is_visible(obj, user, action: str = "view") -> bool:
    """Whether one saved object lies inside ``user``'s reach (used to re-check after a write)."""
    model = type(obj)
    return model._default_manager.restrict(user, action).filter(pk=obj.pk).exists()
