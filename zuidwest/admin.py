from django.contrib import admin

from .models import Programme, Revision


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "tranche", "district", "area_hectares"]

    def has_add_permission(self, request):
        # The portal describes one Regio Deal.
        return not Programme.objects.exists()


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "created_by", "created_at", "decided_by"]
    list_filter = ["state", "content_type"]
    list_select_related = ["content_type", "created_by", "decided_by"]
