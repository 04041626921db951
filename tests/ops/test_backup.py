"""deploy/backup: a dump of the database and media restores into a new database, whole."""

import os
import subprocess

import psycopg

from .conftest import ROOT, build_site

COUNT_TABLES = """
SELECT table_name FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
"""


def row_counts(url):
    with psycopg.connect(url) as conn:
        tables = [name for (name,) in conn.execute(COUNT_TABLES)]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def backup(*args, database_url, media_root):
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}
    result = subprocess.run(
        ["deploy/backup", *map(str, args)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_backup_restores_into_a_new_database_with_every_row_and_file(ops_database, tmp_path):
    build_site(ops_database)
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "logo.png").write_bytes(b"\x89PNG logo")
    dumped = backup("dump", tmp_path / "backups", database_url=ops_database, media_root=media)

    restored_url = f"{ops_database}_restored"
    server, name = restored_url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        restored_media = tmp_path / "restored-media"
        backup("restore", dumped, database_url=restored_url, media_root=restored_media)
        counts = row_counts(ops_database)
        assert counts["directory_supplierprofile"] == 1
        assert counts["auth_user"] == 2
        assert row_counts(restored_url) == counts
        assert (restored_media / "original_images" / "logo.png").read_bytes() == b"\x89PNG logo"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
