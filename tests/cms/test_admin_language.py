"""Wagtail's admin follows each user's own language, also where Wagtail translates too early."""

import pytest

from wagtail.users.models import UserProfile

from accounts.groups import SUPPLIERS
from accounts.services import create_user_with_account

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "search", "other"), [("en", "Search", "Søg"), ("da", "Søg", "Search")]
)
def test_the_image_chooser_speaks_the_users_language(client, language, search, other):
    user = create_user_with_account(
        full_name="Lone Syersen",
        email="lone@sprog.example",
        kind="supplier",
        organisation_name="Sprog",
        group=SUPPLIERS,
        approved=True,
    )
    preferences = UserProfile.get_for_user(user)
    preferences.preferred_language = language
    preferences.save()
    client.force_login(user)
    html = client.get("/admin/images/chooser/").json()["html"]
    tab = html.split('id="tab-label-search"', 1)[1].split("<div", 1)[0]
    assert search in tab and other not in tab
