"""Uploaded files: what a file is, read from its first bytes, and how large it may be.

A name or a browser's Content-Type says nothing (a 12 MB ``.html`` renamed ``.pdf`` is still HTML),
so ``UploadValidator(kinds)`` reads the file's signature ("magic bytes"), refuses any kind not
listed, refuses a name whose extension does not match the content, and refuses anything larger
than ``settings.ANJIAN_MAX_UPLOAD_BYTES`` (``MAX_UPLOAD_BYTES``). It is a model-field validator,
so the page form, the API serializer (which runs the model's validation) and any import apply it
alike. Uploaded files are never served from a public media URL: each app serves them through a
scoped view (``core.file_views.ScopedFileView``), 404 out of scope, audited, ``Cache-Control:
no-store``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _


def _is_heic(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in {b"heic", b"heix", b"mif1", b"msf1", b"hevc"}


# kind → (extensions, test on the first bytes)
KINDS = {
    "pdf": (("pdf",), lambda head: head.startswith(b"%PDF-")),
    "jpeg": (("jpg", "jpeg"), lambda head: head.startswith(b"\xff\xd8\xff")),
    "png": (("png",), lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "webp": (("webp",), lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    "heic": (("heic",), _is_heic),
}
HEAD_BYTES = 16

# What a scanned or photographed document may be; what a photo may be.
DOCUMENT_KINDS = ("pdf", "jpeg", "png")
PHOTO_KINDS = ("jpeg", "png", "webp", "heic")


def kind_of(head: bytes) -> str | None:
    """The kind of a file from its first bytes, or None when it is none of ``KINDS``."""
    for kind, (_extensions, test) in KINDS.items():
        if test(head):
            return kind
    return None


def _read_head(upload) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(position)
    return head


def validate_size(upload) -> None:
    limit = settings.ANJIAN_MAX_UPLOAD_BYTES
    size = getattr(upload, "size", 0) or 0
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s may be uploaded.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


@deconstructible
class UploadValidator:
    """Size, kind by content and a matching extension; e.g. ``UploadValidator(DOCUMENT_KINDS)``."""

    def __init__(self, kinds=DOCUMENT_KINDS):
        self.kinds = tuple(kinds)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and self.kinds == other.kinds

    def allowed_extensions(self) -> list[str]:
        return [ext for kind in self.kinds for ext in KINDS[kind][0]]

    def __call__(self, upload) -> None:
        if not upload or getattr(upload, "_committed", False):
            return  # a file stored before is not read again on every later save
        validate_size(upload)
        kind = kind_of(_read_head(upload))
        allowed = ", ".join(self.allowed_extensions())
        if kind not in self.kinds:
            raise ValidationError(
                _("This file's content is not of an accepted kind (%(allowed)s).")
                % {"allowed": allowed},
                code="file_kind",
            )
        name = getattr(upload, "name", "") or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in KINDS[kind][0]:
            raise ValidationError(
                _("The file's name ends in “.%(extension)s” but its content is %(kind)s.")
                % {"extension": extension, "kind": kind.upper()},
                code="file_extension",
            )
