"""The portal template tags and the "nlds" crispy-forms template pack."""

import re
from decimal import Decimal

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation


class ContactForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Je voor- en achternaam.")
    email = forms.EmailField(label="E-mailadres", required=False)
    topic = forms.ChoiceField(
        label="Onderwerp", choices=[("a", "Vraag"), ("b", "Idee")], widget=forms.RadioSelect
    )
    neighbourhoods = forms.MultipleChoiceField(
        label="Wijken",
        required=False,
        choices=[("bouwlust", "Bouwlust"), ("moerwijk", "Moerwijk")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="Ik ga akkoord")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email", "").endswith("@example.invalid"):
            raise forms.ValidationError("Dit adres kunnen we niet gebruiken.")
        return cleaned


def render(source, **context):
    return Template(source).render(Context(context))


def invalid_form():
    form = ContactForm(data={"name": "", "email": "niet-een-adres", "topic": "a"})
    assert not form.is_valid()
    return form


def tag_with_id(html, element_id):
    match = re.search(rf'<[^>]*\bid="{re.escape(element_id)}"[^>]*>', html)
    assert match, f"no element with id {element_id}"
    return match.group(0)


@pytest.mark.parametrize(
    "source",
    [
        "{% load crispy_forms_tags %}{% crispy form %}",
        "{% load crispy_forms_tags %}{{ form|crispy }}",
    ],
)
def test_an_invalid_field_points_to_its_description_and_error_and_is_marked_invalid(source):
    html = render(source, form=invalid_form())

    name_input = tag_with_id(html, "id_name")
    assert 'aria-invalid="true"' in name_input
    assert 'aria-describedby="id_name_helptext id_name_error"' in name_input
    assert "utrecht-textbox" in name_input
    assert 'id="id_name_helptext"' in html
    assert 'id="id_name_error"' in html
    assert 'aria-invalid="true"' not in tag_with_id(html, "id_neighbourhoods_0")


def test_the_error_summary_counts_the_errors_and_links_to_each_invalid_field():
    html = render("{% load crispy_forms_tags %}{% crispy form %}", form=invalid_form())

    summary = html[html.index("portal-error-summary") : html.index("</ul>")]
    assert 'role="alert"' in html
    assert "Er ging iets mis" in summary
    assert "Er zijn 3 fouten in het formulier" in summary
    assert 'href="#id_name"' in summary
    assert 'href="#id_email"' in summary
    assert 'href="#id_agree"' in summary
    assert summary.index("#id_name") < summary.index("#id_email") < summary.index("#id_agree")


def test_the_error_summary_lists_errors_that_belong_to_no_field():
    form = ContactForm(
        data={"name": "Anna", "email": "anna@example.invalid", "topic": "a", "agree": "on"}
    )
    assert not form.is_valid()

    html = render("{% load crispy_forms_tags %}{{ form|crispy }}", form=form)

    assert "Er is 1 fout in het formulier" in html
    assert "Dit adres kunnen we niet gebruiken." in html


def test_a_valid_form_shows_no_error_summary():
    html = render("{% load crispy_forms_tags %}{{ form|crispy }}", form=ContactForm())

    assert "portal-error-summary" not in html
    assert "aria-invalid" not in html


def test_required_fields_say_so_in_their_label():
    html = render("{% load crispy_forms_tags %}{{ form|crispy }}", form=ContactForm())

    name_label = re.search(r'<label[^>]*for="id_name"[^>]*>(.*?)</label>', html, re.S).group(1)
    email_label = re.search(r'<label[^>]*for="id_email"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert "(verplicht)" in name_label
    assert "(verplicht)" not in email_label


def test_radio_and_checkbox_groups_are_fieldsets_with_a_legend():
    html = render("{% load crispy_forms_tags %}{{ form|crispy }}", form=invalid_form())

    topic = tag_with_id(html, "id_topic")
    assert topic.startswith("<fieldset")
    assert 'aria-describedby="id_topic_error"' not in topic  # "a" is a valid choice
    assert re.search(r"<legend[^>]*>Onderwerp", html)
    assert re.search(r"<legend[^>]*>Wijken", html)
    assert "utrecht-radio-button" in tag_with_id(html, "id_topic_0")
    assert "utrecht-checkbox" in tag_with_id(html, "id_neighbourhoods_1")
    assert "utrecht-radio-button" not in tag_with_id(html, "id_neighbourhoods_1")


def test_the_crispy_tag_renders_a_post_form_with_a_csrf_field():
    html = render(
        "{% load crispy_forms_tags %}{% crispy form %}", form=ContactForm(), csrf_token="t0ken"
    )

    assert re.search(r'<form[^>]*method="post"', html)
    assert re.search(r'name="csrfmiddlewaretoken" value="t0ken"', html)


def request_for(path):
    request = RequestFactory().get(path)
    request.resolver_match = resolve(request.path_info)
    return request


def test_query_with_replaces_one_parameter_and_keeps_the_others():
    request = request_for("/initiatieven/?wijk=moerwijk&q=buurt+kamer&page=2")

    html = render("{% load portal %}<a href=\"?{% query_with page=3 %}\">", request=request)

    assert html == '<a href="?wijk=moerwijk&amp;q=buurt+kamer&amp;page=3">'


def test_query_with_escapes_what_the_visitor_typed():
    request = request_for('/initiatieven/?q="><script>')

    html = render("{% load portal %}{% query_with page=2 %}", request=request)

    assert "<script>" not in html
    assert html == "q=%22%3E%3Cscript%3E&amp;page=2"


def test_query_with_an_empty_value_removes_the_parameter():
    request = request_for("/initiatieven/?wijk=moerwijk&page=2")

    assert render("{% load portal %}{% query_with page=None %}", request=request) == "wijk=moerwijk"


def test_pagination_links_keep_the_filters():
    request = request_for("/initiatieven/?wijk=moerwijk&pagina=2")
    page_obj = Paginator(list(range(30)), 10).page(2)

    html = render(
        '{% include "components/pagination.html" %}', request=request, page_obj=page_obj
    )

    assert 'href="?wijk=moerwijk&amp;pagina=3"' in html
    assert 'rel="prev" href="?wijk=moerwijk&amp;pagina=1"' in html
    assert 'aria-current="page" href="?wijk=moerwijk&amp;pagina=2"' in html


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1250000"), "€\u00a01.250.000,00"),
        (Decimal("31000000.5"), "€\u00a031.000.000,50"),
        (Decimal("0"), "€\u00a00,00"),
    ],
)
def test_euros_formats_an_amount_the_dutch_way(amount, expected):
    with translation.override("nl"):
        assert render("{% load portal %}{{ amount|euros }}", amount=amount) == expected


def test_euros_can_leave_out_the_cents_and_shows_nothing_for_no_amount():
    with translation.override("nl"):
        assert render("{% load portal %}{{ amount|euros:0 }}", amount=Decimal("18000000")) == (
            "€\u00a018.000.000"
        )
        assert render("{% load portal %}{{ amount|euros }}", amount=None) == ""


@pytest.mark.parametrize(
    ("value", "total", "expected"),
    [(Decimal("18"), Decimal("49"), "37"), (1, 3, "33"), (5, 0, "0"), (5, None, "0")],
)
def test_percentage_of_gives_a_whole_percent_and_zero_for_an_empty_total(value, total, expected):
    html = render("{% load portal %}{{ value|percentage_of:total }}", value=value, total=total)

    assert html == expected


def test_the_language_switch_links_to_this_page_in_each_language():
    with translation.override("nl"):
        request = request_for("/plekken/?wijk=moerwijk")
        html = render("{% load portal %}{% language_switch %}", request=request)

    assert 'href="/en/plekken/?wijk=moerwijk" lang="en" hreflang="en"' in html
    assert 'href="/plekken/?wijk=moerwijk" lang="nl" hreflang="nl" aria-current="true"' in html


def test_the_primary_nav_marks_the_current_page():
    with translation.override("nl"):
        request = request_for("/plekken/")
        html = render("{% load portal %}{% primary_nav %}", request=request)

    # The menu is there twice (a row on a desktop, folded on a phone; CSS shows one), each
    # with the current page marked once, and the folded one names it on its button.
    wide, folded = html.split('<details class="portal-menu">')
    for menu in (wide, folded):
        assert re.search(r'href="/plekken/" aria-current="page">Plekken<', menu)
        assert menu.count("aria-current") == 1
    assert '<span class="portal-menu__current">: Plekken</span>' in folded


def test_the_primary_nav_works_without_a_resolved_url():
    request = RequestFactory().get("/bestaat-niet/")
    request.resolver_match = None

    html = render("{% load portal %}{% primary_nav %}", request=request)

    assert "Initiatieven" in html
    assert "aria-current" not in html


def test_the_demo_label_appears_only_on_sample_content():
    class Sample:
        is_demo = True

    class Real:
        is_demo = False

    source = '{% include "components/demo_label.html" with obj=obj %}'
    assert "Voorbeeld" in render(source, obj=Sample())
    assert "Dit is voorbeeldinhoud om het portaal te proberen" in render(source, obj=Sample())
    assert render(source, obj=Real()).strip() == ""
    assert "Voorbeeld" in render('{% include "components/demo_label.html" %}')


@pytest.mark.django_db
def test_an_error_summary_puts_no_colon_after_a_question(client):
    html = client.get("/werk-en-leren/vragen/1/", {"verder": "1", "age": ""}).content.decode()
    assert "Hoe oud ben je? Vul je leeftijd in" in html
    assert "?:" not in html


def test_with_colon_adds_a_colon_only_after_a_plain_label():
    from zuidwest.templatetags.portal import with_colon

    assert with_colon("E-mailadres") == "E-mailadres:"
    assert with_colon("Hoe oud ben je?") == "Hoe oud ben je?"


@pytest.mark.parametrize(("value", "shown"), [
    ("14.80", "14,8"), ("8.00", "8"), (8, "8"), ("1234.5", "1.234,5"), ("0.125", "0,13"),
    (None, ""),
])
def test_a_measured_number_has_no_trailing_zeros(value, shown):
    from django.utils import translation

    from zuidwest.templatetags.portal import plain_number_filter

    with translation.override("nl"):
        assert plain_number_filter(value) == shown
