"""The bench's SQL count header: present only when the setting is on."""

import pytest

from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_header_only_with_the_setting(home_page):
    assert "X-SQL-Queries" not in Client().get("/")
    with override_settings(SQL_COUNT_HEADER=True):
        response = Client().get("/")
    assert int(response["X-SQL-Queries"]) > 0
