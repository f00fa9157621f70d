"""The stored files of confined-space work, served only to who may see their record
(``core.file_views.ScopedFileView``: 404 out of scope, audited, ``Cache-Control: no-store``).
The pages mount them (``permits/urls.py``); the API hands out their URLs, never media paths."""

from anjian.core.file_views import ScopedFileView
from anjian.permits.models import Delegation


class DelegationDocumentView(ScopedFileView):
    """``permits/delegations/<pk>/document/``: the principal's signed written delegation."""

    model = Delegation
    file_field = "document"
