"""The admin dashboard shows a SØV the open tenders in its field and a buyer the new interests."""

from django.urls import reverse

from directory.models import CpvCode

from .factories import make_entry, make_interest


def test_supplier_sees_matching_open_tenders_and_own_interests(
    client, entry, aarhus, soev_a, soev_b
):
    profile, user = soev_a
    profile.cpv_codes.set(CpvCode.objects.filter(code="90919200"))  # office cleaning
    profile.save()
    make_entry(
        aarhus, title="Kantinedrift på rådhuset", summary="Frokost til alle.", cpv=("55510000",)
    )
    make_entry(aarhus, title="Rengøring, kladde", publish=False)
    other_profile, other_user = soev_b
    make_interest(entry, other_profile, other_user, message="Hemmelig besked")
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert entry.title in html  # 90911200 is in the same CPV class (9091)
    assert "Kantinedrift på rådhuset" not in html
    assert "Rengøring, kladde" not in html
    assert "Kantinen Kraft" not in html
    make_interest(entry, profile, user)
    assert "Dine interessetilkendegivelser" in client.get("/admin/").content.decode()


def test_buyer_sees_interests_in_own_entries_only(client, entry, odense, buyer_a, buyer_b, soev_a):
    profile, user = soev_a
    interest = make_interest(entry, profile, user)
    client.force_login(buyer_b)
    assert profile.name not in client.get("/admin/").content.decode()
    client.force_login(buyer_a)
    inspect = reverse("wagtailsnippets_procurement_interestexpression:inspect", args=[interest.pk])
    assert f'<a href="{inspect}">{profile.name}</a>' in client.get("/admin/").content.decode()
