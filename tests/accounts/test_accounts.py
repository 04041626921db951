"""Confirmation, approval, login messages, rate limits, the restricted admin and personal data."""

import json

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.cache import cache
from django.urls import reverse

from wagtail.models import GroupPagePermission

from accounts.groups import EDITORS, PARTNERS, SUPPLIERS
from accounts.models import Account
from accounts.services import approve, create_user_with_account, send_confirmation
from accounts.tokens import SALT, confirmation_token

PASSWORD = "Sk0vmaerke-Kantine-42"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        "redaktoer@example.org", "redaktoer@example.org", PASSWORD, first_name="Rita"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def applicant(db):
    return create_user_with_account(
        full_name="Anna Jensen",
        email="anna@kaffekollektivet.example",
        password=PASSWORD,
        kind=Account.Kind.SUPPLIER,
        organisation_name="Kaffekollektivet",
        group=SUPPLIERS,
    )


@pytest.fixture
def supplier_user(applicant, editor):
    applicant.account.confirm_email()
    approve(applicant.account, editor)
    applicant.refresh_from_db()
    return applicant


def _denied(response):
    """Wagtail answers a permission error in the admin with 403 or a redirect to the dashboard."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url == "/admin/"
    )


def _link_in(message):
    return next(line for line in message.body.splitlines() if line.startswith("http"))


def test_confirmation_link_confirms_and_tells_the_editors(
    client, applicant, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_confirmation(applicant)
    assert mail.outbox[-1].to == ["anna@kaffekollektivet.example"]
    path = _link_in(mail.outbox[-1]).replace("http://testserver", "")
    response = client.get(path)
    assert response.status_code == 200
    assert "afventer" in response.text.lower() or "redaktør" in response.text.lower()
    applicant.account.refresh_from_db()
    assert applicant.account.status == Account.Status.AWAITING_APPROVAL
    assert mail.outbox[-1].to == ["redaktoer@example.org"]
    assert "Kaffekollektivet" in mail.outbox[-1].subject


def test_tampered_or_expired_confirmation_link_is_refused(client, applicant, settings):
    token = confirmation_token(applicant)
    assert client.get(f"/opret/bekraeft/{token}x/").status_code == 400
    expired = signing.dumps({"user": applicant.pk, "email": applicant.email}, salt=SALT)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("accounts.tokens.CONFIRMATION_MAX_AGE", -1)
        assert client.get(f"/opret/bekraeft/{expired}/").status_code == 400
    applicant.account.refresh_from_db()
    assert applicant.account.status == Account.Status.UNCONFIRMED


def test_login_explains_an_account_awaiting_approval(client, applicant):
    applicant.account.confirm_email()
    response = client.post("/admin/login/", {"username": applicant.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "afventer godkendelse" in response.text


def test_editor_approves_and_the_applicant_can_log_in(client, applicant, editor):
    applicant.account.confirm_email()
    client.force_login(editor)
    assert "Kaffekollektivet" in client.get(reverse("accounts_admin:pending")).text
    response = client.post(reverse("accounts_admin:approve", args=[applicant.account.pk]))
    assert response.status_code == 302
    assert mail.outbox[-1].to == [applicant.email]
    client.logout()
    response = client.post("/admin/login/", {"username": applicant.username, "password": PASSWORD})
    assert response.status_code == 302


def test_editor_rejects_with_a_reason_that_reaches_the_applicant(client, applicant, editor):
    applicant.account.confirm_email()
    client.force_login(editor)
    url = reverse("accounts_admin:reject", args=[applicant.account.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    applicant.account.refresh_from_db()
    assert applicant.account.status == Account.Status.AWAITING_APPROVAL
    client.post(url, {"reason": "Ikke en socialøkonomisk virksomhed."})
    applicant.account.refresh_from_db()
    assert applicant.account.status == Account.Status.REJECTED
    assert "Ikke en socialøkonomisk virksomhed." in mail.outbox[-1].body


def test_a_supplier_cannot_approve_sign_ups(client, supplier_user, db):
    other = create_user_with_account(
        full_name="Bo Berg",
        email="bo@example.org",
        password=PASSWORD,
        kind=Account.Kind.SUPPLIER,
        organisation_name="Bo",
        group=SUPPLIERS,
    )
    other.account.confirm_email()
    client.force_login(supplier_user)
    assert _denied(client.get(reverse("accounts_admin:pending")))
    assert _denied(client.post(reverse("accounts_admin:approve", args=[other.account.pk])))
    other.account.refresh_from_db()
    assert other.account.status == Account.Status.AWAITING_APPROVAL


def test_login_is_rate_limited_per_account(client, supplier_user):
    for _ in range(5):
        response = client.post(
            "/admin/login/", {"username": supplier_user.username, "password": "forkert"}
        )
        assert response.status_code == 200
    response = client.post(
        "/admin/login/", {"username": supplier_user.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "For mange forsøg" in response.text
    assert int(response["Retry-After"]) > 0


def test_successful_logins_do_not_count_towards_the_limit(client, supplier_user):
    for _ in range(7):
        response = client.post(
            "/admin/login/", {"username": supplier_user.username, "password": PASSWORD}
        )
        assert response.status_code == 302
        client.logout()


def test_password_reset_is_rate_limited_per_ip(client, db):
    for i in range(10):
        client.post("/admin/password_reset/", {"email": f"x{i}@example.org"})
    assert client.post("/admin/password_reset/", {"email": "y@example.org"}).status_code == 429


def test_password_reset_limit_is_per_client_behind_a_trusted_proxy(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def reset(email, forwarded):
        return client.post(
            "/admin/password_reset/",
            {"email": email},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    for i in range(10):
        reset(f"x{i}@example.org", "203.0.113.9")
    assert reset("y@example.org", "203.0.113.9") == 429
    assert reset("y@example.org", "198.51.100.7") == 302


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/reports/site-history/",
        "/admin/reports/locked/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/settings/",
        "/admin/workflows/list/",
        "/admin/locales/",
        "/admin/sites/",
        "/admin/collections/",
        "/admin/bulk/wagtailimages/image/delete/?id=1",
    ],
)
def test_restricted_users_are_kept_out_of_the_rest_of_the_admin(client, supplier_user, path):
    client.force_login(supplier_user)
    assert client.get(path).status_code in (403, 404)


def test_restricted_dashboard_and_menu_show_only_their_own_things(client, supplier_user):
    client.force_login(supplier_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "PageExplorerMenuItem" not in response.text
    assert "/admin/reports/" not in response.text
    assert "/admin/users/" not in response.text
    assert "/admin/snippets/events/" not in response.text
    assert reverse("accounts_admin:my_data") in response.text


SIDEBAR_SEARCH = '"wagtail.sidebar.SearchModule"'


def test_restricted_users_get_no_admin_search(client, supplier_user):
    client.force_login(supplier_user)
    assert SIDEBAR_SEARCH not in client.get("/admin/").text
    assert _denied(client.get("/admin/pages/search/", {"q": "x"}))


def test_a_restricted_partner_gets_no_page_search(client, supplier_user, home_page):
    partners = Group.objects.get(name=PARTNERS)
    GroupPagePermission.objects.create(group=partners, page=home_page, permission_type="change")
    supplier_user.groups.add(partners)
    client.force_login(supplier_user)
    assert SIDEBAR_SEARCH not in client.get("/admin/").text
    assert _denied(client.get("/admin/pages/search/", {"q": "x"}))


def test_editors_keep_the_admin_search(client, editor):
    client.force_login(editor)
    assert f'{SIDEBAR_SEARCH}, "_args": ["/admin/pages/search/"]' in client.get("/admin/").text
    assert client.get("/admin/pages/search/", {"q": "x"}).status_code == 200


def test_a_user_downloads_their_own_data(client, supplier_user):
    client.force_login(supplier_user)
    response = client.get(reverse("accounts_admin:export_my_data"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["user"]["email"] == supplier_user.email
    assert data["account"]["organisation"] == "Kaffekollektivet"


def test_deleting_the_account_needs_the_password_and_removes_the_user(client, supplier_user):
    client.force_login(supplier_user)
    url = reverse("accounts_admin:delete_my_account")
    response = client.post(url, {"password": "forkert"})
    assert response.status_code == 400
    assert get_user_model().objects.filter(pk=supplier_user.pk).exists()
    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=supplier_user.pk).exists()
    assert not Account.objects.filter(user_id=supplier_user.pk).exists()
