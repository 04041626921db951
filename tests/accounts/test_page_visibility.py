"""Drafts, moderation and other tenants' pages stay out of what non-editors see of the page tree.

The page chooser shows non-editors live pages by their published titles (and a partner's own
event pages, drafts included); the explorer shows a partner only their own events; reports,
page-type usage, page search and the admin API are for editors.
"""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Workflow

from accounts.groups import BUYERS, EDITORS, PARTNERS, SUPPLIERS
from cms.models import StandardPage
from events.access import WORKFLOW_NAME, ensure_partner_access
from events.models import EventIndexPage

from ..events.factories import PartnerFactory, make_event

pytestmark = pytest.mark.django_db


def _user(username, group, **fields):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.dk", "Sk0vmaerke-42!", **fields
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def _submit(page, user):
    workflow = page.get_workflow() or Workflow.objects.get(name=WORKFLOW_NAME)
    workflow.start(page, user)


@pytest.fixture
def tree(home_page):
    editor = _user("redaktoer", EDITORS)
    about = home_page.add_child(instance=StandardPage(title="Om platformen", slug="om"))
    about.save_revision().publish()
    about.title = "Omdoebt kladdetitel"
    about.save_revision(user=editor)
    draft = home_page.add_child(
        instance=StandardPage(title="Hemmelig kladde", slug="kladde", live=False)
    )
    draft.save_revision(user=editor)
    moderated = home_page.add_child(
        instance=StandardPage(title="Til godkendelse", slug="godkendelse", live=False)
    )
    moderated.save_revision(user=editor)
    index = EventIndexPage(title="Arrangementer", slug="arrangementer")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    ensure_partner_access()
    _submit(moderated, editor)
    ours, theirs = PartnerFactory(name="Hus Forbi"), PartnerFactory(name="Comdia ApS")
    alice = _user("alice", PARTNERS, first_name="Alice", last_name="Andersen")
    bob = _user("bob", PARTNERS, first_name="Bob", last_name="Bertelsen")
    ours.members.add(alice)
    theirs.members.add(bob)
    our_draft = make_event(index, publish=False, title="Vores kladdeworkshop", organiser=ours)
    their_draft = make_event(index, publish=False, title="Deres kladdeworkshop", organiser=theirs)
    their_live = make_event(index, title="Deres aabne workshop", organiser=theirs)
    for event, user in [(our_draft, alice), (their_draft, bob)]:
        event.owner = user
        event.save()
        event.save_revision(user=user, log_action=True)
        _submit(event, user)
    return {
        "home": home_page,
        "about": about,
        "draft": draft,
        "moderated": moderated,
        "index": index,
        "our_draft": our_draft,
        "their_draft": their_draft,
        "their_live": their_live,
        "editor": editor,
        "alice": alice,
        "bob": bob,
        "supplier": _user("soev", SUPPLIERS),
        "buyer": _user("indkoeber", BUYERS),
    }


HIDDEN = ["Omdoebt kladdetitel", "Hemmelig kladde", "Til godkendelse", "Deres kladdeworkshop"]


def _browse(client, page):
    return _chooser_html(client, reverse("wagtailadmin_choose_page_child", args=[page.pk]))


def _explore(client, page, **params):
    return client.get(reverse("wagtailadmin_explore", args=[page.pk]), params)


def _chooser_html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.json()["html"] if "json" in response["Content-Type"] else response.text


@pytest.mark.parametrize("who", ["supplier", "buyer", "alice"])
def test_the_page_chooser_shows_non_editors_only_published_titles(client, tree, who):
    client.force_login(tree[who])
    browse = _browse(client, tree["home"])
    search = _chooser_html(client, reverse("wagtailadmin_choose_page_search"), q="Om")
    events = _browse(client, tree["index"])
    assert "Arrangementer" in browse
    for html in (browse, search):
        assert "Om platformen" in html
    assert "Deres aabne workshop" in events
    for html in (browse, search, events):
        for title in HIDDEN:
            assert title not in html, (who, title)
        # Neither when drafts were saved nor their moderation status.
        assert "w-status--primary" not in html
        assert "<time" not in html
    assert ("Vores kladdeworkshop" in events) is (who == "alice")


@pytest.mark.parametrize("who", ["supplier", "alice"])
def test_a_non_editor_cannot_browse_the_chooser_into_a_draft(client, tree, who):
    client.force_login(tree[who])
    for page in ("draft", "moderated", "their_draft"):
        url = reverse("wagtailadmin_choose_page_child", args=[tree[page].pk])
        assert client.get(url).status_code == 404, page


def test_a_partner_browses_the_chooser_into_their_own_draft_event(client, tree):
    client.force_login(tree["alice"])
    assert "Vores kladdeworkshop" in _browse(client, tree["our_draft"])


def test_editors_still_see_drafts_and_their_status_in_the_page_chooser(client, tree):
    client.force_login(tree["editor"])
    browse = _browse(client, tree["home"])
    for title in ["Omdoebt kladdetitel", "Hemmelig kladde", "Til godkendelse"]:
        assert title in browse
    assert "w-status--primary" in browse


def test_a_partner_explores_only_their_own_events_without_other_users_names(client, tree):
    client.force_login(tree["alice"])
    for params in ({}, {"q": "kladdeworkshop"}, {"q": "kladdeworkshop", "search_all": "1"}):
        html = _explore(client, tree["index"], **params).text
        assert "Vores kladdeworkshop" in html, params
        assert "Deres" not in html, params
        assert "Bertelsen" not in html, params
    for page in ("their_draft", "their_live"):
        assert _explore(client, tree[page]).status_code == 404
    assert _explore(client, tree["our_draft"]).status_code == 200


def test_editors_filter_the_explorer_by_owner(client, tree):
    client.force_login(tree["editor"])
    html = _explore(client, tree["index"]).text
    assert "Bertelsen" in html
    assert "Deres kladdeworkshop" in html


def _report_urls():
    from django.urls import URLResolver, get_resolver

    urls = []
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and str(pattern.pattern) == "admin/":
            admin = pattern
    for pattern in admin.url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "wagtailadmin_reports":
            urls += [reverse(f"wagtailadmin_reports:{p.name}") for p in pattern.url_patterns]
    assert len(urls) >= 10
    return urls


@pytest.mark.parametrize("who", ["supplier", "buyer", "alice"])
def test_reports_page_type_usage_page_search_and_the_admin_api_are_for_editors(client, tree, who):
    urls = [
        *_report_urls(),
        reverse("wagtailadmin_pages:type_use", args=["events", "eventpage"]),
        reverse("wagtailadmin_pages:type_use_results", args=["events", "eventpage"]),
        reverse("wagtailadmin_pages:search") + "?q=workshop",
        reverse("wagtailadmin_api:pages:listing") + f"?child_of={tree['index'].pk}",
        reverse("wagtailadmin_api:pages:detail", args=[tree["their_draft"].pk]),
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={tree['their_draft'].pk}",
    ]
    client.force_login(tree[who])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Deres" not in response.content, url
    dashboard = client.get("/admin/").text
    assert "/admin/reports/" not in dashboard


def test_editors_keep_the_reports(client, tree):
    client.force_login(tree["editor"])
    for url in _report_urls():
        assert client.get(url).status_code == 200, url
    url = reverse("wagtailadmin_pages:type_use", args=["events", "eventpage"])
    assert "Deres kladdeworkshop" in client.get(url).text
