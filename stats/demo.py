"""Demo content for the statistics: the page in Danish and English, a footer link, some impact
figures with consent, buyers at the demo events and interests shown publicly.

Runs after the directory, tender plan and events demos (``load_demo_data`` hooks run in app
order). A second run finds everything in place and changes nothing.
"""

from wagtail.models import Locale, Site

from cms.demo.loader import create_child_page, translate_page
from cms.models import FooterLink, SiteSettings
from directory.models import SupplierProfile
from events.models import EventPage
from procurement.models import BuyerOrganisation, InterestExpression

PAGE = {
    "key": "statistics",
    "type": "stats.StatisticsPage",
    "slug": "statistik",
    "parent": "home",
    "da": {
        "title": "Tal og fakta",
        "intro": (
            "Hvor mange socialøkonomiske virksomheder er på listen, hvor leverer de, hvad "
            "planlægger de offentlige indkøbere at købe – og hvor mange mødes til vores "
            "arrangementer?"
        ),
    },
    "en": {
        "title": "Facts and figures",
        "slug": "statistics",
        "intro": (
            "How many social enterprises are on the list, where do they deliver, what do public "
            "buyers plan to buy – and how many meet at our events?"
        ),
    },
}

# (year, jobs on special terms, trainees, moved on to work or education, people reached)
IMPACT = [(2025, 14, 6, 3, 40), (2025, 8, 4, 2, 25), (2024, 22, 9, 5, 120), (2025, 5, 2, 1, 12)]
EVENT_BUYERS = {
    "socialoekonomisk-indkoebsdag-2026": [
        "Københavns Kommune",
        "Aarhus Kommune",
        "Region Midtjylland",
    ],
    "webinar-reserverede-kontrakter": ["Aarhus Kommune", "Odense Kommune"],
}


def load_demo_statistics(pages, stdout):
    page = create_child_page(PAGE, pages["home"], pages)
    translate_page(page, PAGE, Locale.objects.get(language_code="en"), pages)
    pages[PAGE["key"]] = page
    _footer_link(page)
    impact = _impact()
    _event_buyers()
    shown = _shown_interests()
    stdout.write(
        f"Statistics: /statistik/ and /en/statistics/, impact figures for {impact} profiles, "
        f"{shown} interests shown publicly."
    )


def _footer_link(page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if not settings.footer_links.filter(page=page).exists():
        FooterLink.objects.create(settings=settings, page=page, sort_order=-1)


def _impact():
    """Impact figures, shown with the owners' consent, on a few live demo profiles."""
    profiles = SupplierProfile.objects.live().order_by("name")[4 : 4 + len(IMPACT)]
    for profile, (year, jobs, trainees, into_work, reached) in zip(profiles, IMPACT, strict=False):
        if profile.impact_public:
            continue
        profile.impact_year = year
        profile.impact_jobs_special_terms = jobs
        profile.impact_trainees = trainees
        profile.impact_into_work = into_work
        profile.impact_people_reached = reached
        profile.impact_public = True
        profile.save_revision().publish()
    return SupplierProfile.objects.live().filter(impact_public=True).count()


def _event_buyers():
    organisations = {o.name: o for o in BuyerOrganisation.objects.all()}
    for slug, names in EVENT_BUYERS.items():
        for event in EventPage.objects.filter(slug=slug):
            if not event.participating_organisations.exists():
                event.participating_organisations.set(
                    [organisations[name] for name in names if name in organisations]
                )
                event.save_revision().publish()


def _shown_interests():
    """The demo interests that also agreed to be seen by others are shown on the buyer page."""
    InterestExpression.objects.filter(visible_to_others=True).update(shown_publicly=True)
    return InterestExpression.objects.filter(shown_publicly=True).count()
