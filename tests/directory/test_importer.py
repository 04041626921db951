"""import_profiles: JSON Lines and CSV, every row validated, updates by CVR, admin upload."""

import json

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from directory.models import SupplierProfile

from .factories import valid_cvr

pytestmark = pytest.mark.django_db


def row(n, **overrides):
    data = {
        "name": f"Import {n}",
        "cvr": valid_cvr(500 + n),
        "summary": "Rengøring af skoler",
        "description": "Første afsnit.\n\nAndet <afsnit>.",
        "social_purpose": "Job til ledige",
        "offerings": [{"title": "Skolerengøring", "description": "Daglig"}],
        "cpv": ["90919300"],
        "municipality": 751,
        "delivery": {"scope": "regions", "codes": [1082]},
        "target_groups": ["langtidsledige"],
        "tags": ["rengøring"],
        "employees_total": 10,
        "employees_special_terms": 4,
        "rsv": True,
        "open_to_consortia": True,
        "website": "https://import.example",
        "email": "kontakt@import.example",
        "phone": "+45 70 00 00 01",
    }
    return {**data, **overrides}


def write_jsonl(tmp_path, rows, name="profiles.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows))
    return path


def test_good_rows_are_imported_and_bad_rows_reported(tmp_path, capsys):
    path = write_jsonl(
        tmp_path,
        [
            row(1),
            row(2, cvr="12345678"),
            row(3, summary="x" * 301),
            "{not json",
            row(4, cpv=["99999999"]),
            row(5, email="nope", website="ftp//x"),
            row(6, target_groups=["ukendt"]),
            row(7, delivery={"scope": "municipalities", "codes": [9999]}),
            row(8, employees_special_terms=1, reserved_contract=True),
        ],
    )
    call_command("import_profiles", str(path), "--publish")
    out, err = capsys.readouterr()
    assert "1 oprettet, 0 opdateret, 0 uændret, 8 afvist." in out
    assert "profiles.jsonl:2: cvr" in err
    assert "profiles.jsonl:3: summary" in err
    assert "profiles.jsonl:4: Ugyldig JSON" in err
    assert "profiles.jsonl:5: Ukendt CPV-kode: 99999999" in err
    assert "profiles.jsonl:7: Ukendt målgruppe: ukendt" in err
    assert "profiles.jsonl:8: Ukendt kode for leveringsområde: 9999" in err
    assert "profiles.jsonl:9:" in err and "30 procent" in err
    imported = SupplierProfile.objects.get()
    assert imported.live
    assert imported.name == "Import 1"
    assert imported.description == "<p>Første afsnit.</p><p>Andet &lt;afsnit&gt;.</p>"
    assert list(imported.cpv_codes.values_list("code", flat=True)) == ["90919300"]
    assert imported.delivery_regions.get().code == 1082
    assert imported.offerings.get().title == "Skolerengøring"
    assert imported.rsv_claimed and not imported.rsv_verified


def test_reimport_updates_by_cvr_and_an_unchanged_file_changes_nothing(tmp_path, capsys):
    path = write_jsonl(tmp_path, [row(1), row(2)])
    call_command("import_profiles", str(path), "--publish")
    revisions = sum(p.revisions.count() for p in SupplierProfile.objects.all())
    call_command("import_profiles", str(path), "--publish")
    assert "0 oprettet, 0 opdateret, 2 uændret" in capsys.readouterr().out
    assert sum(p.revisions.count() for p in SupplierProfile.objects.all()) == revisions
    path = write_jsonl(
        tmp_path, [row(1, summary="Ny tekst", cvr=valid_cvr(501)[:4] + " " + valid_cvr(501)[4:])]
    )
    call_command("import_profiles", str(path), "--publish")
    assert "0 oprettet, 1 opdateret" in capsys.readouterr().out
    assert SupplierProfile.objects.count() == 2
    assert SupplierProfile.objects.get(cvr=valid_cvr(501)).summary == "Ny tekst"


def test_without_publish_rows_become_unclaimed_drafts(tmp_path):
    call_command("import_profiles", str(write_jsonl(tmp_path, [row(1, cpv=[])])))
    draft = SupplierProfile.objects.get()
    assert not draft.live
    assert draft.latest_revision is not None
    assert not draft.owners.exists()


def test_csv_import(tmp_path, capsys):
    path = tmp_path / "liste.csv"
    path.write_text(
        "name;cvr;summary;cpv;delivery;target_groups;tags;offerings;rsv;open_to_consortia\n"
        f"CSV Køkken;{valid_cvr(900)};Mad;55520000;municipalities: 101;handicap;mad;"
        "Frokost: hver dag | Kage: om fredagen;ja;nej\n"
        f"Dårlig;{valid_cvr(901)};Mad;55520000;national;;;;måske;nej\n",
        encoding="utf-8",
    )
    call_command("import_profiles", str(path), "--publish")
    out, err = capsys.readouterr()
    assert "1 oprettet" in out
    assert "liste.csv:3: rsv_claimed skal være ja eller nej" in err
    created = SupplierProfile.objects.get()
    assert [o.title for o in created.offerings.all()] == ["Frokost", "Kage"]
    assert created.delivery_municipalities.get().name == "København"
    assert created.rsv_claimed and not created.open_to_consortia


def test_editors_can_upload_a_file_in_the_admin(admin_client, tmp_path):
    upload = SimpleUploadedFile(
        "profiles.jsonl", "\n".join([json.dumps(row(1)), json.dumps(row(2, cvr="1"))]).encode()
    )
    url = "/admin/snippets/directory/supplierprofile/import/"
    response = admin_client.post(url, {"file": upload, "publish": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 oprettet, 0 opdateret, 0 uændret, 1 afvist." in html
    assert "Et CVR-nummer har præcis 8 cifre." in html
    assert SupplierProfile.objects.filter(live=True).count() == 1
    bad = admin_client.post(url, {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert "Upload en .jsonl- eller .csv-fil." in bad.content.decode()


def test_new_profile_slugs_spell_out_danish_letters(db):
    from directory.importer import unique_slug

    assert unique_slug("Grøn Omstilling ApS") == "groen-omstilling-aps"
    assert unique_slug("Sjællands Rengøringslaug") == "sjaellands-rengoeringslaug"
    assert unique_slug("Århus Ø") == "aarhus-oe"
