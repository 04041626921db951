"""A real streaming replica (pg_basebackup) of a throwaway cluster: anonymous visitors read from
it, and whoever just wrote reads the primary on their next request."""

import re
import time

import pytest

from .conftest import App, Cluster, Visitor, build_site, copy_test_database, production_env


def seats_left(visitor, url):
    response = visitor.get(url)
    assert response.status_code == 200
    return int(re.search(r"(\d+) pladser? tilbage", response.text)[1])


def eventually(check, timeout=30):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.3)


@pytest.fixture
def clusters(db):
    primary = Cluster.create()
    replica = None
    try:
        primary.start()
        primary.execute("CREATE DATABASE sok")
        copy_test_database(primary.url("sok"))
        replica = primary.replica()
        replica.start()
        yield primary, replica
    finally:
        for cluster in filter(None, [replica, primary]):
            cluster.destroy()


def test_a_visitor_reads_their_own_write_while_others_read_the_replica(
    clusters, shared_state, static_root, tmp_path
):
    primary, replica = clusters
    data = build_site(primary.url("sok"))
    env = production_env(
        DATABASE_URL=primary.url("sok"),
        DATABASE_REPLICA_URL=replica.url("sok"),
        STATIC_ROOT=str(static_root),
        **shared_state,
    )
    with App(env, tmp_path / "app.log") as app:
        event = app.url + data["event_url"]
        writer, first_visit = Visitor("203.0.113.10"), Visitor("198.51.100.7")
        eventually(lambda: first_visit.get(event).status_code == 200)
        replica.execute("SELECT pg_wal_replay_pause()", "sok")
        reader = Visitor("198.51.100.8")  # the first visit wrote the site settings: pinned
        assert seats_left(reader, event) == 5
        assert "sok_primary" not in reader.cookies

        assert seats_left(writer, event) == 5
        registered = writer.post(
            event,
            {
                "name": "Bo Jensen",
                "email": "bo@example.org",
                "organisation": "Kantinen",
                "role": "supplier",
                "consent": "on",
            },
        )
        assert registered.status_code == 302
        assert "sok_primary" in writer.cookies
        assert seats_left(writer, event) == 4  # the primary
        assert seats_left(reader, event) == 5  # the replica, paused behind it

        replica.execute("SELECT pg_wal_replay_resume()", "sok")
        eventually(lambda: seats_left(reader, event) == 4)
