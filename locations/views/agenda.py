from django.views.generic import TemplateView

# Placeholders until the agenda is built; the routes exist so links can be made.
AgendaTodayView = AgendaWeekView = AgendaDayView = ActivityDetailView = TemplateView
