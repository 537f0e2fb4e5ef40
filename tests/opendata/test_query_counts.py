"""Every list endpoint of the API costs the same number of queries with 1x and 10x the data."""

from django.urls import reverse

from tests.helpers import count_queries

from .conftest import grow

LISTS = ["organisation_list", "alliance_list", "spearhead_list", "initiative_list",
         "funding_source_list", "allocation_list", "opportunity_list", "neighbourhood_list",
         "place_list", "activity_list", "occurrence_list",
         "indicator_list", "idea_list"]


def list_urls():
    return [reverse(f"api:{name}") + "?pageSize=200" for name in LISTS] + [
        reverse("api:place_list") + "?neighbourhood=moerwijk",
        reverse("api:initiative_list") + "?neighbourhood=moerwijk",
        reverse("api:indicator_list") + "?level=initiative",
        reverse("open_data_grants_json"),
        reverse("open_data_grants_csv"),
    ]


def test_every_list_costs_the_same_queries_with_ten_times_the_data(client, world, settings):
    settings.API_RATE_LIMIT = "10000/minute"
    grow(world, 2)
    small = {url: count_queries(client, url) for url in list_urls()}
    grow(world, 18)
    large = {url: count_queries(client, url) for url in list_urls()}
    assert large == small


def test_every_list_endpoint_is_in_the_query_count_check():
    from opendata.api.urls import urlpatterns

    assert {p.name for p in urlpatterns if p.name.endswith("_list")} == set(LISTS)
