"""The deployment files name real commands and options, and media go to object storage when
S3_* is set."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def manage_calls():
    cron = (DEPLOY / "cron").read_text()
    yield from (call.split() for call in re.findall(r"\$RUN ([^\"]+)\"", cron))
    for unit in (DEPLOY / "systemd").glob("*.service"):
        for line in re.findall(r"manage\.py (.+)", unit.read_text()):
            yield line.split()


def test_cron_jobs_and_units_run_existing_commands_with_valid_options(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # production's
    calls = list(manage_calls())
    assert {"db_worker", "publish_scheduled", "clearsessions"} <= {name for name, *_ in calls}
    commands = get_commands()
    for name, *args in calls:
        command = load_command_class(commands[name], name)
        command.create_parser("manage.py", name).parse_args(args)


def test_media_go_to_object_storage_when_s3_is_set():
    code = (
        "from moto import mock_aws\n"
        "import boto3\n"
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage\n"
        "with mock_aws():\n"
        "    boto3.client('s3', region_name='eu-north-1').create_bucket(Bucket='sok-media',"
        " CreateBucketConfiguration={'LocationConstraint': 'eu-north-1'})\n"
        "    name = default_storage.save('original_images/logo.png', ContentFile(b'png'))\n"
        "    print(type(default_storage._wrapped).__name__, default_storage.url(name))\n"
        "    body = boto3.client('s3', region_name='eu-north-1').get_object("
        "Bucket='sok-media', Key=name)['Body'].read()\n"
        "    print(body.decode())\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "S3_BUCKET": "sok-media",
        "S3_REGION": "eu-north-1",
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
        "S3_CUSTOM_DOMAIN": "media.socialoekonomisk.dk",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-2] == "S3Storage https://media.socialoekonomisk.dk/original_images/logo.png"
    assert lines[-1] == "png"


def test_without_s3_media_stay_on_local_disk(settings):
    assert settings.STORAGES["default"]["BACKEND"] == "cms.storage.FileSystemStorage"
