"""Only live objects and public fields leave the APIs: drafts, interests and e-mails never do."""

import gzip
import json

import pytest

from django.core.files.base import ContentFile
from django.utils.text import slugify

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from accounts.groups import SUPPLIERS
from cms.models import StandardPage
from events.models import Registration
from procurement.models import InterestExpression
from tests.directory.factories import profile
from tests.events.factories import PartnerFactory, make_event
from tests.procurement.factories import make_entry, make_user

SECRETS = (
    "Hemmelig kladde",
    "Udkast til udbud",
    "Lukket arrangement",
    "Ikke udgivet navn",
    "owner@private.example",
    "Privat besked til indkøberen",
    "guest@private.example",
    "search_document",
)


@pytest.fixture
def world(pages, aarhus):
    owner = make_user("owner@private.example")
    live = profile(name="Grøn Rengøring", cpv=["90911200"])
    live.owners.add(owner)
    live.name = "Ikke udgivet navn"
    live.save_revision()
    draft = profile(name="Hemmelig kladde", live=False)
    entry = make_entry(aarhus)
    draft_entry = make_entry(aarhus, title="Udkast til udbud", publish=False)
    InterestExpression.objects.create(
        entry=entry,
        supplier=live,
        user=owner,
        role="main_supplier",
        message="Privat besked til indkøberen",
        visible_to_others=True,
    )
    organiser = PartnerFactory(name="Hus Forbi")
    event = make_event(pages["events"], organiser=organiser)
    draft_event = make_event(
        pages["events"], title="Lukket arrangement", publish=False, organiser=organiser
    )
    Registration.objects.create(
        event=event,
        name="Gæst",
        email="guest@private.example",
        role="other",
        status="confirmed",
        consent=True,
    )
    return {
        "live": {"suppliers": live.pk, "tenders": entry.pk, "events": event.pk},
        "draft": {"suppliers": draft.pk, "tenders": draft_entry.pk, "events": draft_event.pk},
    }


def body(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return data.decode()


def assert_public(text):
    for secret in SECRETS:
        assert secret not in text


@pytest.mark.parametrize("kind", ["suppliers", "tenders", "events"])
def test_lists_and_details_show_live_objects_only(client, world, kind):
    for base in ("/api/v1/", "/api/cms/v2/"):
        listing = client.get(f"{base}{kind}/?fields=*")
        assert listing.status_code == 200
        ids = [item["id"] for item in listing.json()["items"]]
        assert ids == [world["live"][kind]]
        assert_public(body(listing))
        detail = client.get(f"{base}{kind}/{world['live'][kind]}/")
        assert detail.status_code == 200
        assert_public(body(detail))
        assert client.get(f"{base}{kind}/{world['draft'][kind]}/").status_code == 404


def test_live_profile_shows_its_published_name_not_the_draft(client, world):
    data = client.get(f"/api/v1/suppliers/{world['live']['suppliers']}/").json()
    assert data["name"] == "Grøn Rengøring"
    assert "owners" not in data and "interests" not in json.dumps(data)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("encoding", ["", "gzip"])
def test_bulk_files_hold_live_suppliers_only(client, world, fmt, encoding):
    response = client.get(f"/api/v1/suppliers.{fmt}", HTTP_ACCEPT_ENCODING=encoding)
    assert response.status_code == 200
    assert response.get("Content-Encoding", "") == encoding
    text = body(response)
    assert "Grøn Rengøring" in text
    assert_public(text)


def test_pages_api_hides_drafts_and_registrations(client, world):
    text = body(client.get("/api/cms/v2/pages/?fields=*&limit=20"))
    assert "Workshop om reserverede kontrakter" in text
    assert_public(text)
    assert client.get(f"/api/cms/v2/pages/{world['draft']['events']}/").status_code == 404


def test_v2_cannot_filter_or_order_on_private_fields(client, world):
    for query in ("owners=1", "search_document=x", "live=false", "order=search_document"):
        response = client.get(f"/api/cms/v2/suppliers/?{query}")
        assert response.status_code == 400, query


def _image(title, user=None):
    return Image.objects.create(title=title, file=get_test_image_file(), uploaded_by_user=user)


def _document(title, user=None):
    return Document.objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4", name=f"{slugify(title)}.pdf"),
        uploaded_by_user=user,
    )


def _page(home_page, title, body, publish=True):
    page = StandardPage(title=title, slug=slugify(title), body=body, live=False)
    home_page.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture
def media(home_page, aarhus):
    """Images and documents used by live content, by drafts only, and not at all."""
    soev = make_user("upload@soev.example", SUPPLIERS)
    used = {"images": [], "documents": []}
    unused = {"images": [], "documents": []}

    logo = _image("Live logo", soev)
    live = profile(name="Grøn Rengøring", logo=logo)
    live.logo = _image("Logo i kladde", soev)
    live.save_revision()
    profile(name="Kladde", live=False, logo=_image("Kladdens logo", soev))
    in_page = _image("Billede på siden")
    _page(home_page, "Om", [("image", {"image": in_page, "alt_text": "Et billede"})])
    _page(
        home_page,
        "Kladdeside",
        [("image", {"image": _image("Billede på kladdeside"), "alt_text": "x"})],
        publish=False,
    )
    private = _page(
        home_page,
        "Intern",
        [("image", {"image": _image("Internt billede"), "alt_text": "x"})],
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    used["images"] += [logo, in_page]
    unused["images"] += [
        _image("Ubrugt upload", soev),
        *Image.objects.filter(
            title__in=["Logo i kladde", "Kladdens logo", "Billede på kladdeside", "Internt billede"]
        ),
    ]

    entry = make_entry(aarhus, publish=False)
    spec = _document("Udbudsmateriale", make_user("indkoeber@aarhus.example"))
    entry.documents.create(document=spec)
    entry.save_revision().publish()
    draft_entry = make_entry(aarhus, title="Udkast til udbud", publish=False)
    draft_entry.documents.create(document=_document("Kladde til kravspec"))
    draft_entry.save()
    guide = _document("Vejledning")
    _page(home_page, "Vejledning", [("document", {"document": guide, "title": ""})])
    used["documents"] += [spec, guide]
    unused["documents"] += [
        _document("Ubrugt dokument", soev),
        Document.objects.get(title="Kladde til kravspec"),
    ]
    return used, unused


@pytest.mark.parametrize("kind", ["images", "documents"])
def test_only_images_and_documents_of_live_public_content_are_served(client, media, kind):
    used, unused = media
    listing = client.get(f"/api/cms/v2/{kind}/?limit=20")
    assert listing.status_code == 200
    assert sorted(item["title"] for item in listing.json()["items"]) == sorted(
        item.title for item in used[kind]
    )
    for item in used[kind]:
        assert client.get(f"/api/cms/v2/{kind}/{item.pk}/").status_code == 200
    for item in unused[kind]:
        assert client.get(f"/api/cms/v2/{kind}/{item.pk}/").status_code == 404, item.title
        assert item.file.name not in body(listing)
