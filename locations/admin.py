from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Neighbourhood, Place


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "place_count"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(place_count=Count("places"))

    @admin.display(description=_("plekken"), ordering="place_count")
    def place_count(self, neighbourhood):
        return neighbourhood.place_count


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "neighbourhood", "managing_organisation", "postcode", "is_demo"]
    list_filter = ["neighbourhood", "kind", "wheelchair_accessible", "free_entry", "is_demo"]
    search_fields = ["name", "street", "postcode", "description"]
    list_select_related = ["neighbourhood", "managing_organisation"]
    autocomplete_fields = ["managing_organisation"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "neighbourhood", "managing_organisation",
                           "description", "is_demo"]}),
        (_("Adres en ligging"), {"fields": ["street", "house_number", "postcode", "city",
                                            "latitude", "longitude", "directions"]}),
        (_("Contact"), {"fields": ["email", "phone", "website"]}),
        (_("Toegankelijkheid"), {"fields": ["wheelchair_accessible", "free_entry", "languages"]}),
        (_("Foto"), {"fields": ["image", "image_alt"]}),
    ]
