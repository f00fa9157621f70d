"""Naming and routing of the generic pages of a model."""

from django.urls import path


def viewname(model, action: str) -> str:
    """``regions:region_list`` style URL names shared by every app."""
    opts = model._meta
    return f"{opts.app_label}:{opts.model_name}_{action}"


def model_urls(
    model,
    *,
    list_view=None,
    detail_view=None,
    create_view=None,
    update_view=None,
    delete_view=None,
    transition_view=None,
    import_view=None,
    template_view=None,
    prefix: str = "",
):
    """The URL patterns of a model's generic pages; pass only the views the model has."""
    name = model._meta.model_name
    routes = [
        ("", list_view, "list"),
        ("add/", create_view, "add"),
        ("import/", import_view, "import"),
        ("import/template.xlsx", template_view, "import_template"),
        ("<int:pk>/", detail_view, "detail"),
        ("<int:pk>/edit/", update_view, "edit"),
        ("<int:pk>/delete/", delete_view, "delete"),
        ("<int:pk>/transition/<slug:transition>/", transition_view, "transition"),
    ]
    return [
        path(f"{prefix}{route}", view.as_view(), name=f"{name}_{suffix}")
        for route, view, suffix in routes
        if view is not None
    ]
