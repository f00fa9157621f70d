"""Serve an uploaded file only to who may see the record that holds it."""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from anjian.core import audit
from anjian.core.views import ObjectDetailView


class ScopedFileView(ObjectDetailView):
    """``…/<pk>/<file>/``: the record is found through ``restrict`` (404 out of scope, 403 without
    the view permission, both audited by the base view), the download is audited as
    ``<app>.<model>.file_downloaded`` and answered ``Cache-Control: no-store``, as an attachment
    (never rendered inline, so a stored file cannot run in the platform's origin)."""

    file_field: str = ""

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        stored = getattr(obj, self.file_field)
        if not stored:
            raise Http404(_("No such record."))
        try:
            handle = stored.open("rb")
        except FileNotFoundError:
            raise Http404(_("No such record.")) from None
        name = stored.name.rsplit("/", 1)[-1]
        opts = obj._meta
        audit.record(
            f"{opts.app_label}.{opts.model_name}.file_downloaded",
            actor=request.user,
            obj=obj,
            request=request,
            detail={"field": self.file_field, "name": name},
        )
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=name,
            content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        )
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
