from django.contrib import admin

from .models import Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "tranche", "district", "area_hectares"]

    def has_add_permission(self, request):
        # The portal describes one Regio Deal.
        return not Programme.objects.exists()
