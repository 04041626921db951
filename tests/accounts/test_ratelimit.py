"""Login limits on the shared Redis cache: per address, and per account from one address."""

import pytest

from django.contrib.auth import get_user_model

PASSWORD = "Sk0vmaerke-Kantine-42"


@pytest.fixture
def owner(db, redis_cache):
    return get_user_model().objects.create_user("ejer", "ejer@example.org", PASSWORD)


def login(client, username, password, address):
    client.logout()
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    ).status_code


def test_wrong_passwords_from_one_address_never_lock_the_owner_out_from_another(client, owner):
    for _ in range(5):
        assert login(client, "ejer", "forkert", "203.0.113.66") == 200
    assert login(client, "ejer", "forkert", "203.0.113.66") == 429
    assert login(client, "ejer", PASSWORD, "203.0.113.66") == 429
    assert login(client, "ejer", PASSWORD, "198.51.100.7") == 302


def test_failures_spread_over_many_addresses_never_refuse_a_correct_login(client, owner):
    for n in range(1, 26):
        assert login(client, "ejer", "forkert", f"203.0.113.{n}") == 200
    assert login(client, "ejer", PASSWORD, "198.51.100.7") == 302


def test_one_address_trying_many_accounts_is_limited(client, owner):
    for n in range(30):
        assert login(client, f"bruger{n}", "forkert", "203.0.113.66") == 200
    assert login(client, "ejer", PASSWORD, "203.0.113.66") == 429
    assert login(client, "ejer", PASSWORD, "198.51.100.7") == 302


def test_refused_attempts_and_correct_logins_do_not_use_up_the_limit(client, owner):
    for _ in range(4):
        assert login(client, "ejer", "forkert", "203.0.113.66") == 200
    for _ in range(3):
        assert login(client, "ejer", PASSWORD, "203.0.113.66") == 302
    assert login(client, "ejer", "forkert", "203.0.113.66") == 200
    assert login(client, "ejer", "forkert", "203.0.113.66") == 429
