"""Helpers for the tests of the partner area (/partner/): the form a browser would post, the
partner URLs and a page owned by an organisation.

The fixtures that go with them (`organisation`, `partner`, `partner_client`) are in
tests/conftest.py.
"""

import datetime

from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
    OpportunityFactory,
    PlaceFactory,
)

KINDS = ("initiative", "place", "activity", "opportunity")


def _put(data, key, value):
    if value is None or value is False:
        return
    if value is True:
        data[key] = "on"
    elif isinstance(value, list | tuple):
        data[key] = [str(getattr(item, "pk", item)) for item in value]
    elif isinstance(value, datetime.time):
        data[key] = value.strftime("%H:%M")
    elif isinstance(value, datetime.date):
        data[key] = value.isoformat()
    elif hasattr(value, "pk"):
        data[key] = str(value.pk)
    else:
        data[key] = str(value)


def form_data(response):
    """The POST data a browser would send for the partner form in `response`, unchanged."""
    context = response.context
    data = {"version_token": context["version_token"]}
    form = context["form"]
    for name in form.fields:
        if name in ("cover_image", "image"):
            continue
        _put(data, form.add_prefix(name), form[name].value())
    for formset in context["formsets"]:
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for row in formset.forms:
            for name in row.fields:
                _put(data, row.add_prefix(name), row[name].value())
    return data


def url(kind, action, page=None):
    """The partner URL `partner:<kind>_<action>`, for `page` where the action needs one."""
    if page is None:
        return reverse(f"partner:{kind}_{action}")
    return reverse(f"partner:{kind}_{action}", kwargs={"pk": page.pk})


def page_of(kind, organisation, **fields):
    """A page of `kind` (one of KINDS) owned by `organisation`."""
    if kind == "initiative":
        return InitiativeFactory(lead_organisation=organisation, **fields)
    if kind == "place":
        return PlaceFactory(managing_organisation=organisation, **fields)
    if kind == "opportunity":
        return OpportunityFactory(organisation=organisation, **fields)
    return ActivityFactory(organiser=organisation, **fields)
