"""Demo partners, events (Danish with English translations) and a partner login."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Locale

from cms.demo.loader import create_child_page, translate_page
from directory.models import Municipality

from .access import ensure_partner_access
from .calendar import COPENHAGEN
from .models import Partner
from .permissions import PARTNER_GROUP

DEMO_PARTNER_USER = ("husforbi", "partner@husforbi.example", "demo-partner-1234")

PARTNERS = [
    {
        "name": "Hus Forbi",
        "website": "https://www.husforbi.dk/",
        "description": (
            "Socialøkonomisk virksomhed og gadeavis, der skaber arbejde og indtægt for hjemløse "
            "og socialt udsatte."
        ),
    },
    {
        "name": "Advokatpartnerselskabet Foldschack, Forchhammer, Dahlager & Barfod",
        "website": "",
        "description": "Advokater med erfaring i udbudsret og socialøkonomi.",
    },
    {
        "name": "Comdia ApS",
        "website": "",
        "description": "Udvikling og drift af digitale løsninger.",
    },
]


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=COPENHAGEN)


def _events(partners):
    hus_forbi, lawyers, comdia = partners
    copenhagen = Municipality.objects.filter(code=101).first()
    aarhus = Municipality.objects.filter(code=751).first()
    webinar_day = (timezone.localtime(timezone.now(), COPENHAGEN) + timedelta(days=42)).date()
    return [
        {
            "key": "event_procurement_day_2027",
            "type": "events.EventPage",
            "slug": "socialoekonomisk-indkoebsdag-2027",
            "parent": "events",
            "fields": {
                "event_type": "workshop",
                "audience": "everyone",
                "start": _at(datetime(2027, 5, 6).date(), 9),
                "end": _at(datetime(2027, 5, 6).date(), 16),
                "registration_deadline": _at(datetime(2027, 4, 29).date(), 12),
                "venue_name": "Kulturhuset Islands Brygge",
                "address": "Islands Brygge 18\n2300 København S",
                "municipality": copenhagen,
                "organiser": hus_forbi,
                "capacity": 120,
            },
            "da": {
                "title": "Socialøkonomisk indkøbsdag 2027",
                "intro": (
                    "Årets workshop, hvor socialøkonomiske virksomheder og offentlige indkøbere "
                    "mødes, netværker og drøfter, hvordan flere indkøb kan gå til "
                    "socialøkonomiske leverandører."
                ),
                "body": [
                    ("heading", {"text": "Program", "level": "h2"}),
                    (
                        "paragraph",
                        "<ul><li>9.00 Morgenmad og velkomst</li><li>9.30 Sådan køber kommunerne "
                        "ind i dag</li><li>11.00 Speed-dating mellem indkøbere og leverandører"
                        "</li><li>12.30 Frokost</li><li>13.30 Workshops: reserverede kontrakter, "
                        "konsortier og markedsdialog</li><li>15.30 Opsamling</li></ul>",
                    ),
                ],
            },
            "en": {
                "title": "Social economy procurement day 2027",
                "intro": (
                    "This year's workshop where social enterprises and public buyers meet, network "
                    "and discuss how more purchases can go to social enterprise suppliers."
                ),
                "body": [
                    ("heading", {"text": "Programme", "level": "h2"}),
                    (
                        "paragraph",
                        "<ul><li>9.00 Breakfast and welcome</li><li>9.30 How municipalities buy "
                        "today</li><li>11.00 Speed dating between buyers and suppliers</li>"
                        "<li>12.30 Lunch</li><li>13.30 Workshops: reserved contracts, consortia "
                        "and market dialogue</li><li>15.30 Wrap-up</li></ul>",
                    ),
                ],
            },
        },
        {
            "key": "event_reserved_contracts_webinar",
            "type": "events.EventPage",
            "slug": "webinar-reserverede-kontrakter",
            "parent": "events",
            "fields": {
                "event_type": "webinar",
                "audience": "buyers",
                "start": _at(webinar_day, 10),
                "end": _at(webinar_day, 11, 30),
                "online_url": "https://moede.socialoekonomisk.example/reserverede-kontrakter",
                "organiser": lawyers,
                "capacity": 100,
            },
            "da": {
                "title": "Webinar: Reserverede kontrakter i praksis",
                "intro": (
                    "Sådan reserverer I en kontrakt til socialøkonomiske virksomheder efter "
                    "udbudslovens § 20 – med eksempler fra kommuner, der har gjort det."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>Vi gennemgår betingelserne, hvordan I dokumenterer dem, og hvilke "
                        "faldgruber I skal undgå. Der er tid til spørgsmål undervejs.</p>",
                    ),
                ],
            },
            "en": {
                "title": "Webinar: Reserved contracts in practice",
                "intro": (
                    "How to reserve a contract for social enterprises under section 20 of the "
                    "Danish Public Procurement Act – with examples from municipalities that did it."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>We go through the conditions, how to document them and which pitfalls "
                        "to avoid. There is time for questions along the way.</p>",
                    ),
                ],
            },
        },
        {
            "key": "event_procurement_day_2026",
            "type": "events.EventPage",
            "slug": "socialoekonomisk-indkoebsdag-2026",
            "parent": "events",
            "fields": {
                "event_type": "workshop",
                "audience": "everyone",
                "start": _at(datetime(2026, 5, 7).date(), 9),
                "end": _at(datetime(2026, 5, 7).date(), 16),
                "venue_name": "Kulturhuset Islands Brygge",
                "address": "Islands Brygge 18\n2300 København S",
                "municipality": copenhagen,
                "organiser": hus_forbi,
                "capacity": 100,
            },
            "da": {
                "title": "Socialøkonomisk indkøbsdag 2026",
                "intro": "Sidste års indkøbsdag samlede 90 leverandører og indkøbere.",
                "body": [],
            },
            "en": {
                "title": "Social economy procurement day 2026",
                "intro": "Last year's procurement day brought together 90 suppliers and buyers.",
                "body": [],
            },
        },
        {
            "key": "event_digital_tools_meetup",
            "type": "events.EventPage",
            "slug": "netvaerksmoede-digitale-vaerktoejer",
            "parent": "events",
            "fields": {
                "event_type": "networking",
                "audience": "suppliers",
                "start": _at(datetime(2026, 9, 17).date(), 15),
                "end": _at(datetime(2026, 9, 17).date(), 17),
                "venue_name": "Dokk1",
                "address": "Hack Kampmanns Plads 2\n8000 Aarhus C",
                "municipality": aarhus,
                "organiser": comdia,
                "registration_mode": "none",
            },
            "da": {
                "title": "Netværksmøde: Digitale værktøjer til små leverandører",
                "intro": (
                    "Erfaringer med udbudsportaler, e-handel og fakturering for små virksomheder."
                ),
                "body": [],
            },
            "en": {
                "title": "Networking meeting: Digital tools for small suppliers",
                "intro": (
                    "Experiences with tender portals, e-commerce and invoicing for small firms."
                ),
                "body": [],
            },
        },
    ]


def load_demo_events(pages, stdout):
    """Hook for ``load_demo_data``: partners, four events in da and en, a partner login."""
    partners = []
    for spec in PARTNERS:
        partner, _created = Partner.objects.get_or_create(
            name=spec["name"],
            defaults={"website": spec["website"], "description": spec["description"]},
        )
        partners.append(partner)
    english = Locale.objects.get(language_code="en")
    for spec in _events(partners):
        pages[spec["key"]] = create_child_page(spec, pages[spec["parent"]], pages)
        translate_page(pages[spec["key"]], spec, english, pages)
    ensure_partner_access()
    _partner_user(partners[0])
    stdout.write(
        f"Events: {len(PARTNERS)} partners, 4 events in Danish and English. Partner login at "
        f"/admin/: {DEMO_PARTNER_USER[0]} / {DEMO_PARTNER_USER[2]} (local demo only)"
    )


def _partner_user(partner):
    username, email, password = DEMO_PARTNER_USER
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create_user(username, email, password)
        user.groups.add(Group.objects.get(name=PARTNER_GROUP))
        partner.members.add(user)
