"""A buyer sees the SØVs relevant to its entry and invites them to market dialogue, once."""

import pytest

from django.core import mail

from directory.models import CpvCode
from procurement import services
from procurement.models import MarketDialogueInvitation
from tests.conftest import requires_postgres

pytestmark = [pytest.mark.django_db, requires_postgres]


@pytest.fixture
def cleaner(soev_a):
    """A live SØV in building cleaning, nationwide: it fits the entry (90911200)."""
    profile, user = soev_a
    profile.cpv_codes.set(CpvCode.objects.filter(code="90911200"))
    profile.delivery_scope = "national"
    profile.save()
    return profile, user


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def matches_url(entry):
    return f"/admin/udbudsplan/leverandoerer/{entry.pk}/"


def test_buyer_sees_relevant_suppliers_with_reasons_and_invites_once(
    client, post, entry, buyer_a, cleaner, soev_c
):
    profile, owner = cleaner
    client.force_login(buyer_a)
    html = client.get(matches_url(entry)).content.decode()
    assert profile.name in html
    assert "CPV 90911200 Rengøring af bygninger · nævner rengøring · leverer i hele landet" in html
    assert soev_c[0].name not in html  # a bicycle workshop does not fit
    response = post(matches_url(entry), {"supplier": profile.pk, "message": "Kom til møde."})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    invitation_mail = mail.outbox[0]
    assert invitation_mail.to == [owner.email]
    assert f"Skriv til ordregiveren på {buyer_a.email}." in invitation_mail.body
    assert entry.title in invitation_mail.subject
    assert "Kom til møde." in invitation_mail.body
    assert f"/udbudsplan/{entry.pk}/{entry.slug}/" in invitation_mail.body
    html = client.get(matches_url(entry)).content.decode()
    assert "Inviteret til markedsdialog den" in html

    response = post(matches_url(entry), {"supplier": profile.pk, "message": "Igen?"})
    assert len(mail.outbox) == 1
    assert MarketDialogueInvitation.objects.filter(entry=entry).count() == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[-1] == f"{profile.name} er allerede inviteret til dette indkøb."


def test_the_service_refuses_a_second_invitation(entry, buyer_a, cleaner):
    services.invite_to_dialogue(entry, cleaner[0], buyer_a)
    with pytest.raises(services.AlreadyInvited):
        services.invite_to_dialogue(entry, cleaner[0], buyer_a, "En gang til")
    assert MarketDialogueInvitation.objects.count() == 1


def test_an_unknown_supplier_gets_a_danish_message_and_nothing_is_sent(
    client, post, entry, buyer_a, cleaner
):
    client.force_login(buyer_a)
    response = post(matches_url(entry), {"supplier": "999999", "message": "Hej"})
    assert response.status_code == 400
    assert "Den socialøkonomiske virksomhed er ikke længere i oversigten." in (
        response.content.decode()
    )
    assert mail.outbox == [] and not MarketDialogueInvitation.objects.exists()


def test_another_buyer_neither_sees_nor_sends_invitations(
    client, post, entry, buyer_a, buyer_b, cleaner
):
    services.invite_to_dialogue(entry, cleaner[0], buyer_a, "Hemmelig invitation")
    mail.outbox.clear()
    client.force_login(buyer_b)
    assert client.get(matches_url(entry)).status_code == 404
    assert post(matches_url(entry), {"supplier": cleaner[0].pk}).status_code == 404
    assert mail.outbox == []
    page = client.get(f"/udbudsplan/{entry.pk}/{entry.slug}/").content.decode()
    assert "Relevante leverandører" not in page


def test_the_owning_buyer_sees_relevant_suppliers_on_the_public_page(
    client, entry_url, buyer_a, cleaner
):
    assert "Relevante leverandører" not in client.get(entry_url).content.decode()
    client.force_login(cleaner[1])
    assert "Relevante leverandører" not in client.get(entry_url).content.decode()
    client.force_login(buyer_a)
    html = client.get(entry_url).content.decode()
    assert "Relevante leverandører" in html
    assert f"{cleaner[0].name}</a>: CPV 90911200 Rengøring af bygninger" in html
