"""The enterprise file (一企一档): one page per enterprise, built from registered panels.

Each app adds its own panel without touching this one, usually in its AppConfig.ready()::

    from anjian.enterprises import panels

    panels.register(_("Confined spaces"), "spaces/panels/spaces.html", spaces_panel,
                    order=200, permission="spaces.view_confinedspace")

``context_func(enterprise, request)`` returns the panel template's context (a dict), or None to
leave the panel out. It must read rows through ``restrict(request.user, "view")`` like every other
reader; ``permission`` hides the whole panel from users without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context_func: Callable = field(compare=False)
    order: int = 100
    permission: str | None = None
    key: str = ""


_panels: list[Panel] = []


def register(title, template, context_func, order=100, permission=None, key=""):
    """Add a panel to every enterprise's file; registering the same template again replaces it."""
    panel = Panel(title, template, context_func, order, permission, key or template)
    _panels[:] = [p for p in _panels if p.key != panel.key]
    _panels.append(panel)
    return panel


def registered() -> list[Panel]:
    return sorted(_panels, key=lambda p: (p.order, p.key))


def render_panels(enterprise, request) -> list[tuple[Panel, str]]:
    """[(panel, html)] of the panels ``request.user`` may see, in order."""
    rendered = []
    for panel in registered():
        if panel.permission and not request.user.has_perm(panel.permission):
            continue
        context = panel.context_func(enterprise, request)
        if context is None:
            continue
        context = {"enterprise": enterprise, "panel": panel, **context}
        rendered.append((panel, render_to_string(panel.template, context, request=request)))
    return rendered
