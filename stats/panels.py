"""The editors' dashboard: what waits for them, what has gone quiet, and a weekly chart."""

import datetime

from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from accounts.models import Account
from directory.models import SupplierProfile
from events.models import EventPage, Registration
from procurement.models import InterestExpression, Status, TenderPlanEntry

from .charts import line_svg
from .services import reminders_this_quarter, stale_profiles

LIMIT = 10
WEEKS = 12
NEARLY_FULL = 0.8
QUIET_WITHIN = datetime.timedelta(days=31)


def editor_panels():
    return [
        WaitingPanel(),
        StaleProfilesPanel(),
        QuietEntriesPanel(),
        NearlyFullEventsPanel(),
        WeeklyActivityPanel(),
    ]


class WaitingPanel(Component):
    """Sign-ups awaiting approval and profile changes awaiting moderation, oldest first."""

    name = "stats_waiting"
    order = 60
    template_name = "stats/admin/waiting_panel.html"
    title = gettext_lazy("Waiting for the editors")

    def get_context_data(self, parent_context=None):
        signups = Account.objects.filter(status=Account.Status.AWAITING_APPROVAL)
        changes = SupplierProfile.objects.filter(workflow_states__status="in_progress").annotate(
            submitted_at=Min("workflow_states__created_at")
        )
        return {
            "title": self.title,
            "signups": signups.select_related("user").order_by("email_confirmed_at", "pk")[:LIMIT],
            "signup_count": signups.count(),
            "changes": changes.order_by("submitted_at", "pk")[:LIMIT],
            "change_count": changes.count(),
        }


class StaleProfilesPanel(Component):
    """Live profiles not updated for a year, with a reminder button for their owners."""

    name = "stats_stale_profiles"
    order = 61
    template_name = "stats/admin/stale_profiles_panel.html"
    title = gettext_lazy("Profiles not updated for 12 months")

    def get_context_data(self, parent_context=None):
        stale = stale_profiles()
        profiles = list(stale.order_by("updated_at", "pk")[:LIMIT])
        reminded = reminders_this_quarter([p.pk for p in profiles])
        for profile in profiles:
            profile.reminded = str(profile.pk) in reminded
        return {
            "title": self.title,
            "profiles": profiles,
            "count": stale.count(),
            "csrf_token": (parent_context or {}).get("csrf_token"),
        }


class QuietEntriesPanel(Component):
    """Planned entries due for publication within a month that no SØV is interested in yet."""

    name = "stats_quiet_entries"
    order = 62
    template_name = "stats/admin/quiet_entries_panel.html"
    title = gettext_lazy("Entries without interest a month before publication")

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        interest = InterestExpression.objects.active().filter(
            entry=OuterRef("pk"), supplier__live=True
        )
        entries = (
            TenderPlanEntry.objects.live()
            .filter(
                status=Status.PLANNED,
                expected_publication__gte=today.replace(day=1),
                expected_publication__lte=today + QUIET_WITHIN,
            )
            .filter(~Exists(interest))
            .select_related("organisation")
            .order_by("expected_publication", "pk")
        )
        return {"title": self.title, "entries": entries[:LIMIT], "count": entries.count()}


class NearlyFullEventsPanel(Component):
    """Upcoming events with registration on this site and at least 80 % of the seats taken."""

    name = "stats_nearly_full"
    order = 63
    template_name = "stats/admin/nearly_full_panel.html"
    title = gettext_lazy("Events nearly full")

    def get_context_data(self, parent_context=None):
        confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
        events = (
            EventPage.objects.live()
            .filter(
                locale=Locale.get_default(),
                start__gt=timezone.now(),
                registration_mode=EventPage.RegistrationMode.INTERNAL,
                capacity__isnull=False,
            )
            .annotate(
                taken=Count("registrations", filter=confirmed),
                waiting=Count(
                    "registrations",
                    filter=Q(registrations__status=Registration.Status.WAITING),
                ),
            )
            .filter(taken__gte=F("capacity") * NEARLY_FULL)
            .order_by("start")
        )
        return {"title": self.title, "events": events[:LIMIT]}


class WeeklyActivityPanel(Component):
    """New live profiles, new entries and new interests per week, as a line chart."""

    name = "stats_weekly"
    order = 64
    template_name = "stats/admin/weekly_panel.html"
    title = gettext_lazy("New profiles, entries and interests per week")

    def get_context_data(self, parent_context=None):
        labels, rows, series = weekly_activity()
        svg = line_svg(
            "stats-weekly",
            str(self.title),
            _(
                "A line per kind over the last %(weeks)d weeks: profiles and entries published "
                "for the first time, and interests expressed. The numbers are in the table below."
            )
            % {"weeks": WEEKS},
            labels,
            series,
        )
        return {"title": self.title, "svg": svg, "rows": rows, "series": series}


def weekly_activity(today=None):
    """([week labels], [(label, n profiles, n entries, n interests)], [(name, [counts])])."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    weeks = [monday - datetime.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    since = timezone.make_aware(datetime.datetime.combine(weeks[0], datetime.time()))
    sources = [
        (_("New profiles"), SupplierProfile.objects.filter(live=True), "first_published_at"),
        (_("New entries"), TenderPlanEntry.objects.filter(live=True), "first_published_at"),
        (_("New interests"), InterestExpression.objects.all(), "created_at"),
    ]
    series = []
    for name, queryset, field in sources:
        counts = dict(
            queryset.filter(**{f"{field}__gte": since})
            .order_by()
            .annotate(week=TruncWeek(field))
            .values_list("week")
            .annotate(n=Count("pk"))
        )
        by_day = {_as_date(week): n for week, n in counts.items()}
        series.append((name, [by_day.get(week, 0) for week in weeks]))
    labels = [_("wk %(week)d") % {"week": week.isocalendar().week} for week in weeks]
    rows = [(label, *(values[i] for _name, values in series)) for i, label in enumerate(labels)]
    return labels, rows, series


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
