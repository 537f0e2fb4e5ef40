from django.contrib import admin

from .models import Programme, ProgrammeOffice


class ProgrammeOfficeInline(admin.StackedInline):
    """The contact details shown on the contact page and in the footer of every page."""

    model = ProgrammeOffice
    max_num = 1
    fields = ["name", "email", "phone", "opening_hours", "visiting_address", "is_demo"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "tranche", "district", "area_hectares"]
    inlines = [ProgrammeOfficeInline]

    def has_add_permission(self, request):
        # The portal describes one Regio Deal.
        return not Programme.objects.exists()
