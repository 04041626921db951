"""Another SØV, buyer or partner gets 403/404 and changes nothing on any admin URL of a row.

The matrix enumerates, from Wagtail's registries, the URL patterns of every snippet viewset a
restricted user can reach (with its chooser) and every bulk action of its model, and every page
URL and page bulk action for a partner's event pages, so a URL that a later Wagtail version or
viewset adds is covered automatically.
"""

import re

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.text import slugify

from wagtail import hooks
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.viewsets import viewsets as viewset_registry
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    WorkflowState,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts import middleware
from accounts.groups import BUYERS, PARTNERS, RESTRICTED_GROUPS, SUPPLIERS
from accounts.middleware import RestrictedAdminMiddleware
from accounts.viewsets import OwnedSnippetViewSet
from directory.models import ContactMessage, SupplierProfile
from events.access import ensure_partner_access
from events.models import EventIndexPage, EventPage, Partner, Registration
from procurement.models import InterestExpression, MarketDialogueInvitation, TenderPlanEntry

from ..events.factories import PartnerFactory, RegistrationFactory, make_event
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


@owned(ContactMessage)
def owned_message(label):
    user, profile = owned_profile(label)
    message = ContactMessage.objects.create(
        profile=profile,
        name=f"Afsender til {label}",
        email=f"afsender@{slugify(label)}.example",
        subject=f"Tilbud til {label}",
        message=f"Hemmelig forespørgsel til {label}.",
        language="da",
    )
    return user, message


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
    user = _user(f"{slugify(label)}@partner.example", PARTNERS, name=label)
    partner = PartnerFactory(name=label, description=f"{label} holder workshops.")
    partner.members.add(user)
    return user, partner


@owned(Registration)
def owned_registration(label):
    user, event = owned_event(label)
    registration = RegistrationFactory(
        event=event, name=f"{label} deltager", email=f"{slugify(label)}@deltager.example"
    )
    return user, registration


def owned_event(label):
    """A partner user and a draft event of theirs, submitted to the editors' workflow."""
    user, partner = owned_partner(label)
    index = EventIndexPage.objects.first()
    if index is None:
        home = Page.objects.get(depth=2)
        index = home.add_child(instance=EventIndexPage(title="Arrangementer", slug="arrangementer"))
        index.save_revision().publish()
        ensure_partner_access()
    event = make_event(index, publish=False, title=f"{label} workshop", organiser=partner)
    Page.objects.filter(pk=event.pk).update(owner=user)
    event.refresh_from_db()
    event.save_revision(user=user, log_action=True)
    event.get_workflow().start(event, user)
    event.refresh_from_db()
    return user, event


def _user(email, group, name=""):
    first_name, _space, last_name = name.partition(" ")
    user = get_user_model().objects.create_user(
        email, email, "Sk0vmaerke-42!", first_name=first_name, last_name=last_name
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def _denied(response):
    """Wagtail answers a permission error in the admin with 403 or a redirect to the dashboard."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url == "/admin/"
    )


def owned_viewsets():
    return [v for v in viewset_registry.viewsets if isinstance(v, OwnedSnippetViewSet)]


def snippet_viewsets():
    return [v for v in viewset_registry.viewsets if isinstance(v, SnippetViewSet)]


def _reachable(viewset, members):
    urls = [
        reverse(viewset.get_url_name("list")),
        reverse(viewset.chooser_viewset.get_url_name("choose")),
    ]
    return any(RestrictedAdminMiddleware.url_allowed(url, m) for url in urls for m in members)


def test_every_snippet_viewset_a_restricted_user_reaches_is_scoped_to_their_rows(db):
    members = [_user(f"{group}@example.dk", group) for group in sorted(RESTRICTED_GROUPS)]
    reachable = [v for v in snippet_viewsets() if _reachable(v, members)]
    assert [v.model for v in reachable if not isinstance(v, OwnedSnippetViewSet)] == []
    assert {v.model for v in reachable} == {
        SupplierProfile,
        ContactMessage,
        TenderPlanEntry,
        InterestExpression,
        Partner,
        Registration,
    }


def test_every_owned_viewset_model_has_a_factory_in_this_matrix():
    missing = [v.model for v in owned_viewsets() if v.model not in OWNER_FACTORIES]
    assert missing == []


def _bulk_url(model, action_type):
    def url_for(target):
        opts = model._meta
        url = reverse("wagtail_bulk_action", args=[opts.app_label, opts.model_name, action_type])
        return f"{url}?id={target.pk}"

    return url_for


def _cases():
    cases = []
    for viewset in owned_viewsets():
        label = viewset.model.__name__
        for owner in (viewset, viewset.chooser_viewset):
            prefix = "chooser:" if owner is viewset.chooser_viewset else ""
            for pattern in owner.get_urlpatterns():
                cases.append(
                    pytest.param(
                        viewset.model,
                        _pattern_url(owner.url_namespace, pattern),
                        "pk" in _kwargs_names(pattern),
                        id=f"{label}:{prefix}{pattern.name}",
                    )
                )
        opts = viewset.model._meta
        for action in bulk_action_registry.get_bulk_actions_for_model(
            opts.app_label, opts.model_name
        ):
            cases.append(
                pytest.param(
                    viewset.model,
                    _bulk_url(viewset.model, action.action_type),
                    True,
                    id=f"{label}:bulk:{action.action_type}",
                )
            )
    return cases


def _pattern_url(namespace, pattern):
    assert isinstance(pattern, URLPattern)

    def url_for(target):
        return reverse(f"{namespace}:{pattern.name}", kwargs=_kwargs_for(pattern, target))

    return url_for


def test_the_matrix_covers_the_registration_chooser_and_bulk_actions():
    ids = {case.id for case in _cases()}
    assert {
        "Registration:chooser:choose",
        "Registration:chooser:choose_results",
        "Registration:chooser:chosen",
        "Registration:bulk:delete",
        "Partner:bulk:delete",
        "SupplierProfile:bulk:delete",
    } <= ids


@pytest.fixture
def two_owners(db):
    return _user("alice@a.example", SUPPLIERS), _user("bob@b.example", SUPPLIERS)


def _kwargs_names(pattern):
    names = set(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", str(pattern.pattern)))
    return {a or b for a, b in names}


def _kwargs_for(pattern, target):
    names = _kwargs_names(pattern)
    revision = getattr(target, "latest_revision", None)
    workflow_state = WorkflowState.objects.for_instance(target).first()
    task_state = workflow_state.current_task_state if workflow_state else None
    opts = type(target)._meta
    parent = target.get_parent() if isinstance(target, Page) else None
    values = {
        "pk": target.pk,
        "page_id": target.pk,
        "parent_page_id": target.pk,
        "page_to_move_id": target.pk,
        "destination_id": parent.pk if parent else target.pk,
        "revision_id": revision.pk if revision else 1,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "action_name": "approve",
        "task_state_id": task_state.pk if task_state else 1,
        "workflow_state_id": workflow_state.pk if workflow_state else 1,
        "task_id": task_state.task_id if task_state else 1,
        "app_label": opts.app_label,
        "model_name": opts.model_name,
        "content_type_app_name": opts.app_label,
        "content_type_model_name": opts.model_name,
    }
    return {name: values[name] for name in names}


def _snapshot(obj):
    obj = type(obj)._default_manager.get(pk=obj.pk)
    data = model_to_dict(obj)
    data["_revisions"] = Revision.objects.filter(object_id=str(obj.pk)).count()
    data["_logs"] = ModelLogEntry.objects.count() + PageLogEntry.objects.count()
    data["_workflows"] = [
        (state.status, state.current_task_state_id)
        for state in WorkflowState.objects.order_by("pk")
    ]
    return {k: str(v) for k, v in data.items()}


# A search and the row's id ride along on every GET: no listing, search or "chosen" view may
# find another's row either.
SEARCH = {"q": "Kantine", "search_all": "1"}


def _try_as_another_tenant(client, alice, target, url, names_object):
    before = _snapshot(target)
    client.force_login(alice)
    for method in ("get", "post"):
        data = {**SEARCH, "id": target.pk} if method == "get" else {}
        response = getattr(client, method)(url, data)
        if _denied(response) or response.status_code == 405:
            continue
        # Only URLs that name no object (listing, add, import) may answer, never with Bob's row.
        assert not names_object, (method, url, response.status_code)
        assert response.status_code in (200, 302), (method, url, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert "Bobs" not in body.decode(), (method, url)
    assert _snapshot(target) == before


@pytest.mark.parametrize(("model", "url_for", "names_object"), _cases())
def test_another_owner_cannot_reach_a_row_through_any_admin_url(
    client, home_page, model, url_for, names_object
):
    factory = OWNER_FACTORIES[model]
    alice, _own = factory("Alice Rengøring")
    _bob, target = factory("Bobs Kantine")
    _try_as_another_tenant(client, alice, target, url_for(target), names_object)


def _admin_patterns(patterns=None, namespace="", route=""):
    """(view name, pattern) of every named admin URL in the URLconf."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            name = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _admin_patterns(pattern.url_patterns, name, route + str(pattern.pattern))
        elif pattern.name and (route + str(pattern.pattern)).startswith("admin/"):
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def test_every_url_the_allowlist_opens_or_closes_exists():
    """A Wagtail upgrade that renames a view or namespace the allowlist names fails here."""
    views = {name for name, _pattern in _admin_patterns()}
    namespaces = {name.rpartition(":")[0] for name in views} - {""}
    named = set(middleware.ALWAYS_ALLOWED) | middleware.EDITOR_ONLY_URLS
    named |= middleware.allowed_namespaces() | middleware.EDITOR_ONLY_NAMESPACES
    for hook in hooks.get_hooks("restricted_admin_urls"):
        for names in hook().values():
            named.update(names)
    assert sorted(named - views - namespaces) == []


# The chooser's external, e-mail, phone and anchor link forms (``*_link``) hold no page data.
PAGE_VIEWS = re.compile(
    r"^(wagtailadmin_pages:|wagtailadmin_explore|wagtailadmin_choose_page)(?!.*_link$)"
)


def _page_cases():
    cases = [
        pytest.param(_plain_url(name, pattern), bool(_kwargs_names(pattern)), id=name)
        for name, pattern in _admin_patterns()
        if PAGE_VIEWS.match(name)
    ]
    page_models = {
        (model._meta.app_label, model._meta.model_name, action.action_type): model
        for model in (Page, EventPage)
        for action in bulk_action_registry.get_bulk_actions_for_model(
            model._meta.app_label, model._meta.model_name
        )
    }
    for (app_label, model_name, action_type), model in page_models.items():
        cases.append(
            pytest.param(
                _bulk_url(model, action_type),
                True,
                id=f"bulk:{app_label}.{model_name}:{action_type}",
            )
        )
    return cases


def _plain_url(name, pattern):
    def url_for(target):
        return reverse(name, kwargs=_kwargs_for(pattern, target))

    return url_for


def test_the_page_matrix_covers_the_partners_page_views_and_bulk_actions():
    ids = {case.id for case in _page_cases()}
    assert {
        "wagtailadmin_explore",
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:preview_on_edit",
        "wagtailadmin_pages:revisions_compare",
        "wagtailadmin_pages:workflow_history_detail",
        "wagtailadmin_pages:search",
        "wagtailadmin_pages:type_use",
        "wagtailadmin_choose_page_child",
        "wagtailadmin_choose_page_search",
        "bulk:wagtailcore.page:delete",
        "bulk:wagtailcore.page:publish",
    } <= ids


@pytest.mark.parametrize(("url_for", "names_object"), _page_cases())
def test_another_partner_cannot_reach_an_event_page_through_any_admin_url(
    client, home_page, url_for, names_object
):
    alice, _own = owned_event("Alice Rengøring")
    _bob, target = owned_event("Bobs Kantine")
    _try_as_another_tenant(client, alice, target, url_for(target), names_object)


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


MESSAGES = "wagtailsnippets_directory_contactmessage"


@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_a_soev_lists_and_exports_only_its_own_profiles_messages(client, home_page, export):
    alice, own = owned_message("Alice Rengøring")
    _bob, theirs = owned_message("Bobs Kantine")
    client.force_login(alice)
    base = reverse(f"{MESSAGES}:list")
    for query in ({}, {"q": "Bobs"}, {"q": "Hemmelig"}):
        response = client.get(base, {**query, **({"export": export} if export else {})})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200
        assert b"til Bobs" not in body  # (the search box repeats the query)
    listing = client.get(base).content.decode()
    assert "Tilbud til Alice Rengøring" in listing
    assert "Bobs" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert _denied(client.get(reverse(f"{MESSAGES}:inspect", args=[theirs.pk])))
    assert client.get(reverse(f"{MESSAGES}:inspect", args=[own.pk])).status_code == 200


@pytest.mark.parametrize("group", [BUYERS, PARTNERS])
def test_buyers_and_partners_see_no_messages(client, home_page, group):
    _owner, message = owned_message("Bobs Kantine")
    if group == PARTNERS:
        ensure_partner_access()
    client.force_login(_user(f"{slugify(group)}@c.example", group))
    for url in (
        reverse(f"{MESSAGES}:list"),
        reverse(f"{MESSAGES}:list") + "?export=csv",
        reverse(f"{MESSAGES}:inspect", args=[message.pk]),
        reverse(f"{MESSAGES}:delete", args=[message.pk]),
    ):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert _denied(response) or b"Bobs" not in body, url
    assert _denied(client.post(reverse(f"{MESSAGES}:delete", args=[message.pk])))
    assert ContactMessage.objects.filter(pk=message.pk).exists()


def test_bulk_actions_and_site_history_are_closed(client, two_owners):
    alice, bob = two_owners
    target = make_profile(bob, "Bobs Kantine")
    client.force_login(alice)
    bulk = f"/admin/bulk/directory/supplierprofile/delete/?id={target.pk}"
    assert client.get(bulk).status_code in (403, 404)
    assert client.post(bulk).status_code in (403, 404)
    assert SupplierProfile.objects.filter(pk=target.pk).exists()
    assert client.get("/admin/reports/site-history/").status_code == 403


@pytest.mark.parametrize("group", sorted(RESTRICTED_GROUPS))
def test_images_of_another_owner_stay_private(client, db, group):
    alice, bob = _user("alice@a.example", group), _user("bob@b.example", group)
    image = Image.objects.create(
        title="Bobs logo", file=get_test_image_file(), uploaded_by_user=bob
    )
    own = Image.objects.create(
        title="Alices logo", file=get_test_image_file(), uploaded_by_user=alice
    )
    client.force_login(alice)
    assert "Bobs logo" not in client.get("/admin/images/").content.decode()
    for url in [
        "/admin/images/chooser/",
        "/admin/images/chooser/results/?q=logo",
        f"/admin/images/chooser/chosen/{image.pk}/",
        f"/admin/images/chooser/chosen-multiple/?id={image.pk}",
        f"/admin/images/chooser/{image.pk}/select_format/",
        f"/admin/images/{image.pk}/",
        f"/admin/images/{image.pk}/generate_url/",
        f"/admin/images/{image.pk}/preview/original/",
        f"/admin/images/usage/{image.pk}/",
    ]:
        response = client.get(url)
        assert _denied(response) or "Bobs logo" not in response.content.decode(), url
    assert _denied(client.post(f"/admin/images/{image.pk}/delete/"))
    assert Image.objects.filter(pk=image.pk).exists()
    chosen = client.get(f"/admin/images/chooser/chosen/{own.pk}/")
    assert chosen.json()["result"]["title"] == "Alices logo"


def test_a_partner_chooses_only_documents_they_uploaded(client, db):
    ensure_partner_access()
    alice, bob = _user("alice@a.example", PARTNERS), _user("bob@b.example", PARTNERS)
    theirs = Document.objects.create(
        title="Bobs program", file=ContentFile(b"program", "program.pdf"), uploaded_by_user=bob
    )
    client.force_login(alice)
    response = client.post(
        "/admin/documents/chooser/create/",
        {
            "document-chooser-upload-title": "Alices program",
            "document-chooser-upload-file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 a"),
            "document-chooser-upload-collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    own = Document.objects.get(title="Alices program")
    listing = client.get("/admin/documents/chooser/").json()["html"]
    assert "Alices program" in listing
    assert "Bobs program" not in listing
    assert "Bobs program" not in client.get("/admin/documents/").content.decode()
    for url in [
        f"/admin/documents/chooser/chosen/{theirs.pk}/",
        f"/admin/documents/chooser/chosen-multiple/?id={theirs.pk}",
        f"/admin/documents/edit/{theirs.pk}/",
        f"/admin/documents/usage/{theirs.pk}/",
    ]:
        response = client.get(url)
        assert _denied(response) or "Bobs program" not in response.content.decode(), url
    assert client.get(f"/admin/documents/chooser/chosen/{own.pk}/").status_code == 200


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


@pytest.mark.parametrize("group", [SUPPLIERS, BUYERS, PARTNERS])
def test_the_cpv_picker_endpoint_is_reference_data_for_admin_users_only(client, db, group):
    """Any admin user reads CPV codes (no tenant's data is in them); anonymous users log in."""
    url = reverse("directory_cpv:codes")
    response = client.get(url, {"q": "rengøring"})
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response.url
    client.force_login(_user(f"{slugify(group)}@cpv.example", group))
    response = client.get(url, {"q": "rengøring"})
    assert response.status_code == 200
    assert set(response.json()) == {"results", "total", "trail"}
    assert client.post(url, {"q": "rengøring"}).status_code == 405


@pytest.mark.skipif(not settings.IS_POSTGRES, reason="matching needs PostgreSQL")
def test_a_buyer_never_sees_another_buyers_matches_or_invitations(client, home_page, mailoutbox):
    from procurement.services import invite_to_dialogue

    alice, _own = owned_entry("Alice Rengøring")
    bob, target = owned_entry("Bobs Kantine")
    soev, profile = owned_profile("Kantine Kraft")
    profile.cpv_codes.set(target.cpv_codes.all())
    profile.save()
    invite_to_dialogue(target, profile, bob, "Bobs hemmelige invitation")
    before = MarketDialogueInvitation.objects.count()
    url = reverse("procurement_matching:entry", args=[target.pk])
    for user in (alice, soev):
        client.force_login(user)
        assert _denied(client.get(url))
        assert _denied(client.post(url, {"supplier": profile.pk, "message": "Hej"}))
        own = reverse("procurement_matching:entry", args=[_own.pk])
        assert "Bobs hemmelige" not in client.get(own).content.decode()
    assert MarketDialogueInvitation.objects.count() == before
    client.force_login(bob)
    assert "Kantine Kraft" in client.get(url).content.decode()


def test_no_signed_link_opens_or_changes_another_addresss_saved_searches(client, home_page):
    """The saved-search links (no login) reach only their own address's searches: a list link
    neither shows nor deletes another address's, and no link works for another purpose."""
    from procurement import saved_searches
    from procurement.models import SavedSearch

    mine, theirs = (
        SavedSearch.objects.create(email=email, kind="directory", query=query, language="da")
        for email, query in (("ida@example.org", "q=rengøring"), ("bo@example.org", "q=kantine"))
    )
    own_list = reverse("saved_search_list", args=[saved_searches.list_token(mine.email)])
    assert "kantine" not in client.get(own_list).content.decode()
    client.post(own_list, {"search": theirs.pk})
    swapped = [
        reverse("saved_search_list", args=[saved_searches.unsubscribe_token(theirs)]),
        reverse("saved_search_confirm", args=[saved_searches.unsubscribe_token(theirs)]),
        reverse("saved_search_unsubscribe", args=[saved_searches.confirm_token(theirs)]),
        reverse("saved_search_unsubscribe", args=[saved_searches.list_token(theirs.email)]),
    ]
    for url in swapped:
        assert client.get(url).status_code == 400
        assert client.post(url, {"search": theirs.pk}).status_code == 400
    theirs.refresh_from_db()
    assert theirs.confirmed_at is None
