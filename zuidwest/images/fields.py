"""The form field for photo uploads: only checked, re-encoded bytes reach the model.

Why not ``forms.ImageField``: it lets Pillow open the file with every format Pillow knows (GIF,
BMP, TIFF, ICO, PSD and more), only calls ``verify()`` (a JPEG cut in half passes), checks the
file name extension, and then stores the upload byte for byte, GPS coordinates and all.
``SafeImageField`` builds on the plain ``FileField`` (which handles "required", "clear" and the
current file) and replaces the upload by the clean copy from ``zuidwest.images``.
"""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .processing import ACCEPT_ATTRIBUTE, inspect_upload, reencode

HELP_TEXT = _(
    "JPG, PNG of WebP, hoogstens 10 MB en 40 megapixel. We halen verborgen gegevens uit de foto, "
    "zoals de plek waar hij is gemaakt. Draait de foto verkeerd? Dan zetten we hem rechtop."
)


class SafeImageField(forms.FileField):
    widget = forms.ClearableFileInput

    def __init__(self, *args, **kwargs):
        # A model field passes its own (often empty) help text; keep ours when it has none.
        if not kwargs.get("help_text"):
            kwargs["help_text"] = HELP_TEXT
        super().__init__(*args, **kwargs)
        # The uploaded name is thrown away (the stored name is random and short), so a long
        # name from someone's phone is no reason to refuse the photo.
        self.max_length = None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs

    def clean(self, data, initial=None):
        cleaned = super().clean(data, initial)
        # Only a new upload is checked: False means "clear", and the current file was
        # checked when it was uploaded.
        if isinstance(cleaned, UploadedFile):
            info = inspect_upload(cleaned)
            return reencode(cleaned, info)
        return cleaned
