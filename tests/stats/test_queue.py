"""The editors' queue: waiting sign-ups and profile changes in one list, with the CVR register,
the e-mail domain and, for buyers, whether the domain fits the public body they chose."""

import datetime
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from accounts.groups import EDITORS, SUPPLIERS
from accounts.models import Account
from directory.services import create_supplier_applicant
from procurement.models import BuyerOrganisation, BuyerSignupRequest

from ..accounts.test_danish_admin import english_in, untranslated_wagtail_messages
from ..directory.factories import profile as make_profile
from ..directory.factories import valid_cvr
from ..procurement.factories import make_user

pytestmark = pytest.mark.django_db
QUEUE = "/admin/tal/koe/"


@pytest.fixture
def editor(db):
    return make_user("redaktoer@example.dk", EDITORS, first_name="Rikke")


def _waiting(user, days):
    Account.objects.filter(user=user).update(
        status=Account.Status.AWAITING_APPROVAL,
        email_confirmed_at=timezone.now() - datetime.timedelta(days=days),
    )


def _soev_signup(name, email, cvr, days):
    user = create_supplier_applicant(
        {
            "full_name": "Mette Holm",
            "email": email,
            "password1": "Sk0vmaerke-42!",
            "organisation_name": name,
            "cvr": cvr,
        },
        None,
    )
    _waiting(user, days)
    return user


def _buyer_signup(email, days, organisation=None, **other):
    user = make_user(email, is_active=False, first_name="Bo", last_name="Indkøber")
    Account.objects.create(
        user=user,
        kind=Account.Kind.BUYER,
        organisation_name=organisation.name if organisation else other["other_name"],
    )
    BuyerSignupRequest.objects.create(user=user, organisation=organisation, **other)
    _waiting(user, days)
    return user


@pytest.fixture
def waiting(db):
    aarhus = BuyerOrganisation.objects.get(municipality_id=751)
    aarhus.cvr = "55133018"
    aarhus.save()
    _soev_signup("Syværkstedet", "mette@syvaerksted.example", valid_cvr(3), days=5)
    _buyer_signup("bo@aarhus.dk", 4, aarhus)
    _buyer_signup("bo.privat@gmail.com", 3, aarhus)
    _buyer_signup("anne@forsyning.example", 2, other_name="Forsyningen", other_cvr="10403782")
    changed = make_profile(name="Kantinen")
    owner = make_user("ejer@kantinen.example", SUPPLIERS, first_name="Karl", last_name="Kok")
    changed.owners.add(owner)
    changed.save_revision(user=owner)
    changed.get_workflow().start(changed, owner)
    return changed


def _rows(html):
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)


def _text(row):
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_sign_ups_and_changes_wait_in_one_list_oldest_first(client, editor, waiting):
    client.force_login(editor)
    html = client.get(QUEUE).content.decode()
    rows = [_text(row) for row in _rows(html)]
    assert [row.split(" ")[0:3] for row in rows] == [
        ["Tilmelding:", "socialøkonomisk", "virksomhed"],
        ["Tilmelding:", "offentlig", "indkøber"],
        ["Tilmelding:", "offentlig", "indkøber"],
        ["Tilmelding:", "offentlig", "indkøber"],
        ["Ændring", "af", "en"],
    ]
    soev, fits, does_not_fit, unknown, change = rows
    assert f"{valid_cvr(3)}" in soev and "syvaerksted.example" in soev
    assert "Køber ind for: Aarhus Kommune" in fits
    assert "Passer til myndigheden (aarhus.dk" in fits
    assert "gmail.com Passer ikke til myndigheden (forventet fx aarhus.dk" in does_not_fit
    assert "Køber ind for: Forsyningen" in unknown
    assert "Intet kendt domæne for myndigheden" in unknown
    assert "Kantinen Karl Kok" in change and "kantinen.example" in change
    assert "Gennemgå ændringen" in change
    assert f'href="https://datacvr.virk.dk/enhed/virksomhed/{waiting.cvr}"' in html
    assert 'href="https://datacvr.virk.dk/enhed/virksomhed/55133018"' in html
    assert 'href="https://datacvr.virk.dk/enhed/virksomhed/10403782"' in html
    edit = reverse("wagtailsnippets_directory_supplierprofile:edit", args=[waiting.pk])
    assert f'href="{edit}"' in html
    assert "venter 5 dage" in soev


def test_the_queue_is_danish_and_its_query_count_does_not_grow(
    client, editor, waiting, django_assert_max_num_queries
):
    client.force_login(editor)
    html = client.get(QUEUE).content.decode()
    plain = untranslated_wagtail_messages()
    found, _links = english_in(html, ({m for m in plain if "%" not in m and "{" not in m}, []))
    assert found == []
    for n in range(5):
        _buyer_signup(f"flere{n}@aarhus.dk", 1, BuyerOrganisation.objects.get(municipality_id=751))
    with django_assert_max_num_queries(30):
        assert client.get(QUEUE).status_code == 200


def test_an_editor_approves_and_rejects_from_the_queue_and_returns_to_it(
    client, editor, waiting, mailoutbox
):
    client.force_login(editor)
    soev = Account.objects.get(organisation_name="Syværkstedet")
    response = client.post(reverse("accounts_admin:approve", args=[soev.pk]), {"next": QUEUE})
    assert response.status_code == 302 and response.url == QUEUE
    html = client.get(QUEUE).content.decode()
    assert "er godkendt" in html
    assert "Syværkstedet" not in " ".join(_rows(html))

    buyer = Account.objects.get(user__email="bo.privat@gmail.com")
    reject = reverse("accounts_admin:reject", args=[buyer.pk]) + f"?next={QUEUE}"
    assert f'href="{QUEUE}"' in client.get(reject).content.decode()  # "Annullér" goes back
    response = client.post(reject, {"reason": "Brug venligst din e-mail fra kommunen."})
    assert response.status_code == 302 and response.url == QUEUE
    assert "bo.privat@gmail.com" not in " ".join(_rows(client.get(QUEUE).content.decode()))

    evil = client.post(
        reverse(
            "accounts_admin:approve", args=[Account.objects.get(user__email="bo@aarhus.dk").pk]
        ),
        {"next": "https://evil.example/"},
    )
    assert evil.url == reverse("accounts_admin:pending")


def test_an_empty_queue_says_so(client, editor):
    client.force_login(editor)
    assert "Intet venter på redaktørerne." in client.get(QUEUE).content.decode()


def test_the_dashboard_and_the_menu_lead_to_the_queue(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert f'href="{QUEUE}"' in html  # the panel
    assert f'"url": "{QUEUE}"' in html  # the menu (rendered from JSON)
