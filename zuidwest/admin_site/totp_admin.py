"""django-otp's admin for TOTP devices, with a 404 rather than a server error for a device
that does not exist on its QR-code and set-up pages (found by tests/zuidwest/test_fuzz.py)."""

from django.contrib import admin
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .lookups import OfferedFiltersOnly


class PortalTOTPDeviceAdmin(OfferedFiltersOnly, TOTPDeviceAdmin):
    # No filter on the secret key in the URL (`?key__startswith=`).

    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, PortalTOTPDeviceAdmin)
