"""Views behind the routes of the event index and event pages."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .calendar import calendar_bytes
from .forms import EventFilterForm, RegistrationForm
from .models import Registration
from .registrations import (
    AlreadyRegistered,
    CancellationClosed,
    RegistrationClosed,
    cancel,
    register,
)
from .tasks import registration_from_token


def event_list(request, index, archive):
    """Upcoming events soonest first, or the archive of past events newest first."""
    now = timezone.now()
    filters = EventFilterForm(request.GET)
    events = filters.filter(index.events())
    if archive:
        events = events.filter(end__lt=now).order_by("-start", "id")
    else:
        events = events.filter(end__gte=now).order_by("start", "id")
    page_obj = Paginator(events, settings.LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
    return index.render(
        request,
        context_overrides={
            "filters": filters,
            "page_obj": page_obj,
            "events": page_obj.object_list,
            "archive": archive,
            "is_filtered": any(request.GET.get(name) for name in filters.fields),
        },
    )


def _absolute(request, page):
    return request.build_absolute_uri(page.get_url_parts(request)[2])


def calendar_feed(request, index):
    """All published events of the index (upcoming and past) as one iCalendar feed."""
    events = index.events().order_by("start", "id")
    data = calendar_bytes([(e, _absolute(request, e)) for e in events], index.title)
    return _ics_response(data, "kalender.ics")


def event_calendar(request, event):
    data = calendar_bytes([(event, _absolute(request, event))], event.title)
    return _ics_response(data, f"{event.slug}.ics")


def _ics_response(data, filename):
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_detail(request, event):
    """The event with its registration form; a valid POST takes a seat or a waiting place."""
    source = event.canonical()
    form = None
    if source.registration_open():
        form = RegistrationForm(request.POST or None, event=source)
        if request.method == "POST" and form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
            data["consent"] = True
            try:
                registration = register(
                    source, data, get_language(), request.build_absolute_uri("/")
                )
            except RegistrationClosed:
                form = None
                messages.error(request, _("Sorry, registration closed before we got your form."))
            except AlreadyRegistered:
                form.add_error(
                    "email", _("This e-mail address is already registered for this event.")
                )
            else:
                if registration.status == Registration.Status.CONFIRMED:
                    messages.success(
                        request,
                        _("You are registered. We have sent a confirmation to %(email)s.")
                        % {"email": registration.email},
                    )
                else:
                    messages.warning(
                        request,
                        _(
                            "The event is full, so you are on the waiting list. We have sent "
                            "an e-mail to %(email)s and will write again if a seat becomes free."
                        )
                        % {"email": registration.email},
                    )
                return HttpResponseRedirect(event.get_url(request))
    return event.render(
        request,
        context_overrides={
            "form": form,
            "registration_closes": source.registration_closes(),
            "seats_left": source.seats_left(),
            "is_past": event.is_past(),
        },
    )


def cancel_registration(request, event, token):
    """The signed link from the e-mail: shows the registrant what is stored about them (GET) and
    cancels the registration (POST). Once anonymised, it shows nothing personal (410)."""
    registration_id = registration_from_token(token)
    registration = (
        Registration.objects.select_related("event")
        .filter(pk=registration_id, event=event.canonical())
        .first()
        if isinstance(registration_id, int)
        else None
    )
    context = {
        "registration": registration,
        "done": False,
        "too_late": False,
        "retention_days": settings.REGISTRATION_RETENTION_DAYS,
    }
    status = 200
    if registration is None:
        status = 400
    elif registration.anonymised_at:
        context["registration"] = None
        context["anonymised"] = True
        status = 410
    else:
        context["anonymised_on"] = registration.event.end + timedelta(
            days=settings.REGISTRATION_RETENTION_DAYS
        )
        context["too_late"] = registration.event.start <= timezone.now()
        if request.method == "POST":
            try:
                registration = cancel(registration, request.build_absolute_uri("/"))
            except CancellationClosed:
                context["too_late"] = True
            else:
                context["done"] = True
                context["registration"] = registration
    response = event.render(
        request,
        template="events/cancel_registration.html",
        context_overrides=context,
    )
    response.status_code = status
    add_never_cache_headers(response)
    return response
