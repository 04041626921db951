"""A second supplier or buyer gets 403/404 and changes nothing on every admin URL of another's row.

The matrix enumerates the URL patterns of every registered ``OwnedSnippetViewSet`` (and its
chooser), so a URL that a later Wagtail version or viewset adds is covered automatically.
"""

import re

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms.models import model_to_dict
from django.urls import URLPattern, reverse
from django.utils.text import slugify

from wagtail.admin.viewsets import viewsets as viewset_registry
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ModelLogEntry, Revision, WorkflowState

from accounts.groups import BUYERS, PARTNERS, SUPPLIERS
from accounts.viewsets import OwnedSnippetViewSet
from directory.models import SupplierProfile
from events.models import Partner
from procurement.models import InterestExpression, TenderPlanEntry

from ..events.factories import PartnerFactory
from ..procurement.factories import (
    BuyerOrganisationFactory,
    make_buyer,
    make_entry,
    make_interest,
)

OWNER_FACTORIES = {}


def owned(model):
    """Register ``factory(label) -> (owner user, row)`` for a model served by an owned viewset."""

    def register(factory):
        OWNER_FACTORIES[model] = factory
        return factory

    return register


def valid_cvr(seed):
    """The first valid CVR number (modulus 11) from ``seed`` upwards."""
    number = seed
    weights = (2, 7, 6, 5, 4, 3, 2, 1)
    while sum(int(d) * w for d, w in zip(f"{number:08d}", weights, strict=True)) % 11:
        number += 1
    return f"{number:08d}"


def make_profile(user, name):
    profile = SupplierProfile.objects.create(
        name=name,
        slug=slugify(name),
        cvr=valid_cvr(30_000_000 + SupplierProfile.objects.count() * 1000),
        summary=f"{name} leverer rengøring.",
    )
    profile.owners.add(user)
    profile.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    profile.save_revision(user=user)
    return profile


@owned(SupplierProfile)
def owned_profile(label):
    user = _user(f"{slugify(label)}@soev.example", SUPPLIERS)
    return user, make_profile(user, label)


@owned(TenderPlanEntry)
def owned_entry(label):
    organisation = BuyerOrganisationFactory(name=f"{label} Kommune")
    user = make_buyer(f"{slugify(label)}@buyer.example", organisation)
    entry = make_entry(organisation, title=label)
    entry.save_revision(user=user)
    return user, entry


@owned(InterestExpression)
def owned_interest(label):
    _buyer, entry = owned_entry(f"{label} indkøb")
    user = _user(f"{slugify(label)}@soev.example", SUPPLIERS)
    profile = make_profile(user, label)
    return user, make_interest(entry, profile, user, message=f"Besked fra {label}")


@owned(Partner)
def owned_partner(label):
    user = _user(f"{slugify(label)}@partner.example", PARTNERS)
    partner = PartnerFactory(name=label, description=f"{label} holder workshops.")
    partner.members.add(user)
    return user, partner


def _user(email, group):
    user = get_user_model().objects.create_user(email, email, "Sk0vmaerke-42!")
    user.groups.add(Group.objects.get(name=group))
    return user


def _denied(response):
    """Wagtail answers a permission error in the admin with 403 or a redirect to the dashboard."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url == "/admin/"
    )


def owned_viewsets():
    return [v for v in viewset_registry.viewsets if isinstance(v, OwnedSnippetViewSet)]


def test_every_owned_viewset_model_has_a_factory_in_this_matrix():
    missing = [v.model for v in owned_viewsets() if v.model not in OWNER_FACTORIES]
    assert missing == []


def _cases():
    cases = []
    for viewset in owned_viewsets():
        for pattern in viewset.get_urlpatterns():
            cases.append(
                pytest.param(viewset, pattern, id=f"{viewset.model.__name__}:{pattern.name}")
            )
        for pattern in viewset.chooser_viewset.get_urlpatterns():
            cases.append(
                pytest.param(
                    viewset.chooser_viewset,
                    pattern,
                    id=f"{viewset.model.__name__}:chooser:{pattern.name}",
                )
            )
    return cases


@pytest.fixture
def two_owners(db):
    return _user("alice@a.example", SUPPLIERS), _user("bob@b.example", SUPPLIERS)


def _kwargs_for(pattern, target):
    names = set(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", str(pattern.pattern)))
    names = {a or b for a, b in names}
    revision = getattr(target, "latest_revision", None)
    values = {
        "pk": target.pk,
        "revision_id": revision.pk if revision else 1,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "action_name": "approve",
        "task_state_id": 1,
        "workflow_state_id": 1,
        "task_id": 1,
    }
    return {name: values[name] for name in names}


def _snapshot(obj):
    obj = type(obj)._default_manager.get(pk=obj.pk)
    data = model_to_dict(obj)
    data["_revisions"] = Revision.objects.filter(object_id=str(obj.pk)).count()
    data["_logs"] = ModelLogEntry.objects.count()
    data["_workflows"] = WorkflowState.objects.count()
    return {k: str(v) for k, v in data.items()}


@pytest.mark.parametrize(("viewset", "pattern"), _cases())
def test_another_owner_cannot_reach_a_row_through_any_admin_url(client, db, viewset, pattern):
    factory = OWNER_FACTORIES[viewset.model]
    alice, _own = factory("Alice Rengøring")
    _bob, target = factory("Bobs Kantine")
    before = _snapshot(target)
    client.force_login(alice)
    assert isinstance(pattern, URLPattern)
    url = reverse(f"{viewset.url_namespace}:{pattern.name}", kwargs=_kwargs_for(pattern, target))
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if _denied(response) or response.status_code == 405:
            continue
        # Only URLs that name no object (listing, add, import) may answer, never with Bob's row.
        assert "pk" not in str(pattern.pattern), (method, url, response.status_code)
        assert response.status_code in (200, 302), (method, url, response.status_code)
        assert "Bobs" not in response.content.decode(), (method, url)
    assert _snapshot(target) == before


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_listing_filters_and_exports_show_only_own_rows(client, two_owners, export):
    alice, bob = two_owners
    make_profile(alice, "Alice Rengøring")
    make_profile(bob, "Bobs Kantine")
    client.force_login(alice)
    base = reverse("wagtailsnippets_directory_supplierprofile:list")
    for query in ("", "?q=Bobs", "?live=true", "?rsv_verified=false"):
        html = client.get(base + query).content.decode()
        assert "Bobs Kantine" not in html
    listing = client.get(base).content.decode()
    assert "Alice Rengøring" in listing
    response = client.get(f"{base}?export={export}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert b"Bobs" not in body
    if export == "csv":
        assert "Alice Rengøring".encode() in body


def test_bulk_actions_and_site_history_are_closed(client, two_owners):
    alice, bob = two_owners
    target = make_profile(bob, "Bobs Kantine")
    client.force_login(alice)
    bulk = f"/admin/bulk/directory/supplierprofile/delete/?id={target.pk}"
    assert client.get(bulk).status_code in (403, 404)
    assert client.post(bulk).status_code in (403, 404)
    assert SupplierProfile.objects.filter(pk=target.pk).exists()
    assert client.get("/admin/reports/site-history/").status_code == 403


def test_images_of_another_owner_stay_private(client, two_owners):
    alice, bob = two_owners
    image = Image.objects.create(
        title="Bobs logo", file=get_test_image_file(), uploaded_by_user=bob
    )
    client.force_login(alice)
    assert "Bobs logo" not in client.get("/admin/images/").content.decode()
    assert "Bobs logo" not in client.get("/admin/images/chooser/").content.decode()
    assert _denied(client.get(f"/admin/images/{image.pk}/"))
    assert _denied(client.post(f"/admin/images/{image.pk}/delete/"))
    assert Image.objects.filter(pk=image.pk).exists()


def test_an_owner_can_edit_but_not_publish_their_own_profile(client, two_owners):
    alice, _bob = two_owners
    profile = make_profile(alice, "Alice Rengøring")
    client.force_login(alice)
    edit = reverse("wagtailsnippets_directory_supplierprofile:edit", args=[profile.pk])
    response = client.get(edit)
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()
    unpublish = reverse("wagtailsnippets_directory_supplierprofile:unpublish", args=[profile.pk])
    assert _denied(client.post(unpublish))
    profile.refresh_from_db()
    assert profile.live


@pytest.mark.parametrize("group", [SUPPLIERS, BUYERS, PARTNERS])
def test_only_editors_send_update_reminders(client, db, group, mailoutbox):
    """The dashboard's reminder button is for editors: no one else reminds another's owners."""
    owner = _user("ejer@a.example", SUPPLIERS)
    profile = make_profile(owner, "Alice Rengøring")
    SupplierProfile.objects.filter(pk=profile.pk).update(updated_at="2020-01-01T00:00Z")
    client.force_login(_user(f"{slugify(group)}@b.example", group))
    url = reverse("stats_admin:send_reminders")
    assert _denied(client.post(url, {"profile": profile.pk}))
    assert _denied(client.post(url, {"all": "1"}))
    assert mailoutbox == []
    assert not ModelLogEntry.objects.filter(action="stats.profile_reminder").exists()
