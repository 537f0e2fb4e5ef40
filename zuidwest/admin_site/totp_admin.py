"""django-otp's admin for TOTP devices, with the secret of a device in use hidden
(settings.OTP_ADMIN_HIDE_SENSITIVE_DATA): its key, set-up page and QR code are shown only while
the device is being set up (not yet confirmed), so a colleague can scan it together with the new
staff member; once confirmed, nobody can read it in the admin again. A device that does not
exist is a 404 rather than a server error (found by tests/zuidwest/test_fuzz.py)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from .lookups import OfferedFiltersOnly


class PortalTOTPDeviceAdmin(OfferedFiltersOnly, TOTPDeviceAdmin):
    # OfferedFiltersOnly: no filter on the secret key in the URL (`?key__startswith=`).

    def _device_being_set_up(self, request, pk):
        device = get_object_or_404(TOTPDevice, pk=pk)
        if device.confirmed or not self.has_view_or_change_permission(request, device):
            raise PermissionDenied
        return device

    # django-otp refuses both pages for every device when sensitive data is hidden; here they
    # stay open for a device that is not confirmed yet.
    def config_view(self, request, pk):
        device = self._device_being_set_up(request, pk)
        return TemplateResponse(request, "otp_totp/admin/config.html",
                                {**self.admin_site.each_context(request), "device": device})

    def qrcode_view(self, request, pk):
        device = self._device_being_set_up(request, pk)
        response = HttpResponse(content_type="image/svg+xml")
        write_qrcode_image(device.config_url, response)
        return response


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, PortalTOTPDeviceAdmin)
