"""The restricted admin: buyers and SØVs reach only their own entries and interests, by any URL."""

import datetime
import json

import pytest

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.models import ModelLogEntry

from directory.models import Municipality
from procurement.models import InterestExpression, TenderPlanEntry

from .factories import make_interest, make_user, months_ahead

pytestmark = pytest.mark.django_db
ENTRIES = "wagtailsnippets_procurement_tenderplanentry"
INTERESTS = "wagtailsnippets_procurement_interestexpression"


def entry_form(organisation, **changes):
    data = {
        "organisation": organisation.pk,
        "title": "Catering til personaledag",
        "summary": "Frokost til 300 medarbejdere.",
        "description": json.dumps(
            {
                "blocks": [
                    {
                        "key": "a1b2c",
                        "type": "unstyled",
                        "text": "Frokost og kaffe.",
                        "depth": 0,
                        "inlineStyleRanges": [],
                        "entityRanges": [],
                    }
                ],
                "entityMap": {},
            }
        ),
        "procedure": "below_threshold",
        "reservation": "res-ws",
        "social_clauses": "",
        "cpv_codes": "55520000",
        "value_min": "100000",
        "value_max": "200000",
        "expected_publication": months_ahead(2).isoformat(),
        "contract_start": months_ahead(4).isoformat(),
        "contract_duration_months": "12",
        "interest_deadline": months_ahead(1, day=20).isoformat(),
        "contact_name": "Mette",
        "contact_email": "mette@aarhus.example",
        "contact_phone": "",
        "status": "planned",
        "notice_url": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def test_buyer_announces_and_publishes_a_purchase(client, tender_page, aarhus, buyer_a):
    client.force_login(buyer_a)
    response = client.post(reverse(f"{ENTRIES}:add"), entry_form(aarhus, **{"action-publish": "1"}))
    assert response.status_code == 302, response.context["form"].errors
    entry = TenderPlanEntry.objects.get(title="Catering til personaledag")
    assert entry.live and entry.organisation == aarhus
    assert ModelLogEntry.objects.filter(
        object_id=str(entry.pk), action="wagtail.publish", user=buyer_a
    ).exists()
    assert client.get(f"/udbudsplan/{entry.pk}/{entry.slug}/").status_code == 200


def test_buyer_cannot_announce_for_another_organisation(
    client, tender_page, aarhus, odense, buyer_a
):
    client.force_login(buyer_a)
    response = client.post(reverse(f"{ENTRIES}:add"), entry_form(odense, **{"action-publish": "1"}))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not TenderPlanEntry.objects.exists()


def test_admin_form_shows_bad_input_clearly(client, tender_page, aarhus, buyer_a):
    client.force_login(buyer_a)
    response = client.post(
        reverse(f"{ENTRIES}:add"),
        entry_form(
            aarhus,
            value_min="900000",
            value_max="100",
            cpv_codes="",
            contract_start=months_ahead(1).isoformat(),
        ),
    )
    errors = response.context["form"].errors
    assert set(errors) >= {"value_max", "cpv_codes", "contract_start"}
    assert not TenderPlanEntry.objects.exists()


def test_listings_show_only_own_rows(client, entry, buyer_a, buyer_b, soev_a, soev_b):
    interest = make_interest(entry, *soev_a, message="Vi vil gerne")
    client.force_login(buyer_a)
    assert list(client.get(reverse(f"{ENTRIES}:list")).context["object_list"]) == [entry]
    assert list(client.get(reverse(f"{INTERESTS}:list")).context["object_list"]) == [interest]
    assert client.get(reverse(f"{INTERESTS}:inspect", args=[interest.pk])).status_code == 200
    client.force_login(soev_a[1])
    assert list(client.get(reverse(f"{INTERESTS}:list")).context["object_list"]) == [interest]
    for other in (buyer_b, soev_b[1]):
        client.force_login(other)
        assert list(client.get(reverse(f"{INTERESTS}:list")).context["object_list"]) == []
    client.force_login(buyer_b)
    assert list(client.get(reverse(f"{ENTRIES}:list")).context["object_list"]) == []


def test_buyer_exports_interest_as_csv_and_xlsx(client, entry, buyer_a, buyer_b, soev_a):
    make_interest(entry, *soev_a, role="consortium_partner", message="Vi vil gerne")
    client.force_login(buyer_a)
    csv = client.get(reverse(f"{INTERESTS}:list") + "?export=csv")
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Grøn Rengøring" in text and "Vi vil gerne" in text
    xlsx = client.get(reverse(f"{INTERESTS}:list") + "?export=xlsx")
    assert xlsx.status_code == 200
    client.force_login(buyer_b)
    csv = client.get(reverse(f"{INTERESTS}:list") + "?export=csv")
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Grøn Rengøring" not in text


@pytest.fixture
def directory_page(tender_page):
    from directory.models import DirectoryIndexPage

    page = tender_page.get_parent().add_child(
        instance=DirectoryIndexPage(title="Leverandører", slug="leverandoerer")
    )
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("who", ["buyer", "soev"])
def test_an_interest_opens_with_the_soev_its_role_message_contact_and_danish_time(
    client, directory_page, entry, buyer_a, soev_a, who
):
    profile, sender = soev_a
    profile.contact_name, profile.phone = "Sara Holm", "+45 70 00 00 00"
    profile.email = "kontakt@groen.example"
    profile.save()
    interest = make_interest(entry, profile, sender, role="consortium_partner", message="Vi byder")
    InterestExpression.objects.filter(pk=interest.pk).update(
        created_at=datetime.datetime(2027, 3, 1, 8, 30, tzinfo=datetime.UTC)
    )
    client.force_login(buyer_a if who == "buyer" else sender)
    listing = client.get(reverse(f"{INTERESTS}:list")).content.decode()
    inspect_url = reverse(f"{INTERESTS}:inspect", args=[interest.pk])
    assert f'href="{inspect_url}"' in listing and "Konsortiepartner" in listing

    page = client.get(inspect_url).content.decode()
    assert '<a href="/leverandoerer/groen-rengoering/">Grøn Rengøring</a>' in page
    assert f'<a href="/udbudsplan/{entry.pk}/{entry.slug}/">' in page
    assert "Konsortiepartner" in page and "consortium_partner" not in page
    assert "Vi byder" in page and "Sara Holm" in page
    assert 'href="mailto:kontakt@groen.example"' in page and 'href="tel:+45 70 00 00 00"' in page
    assert "1. marts 2027 09:30" in page  # Copenhagen time, a date not "… siden"
    assert ">True<" not in page and ">None<" not in page


def test_interest_exports_are_danish_spreadsheets(client, entry, buyer_a, soev_a):
    import io

    from openpyxl import load_workbook

    interest = make_interest(entry, *soev_a, role="consortium_partner", message="Vi vil gerne")
    InterestExpression.objects.filter(pk=interest.pk).update(
        created_at=datetime.datetime(2027, 3, 1, 8, 30, tzinfo=datetime.UTC)
    )
    client.force_login(buyer_a)
    listing = client.get(reverse(f"{INTERESTS}:list")).content.decode()
    assert "?export=csv" in listing and "Hent CSV" in listing and "Hent XLSX" in listing
    assert "Flere handlinger" not in listing  # the buttons are not hidden in a menu

    csv = client.get(reverse(f"{INTERESTS}:list") + "?export=csv")
    text = b"".join(csv.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    heading, row = (line.split(";") for line in text[1:].splitlines()[:2])
    assert heading[:3] == ["Indkøb i udbudsplanen", "Ordregiver", "Socialøkonomisk virksomhed"]
    assert "Rolle" in heading and "Konsortiepartner" in row and "Nej" in row
    assert "01.03.2027 09:30" in row

    xlsx = client.get(reverse(f"{INTERESTS}:list") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Indkøb i udbudsplanen", "Ordregiver", "Socialøkonomisk virksomhed")
    assert "Konsortiepartner" in rows[1] and "Nej" in rows[1]
    assert datetime.datetime(2027, 3, 1, 9, 30) in rows[1]


def test_restricted_users_cannot_reach_the_organisation_admin(client, buyer_a):
    client.force_login(buyer_a)
    response = client.get(reverse("wagtailsnippets_procurement_buyerorganisation:list"))
    assert response.status_code == 403


def _urls(model, obj):
    """Every URL of the model's viewset that names an object, filled in for ``obj``."""
    viewset = model.snippet_viewset
    revision = getattr(obj, "latest_revision", None)
    urls = []
    for pattern in viewset.get_urlpatterns():
        converters = pattern.pattern.converters
        if "pk" not in converters:
            continue
        kwargs = {"pk": obj.pk}
        for name in converters:
            if name.startswith("revision_id"):
                if revision is None:
                    break
                kwargs[name] = revision.pk
        else:
            if set(kwargs) == set(converters):
                urls.append(
                    reverse(f"{viewset.get_admin_url_namespace()}:{pattern.name}", kwargs=kwargs)
                )
    return urls


def _snapshot():
    return (
        list(
            TenderPlanEntry.objects.values_list(
                "pk", "title", "live", "status", "locked", "latest_revision_id"
            )
        ),
        list(InterestExpression.objects.values_list("pk", "role", "message", "withdrawn_at")),
    )


def test_every_entry_url_is_closed_to_another_buyer(client, entry, buyer_b, soev_a):
    urls = _urls(TenderPlanEntry, entry)
    assert len(urls) >= 8
    before = _snapshot()
    for user in (buyer_b, soev_a[1]):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code in (403, 404), url
            assert client.post(url, entry_form(entry.organisation, title="Kapret")).status_code in (
                403,
                404,
            ), url
    assert _snapshot() == before


def test_every_interest_url_is_closed_to_another_buyer_and_soev(
    client, entry, buyer_b, soev_a, soev_b
):
    interest = make_interest(entry, *soev_a)
    urls = _urls(InterestExpression, interest)
    assert len(urls) >= 4
    before = _snapshot()
    for user in (buyer_b, soev_b[1]):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code in (403, 404), url
            assert client.post(url, {"role": "subcontractor", "message": "Kapret"}).status_code in (
                403,
                404,
            ), url
    assert _snapshot() == before


def test_the_owning_buyer_cannot_edit_or_delete_interests(client, entry, buyer_a, soev_a):
    interest = make_interest(entry, *soev_a)
    client.force_login(buyer_a)
    before = _snapshot()
    for name in ("edit", "delete"):
        url = reverse(f"{INTERESTS}:{name}", args=[interest.pk])
        assert client.post(url, {"role": "subcontractor"}).status_code in (302, 403)
    assert _snapshot() == before


def test_choosers_are_for_editors_only(client, entry, buyer_a):
    client.force_login(buyer_a)
    response = client.get(reverse("wagtailsnippetchoosers_procurement_tenderplanentry:choose"))
    assert response.status_code == 403


def test_a_draft_of_a_live_entry_leaves_its_public_status_date_alone(
    client, tender_page, aarhus, buyer_a
):
    client.force_login(buyer_a)
    client.post(reverse(f"{ENTRIES}:add"), entry_form(aarhus, **{"action-publish": "1"}))
    entry = TenderPlanEntry.objects.get(title="Catering til personaledag")
    api = f"/api/v1/tenders/{entry.pk}/"
    draft = entry_form(aarhus, status="published", notice_url="https://udbud.example/1")
    assert client.post(reverse(f"{ENTRIES}:edit", args=[entry.pk]), draft).status_code == 302
    entry.refresh_from_db()
    assert entry.has_unpublished_changes and entry.published_on is None
    assert client.get(api).json()["published_on"] is None
    published = {**draft, "action-publish": "1"}
    assert client.post(reverse(f"{ENTRIES}:edit", args=[entry.pk]), published).status_code == 302
    tender = client.get(api).json()
    assert (tender["status"], tender["published_on"]) == ("published", str(timezone.localdate()))


def test_a_buyer_cannot_attach_someone_elses_document(client, tender_page, aarhus, buyer_a):
    editor = make_user("redaktoer@example.org", "Redaktører")
    private = Document.objects.create(
        title="Intern budgetplan",
        file=ContentFile(b"%PDF-1.4", name="plan.pdf"),
        uploaded_by_user=editor,
    )
    client.force_login(buyer_a)
    documents = {
        "documents-TOTAL_FORMS": "1",
        "documents-0-document": str(private.pk),
        "documents-0-title": "Udkast",
        "documents-0-ORDER": "1",
        "documents-0-id": "",
        "documents-0-DELETE": "",
    }
    response = client.post(
        reverse(f"{ENTRIES}:add"), entry_form(aarhus, **documents, **{"action-publish": "1"})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vælg et dokument, som du selv har uploadet" in html
    assert "Intern budgetplan" not in html
    assert 'value="Catering til personaledag"' in html
    assert not TenderPlanEntry.objects.exists()


def test_admin_dates_still_to_come_are_dates_and_dashboards_have_no_site_counts(
    client, entry, buyer_a, soev_a
):
    TenderPlanEntry.objects.filter(pk=entry.pk).update(
        expected_publication=datetime.date(2099, 3, 1)
    )
    interest = make_interest(entry, *soev_a)
    InterestExpression.objects.filter(pk=interest.pk).update(
        created_at=datetime.datetime(2026, 6, 1, 8, 30, tzinfo=datetime.UTC)
    )
    client.force_login(buyer_a)
    entries = client.get(reverse(f"{ENTRIES}:list")).content.decode()
    assert "1. marts 2099" in entries and "siden" not in entries.split("1. marts 2099")[0][-200:]
    interests = client.get(reverse(f"{INTERESTS}:list")).content.decode()
    assert 'data-w-tooltip-content-value="1. juni 2026 10:30"' in interests  # Copenhagen time
    for user in (buyer_a, soev_a[1]):
        client.force_login(user)
        dashboard = client.get("/admin/").content.decode()
        assert "w-summary" not in dashboard and "gravatar" not in dashboard.lower()


def test_the_entry_s_delivery_area_is_chosen_by_region_like_a_profile_s(
    client, tender_page, aarhus, buyer_a
):
    client.force_login(buyer_a)
    html = client.get(reverse(f"{ENTRIES}:add")).content.decode()
    assert 'data-controller="delivery-area"' in html and "js/delivery-area.js" in html
    assert '<legend class="delivery-area__legend">Region Midtjylland</legend>' in html
    assert "Hele regionen" in html
    assert html.count('name="delivery_municipalities"') == Municipality.objects.count()

    midtjylland = Municipality.objects.filter(region__name="Region Midtjylland")
    chosen = [str(m.pk) for m in midtjylland]
    form = entry_form(aarhus, delivery_municipalities=chosen, **{"action-publish": "1"})
    assert client.post(reverse(f"{ENTRIES}:add"), form).status_code == 302
    entry = TenderPlanEntry.objects.get(title="Catering til personaledag")
    assert set(entry.delivery_municipalities.all()) == set(midtjylland)
