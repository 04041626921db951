"""Factories for partners, event pages and registrations."""

from datetime import timedelta

import factory

from django.utils import timezone

from events.models import EventPage, Partner, Registration


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner {n}")
    website = "https://partner.example/"

    class Meta:
        model = Partner


class RegistrationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Deltager {n}")
    email = factory.Sequence(lambda n: f"deltager{n}@example.dk")
    organisation = "Eksempel ApS"
    role = Registration.Role.SUPPLIER
    consent = True
    status = Registration.Status.CONFIRMED

    class Meta:
        model = Registration


def make_event(index, *, publish=True, **fields):
    """An event page under ``index``, by default a week from now in Aarhus and published."""
    start = fields.pop("start", timezone.now() + timedelta(days=7))
    values = {
        "title": "Workshop om reserverede kontrakter",
        "start": start,
        "end": start + timedelta(hours=3),
        "address": "Hack Kampmanns Plads 2\n8000 Aarhus C",
        "event_type": EventPage.EventType.WORKSHOP,
        "audience": EventPage.Audience.EVERYONE,
        **fields,
    }
    if "organiser" not in values:
        values["organiser"] = PartnerFactory()
    event = index.add_child(instance=EventPage(live=publish, **values))
    revision = event.save_revision()
    if publish:
        revision.publish()
    return EventPage.objects.get(pk=event.pk)
