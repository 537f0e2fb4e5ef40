"""The agenda: today, the coming week, a chosen day, and one activity's page.

The pages read stored occurrences only (see locations/agenda.py); a page costs the same few
queries whether there are a hundred activities or twenty thousand.
"""

from datetime import date, timedelta

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from signups.public import activity_target, signup_form_context
from work.models import Opportunity
from zuidwest.ui.pagination import RememberedCountPaginator, count_key

from .. import agenda
from ..forms.agenda import AgendaFilterForm
from ..models import Activity
from ..models.activities import Audience
from ..occurrences import window

# Activities for these audiences point to /werk-en-leren/.
JOB_SEEKER_AUDIENCES = {Audience.JOB_SEEKERS, Audience.YOUTH, Audience.NEWCOMERS,
                        Audience.ENTREPRENEURS}


class AgendaPageMixin:
    """Filters from the URL, the date picker, and a page of occurrences grouped by day."""

    page_size = agenda.AGENDA_PAGE_SIZE

    def get(self, request, *args, **kwargs):
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        data = request.GET.copy()
        if self.page_day() and not data.get("date"):
            # The day shown stays in the date field, also after filtering.
            data["date"] = self.page_day().isoformat()
        self.filter_form = AgendaFilterForm(data or None)
        chosen = self.filter_form.chosen_date
        if chosen and chosen != self.page_day():
            return redirect(self.day_url(chosen))
        return super().get(request, *args, **kwargs)

    def page_day(self):
        return None

    def day_url(self, day):
        """The page of `day`, keeping the filters but not the chosen date or page number."""
        url = reverse("locations:agenda_day", kwargs={
            "year": day.year, "month": day.month, "day": day.day})
        query = self.request.GET.copy()
        for name in ("date", "pagina"):
            query.pop(name, None)
        return f"{url}?{query.urlencode()}" if query else url

    def occurrences(self):
        """The occurrences this page lists; each agenda page (today, week, day) says which."""
        raise NotImplementedError("An agenda page must say which occurrences it shows.")

    def days(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.filter_form.valid_data.get("audience")
        if group == Audience.EVERYONE:
            group = None
        queryset = agenda.in_page_order(
            self.filter_form.filter(self.occurrences()), self.now, audience=group)
        # The count has the inputs of the results' fragment: content, address and minute.
        paginator = RememberedCountPaginator(
            queryset, self.page_size, key=count_key(self.request, self.now))
        page = paginator.get_page(self.request.GET.get("pagina"))
        # Days without activities are only listed when everything fits on one page.
        days = self.days() if not page.has_other_pages() else None
        first_day, last_day = window(self.today)
        context.update(
            filter_form=self.filter_form,
            page_obj=page,
            # Read only when the results' fragment is not in the cache (_agenda_results.html).
            agenda_days=SimpleLazyObject(
                lambda: agenda.group_by_day(page.object_list, None if group else days)),
            agenda_sections=SimpleLazyObject(lambda: self.sections(page.object_list, group)),
            now=self.now,
            today=self.today,
            days_ahead=(last_day - self.today).days,
            days_behind=(self.today - first_day).days,
            last_stored_day=last_day,
            first_stored_day=first_day,
            active_filters=self.filter_form.active_filters,
        )
        return context

    def sections(self, occurrences, group):
        """With a group chosen: what is for that group, then (under its own heading) what is
        for everyone; without, nothing (the page lists its days as they are)."""
        if not group:
            return []
        for_group = [o for o in occurrences if o.activity.audience == group]
        for_everyone = [o for o in occurrences if o.activity.audience != group]
        return [
            agenda.AgendaSection(_("Voor %(group)s") % {"group": Audience(group).label},
                                 agenda.group_by_day(for_group)),
            agenda.AgendaSection(_("Voor iedereen"), agenda.group_by_day(for_everyone)),
        ]


class AgendaTodayView(AgendaPageMixin, TemplateView):
    template_name = "locations/agenda_today.html"
    extra_context = {"agenda_view": "today"}

    def page_day(self):
        return self.today

    def occurrences(self):
        return agenda.occurrences_today(self.now)


class AgendaWeekView(AgendaPageMixin, TemplateView):
    template_name = "locations/agenda_week.html"
    extra_context = {"agenda_view": "week"}

    def occurrences(self):
        return agenda.occurrences_starting(self.today, days=agenda.WEEK_DAYS)

    def days(self):
        return [self.today + timedelta(days=offset) for offset in range(agenda.WEEK_DAYS)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            last_day=self.today + timedelta(days=agenda.WEEK_DAYS - 1), **kwargs
        )


class AgendaDayView(AgendaPageMixin, TemplateView):
    template_name = "locations/agenda_day.html"
    extra_context = {"agenda_view": "day"}

    def get(self, request, *args, **kwargs):
        try:
            self.day = date(kwargs["year"], kwargs["month"], kwargs["day"])
        except (ValueError, OverflowError):
            return render(request, "locations/agenda_invalid_date.html", {
                "year": kwargs["year"], "month": kwargs["month"], "day": kwargs["day"],
                "today": timezone.localdate(),
            }, status=404)
        return super().get(request, *args, **kwargs)

    def page_day(self):
        return self.day

    def is_stored(self):
        first_day, last_day = window(self.today)
        return first_day <= self.day <= last_day

    def occurrences(self):
        if not self.is_stored():
            return agenda.Occurrence.objects.none()
        return agenda.occurrences_starting(self.day)

    def get_context_data(self, **kwargs):
        for name in ("year", "month", "day"):  # the URL's parts; "day" becomes a date below
            kwargs.pop(name, None)
        first_day, last_day = window(self.today)
        previous_day = agenda.safe_day(self.day, -1)
        next_day = agenda.safe_day(self.day, 1)
        return super().get_context_data(
            day=self.day,
            is_today=self.day == self.today,
            too_far_ahead=self.day > last_day,
            too_far_back=self.day < first_day,
            previous_day=previous_day,
            next_day=next_day,
            previous_day_url=self.day_url(previous_day) if previous_day else "",
            next_day_url=self.day_url(next_day) if next_day else "",
            **kwargs,
        )


class ActivityDetailView(DetailView):
    template_name = "locations/activity_detail.html"
    context_object_name = "activity"

    def get_queryset(self):
        return Activity.objects.published().select_related(
            "place__neighbourhood", "organiser", "initiative"
        )

    def get_context_data(self, **kwargs):
        upcoming = agenda.next_occurrences(self.object, timezone.now())
        return super().get_context_data(
            **activity_page_context(self.request, self.object, upcoming), **kwargs)


def activity_page_context(request, activity, upcoming):
    """What the activity page shows besides the activity: its next dates (`upcoming`, stored
    ones for the public page, a version's own for a preview) and its schema.org Event."""
    next_held = next((o for o in upcoming if not o.is_cancelled), None)
    shown = next_held or (upcoming[0] if upcoming else None)
    return {
        "next_occurrences": upcoming,
        "next_occurrence": shown,
        "languages": activity.language_list,
        "json_ld": agenda.event_json_ld(activity, shown, request),
        # Opportunities that name this activity as their walk-in hours or information meeting.
        "opportunities": list(
            Opportunity.objects.for_listing().filter(information_activity=activity.pk)),
        "for_job_seekers": activity.audience in JOB_SEEKER_AUDIENCES,
        # The sign-up form, where the organiser takes sign-ups on the site.
        **signup_form_context(activity_target(activity, upcoming)),
    }
