"""Uploads on a full or read-only disk: a clear message, the form kept, no file left behind."""

import errno
import io

import pytest
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image

from cms.storage import FileSystemStorage

pytestmark = pytest.mark.django_db


class FillsUpMidWrite:
    """A file on a disk that fills up after the first kilobyte."""

    def __init__(self, destination):
        self.destination = destination

    def write(self, chunk):
        self.destination.write(chunk[:1000])
        self.destination.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.destination.close()


class FullDiskStorage(FileSystemStorage):
    @staticmethod
    def _temporary_file(directory):
        path, destination = FileSystemStorage._temporary_file(directory)
        return path, FillsUpMidWrite(destination)


class ReadOnlyStorage(FileSystemStorage):
    @staticmethod
    def _temporary_file(directory):
        raise OSError(errno.EROFS, "Read-only file system")


def png():
    buffer = io.BytesIO()
    PILImage.effect_noise((400, 400), 80).convert("RGB").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("r", "r@example.org", "x"))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def use(settings, storage):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.{storage.__name__}"},
    }


def files_in(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize("storage", [FullDiskStorage, ReadOnlyStorage])
def test_an_image_upload_that_cannot_be_stored_keeps_the_form(
    client, editor, media, settings, storage
):
    use(settings, storage)
    response = client.post(
        reverse("wagtailimages:add"), {"title": "Vores logo", "file": png(), "tags": "kantine"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filen kunne ikke gemmes" in html
    assert 'value="Vores logo"' in html
    assert not Image.objects.exists()
    assert files_in(media) == []


def test_a_document_upload_on_a_full_disk_leaves_nothing_behind(client, editor, media, settings):
    use(settings, FullDiskStorage)
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n" + b"x" * 200_000)
    response = client.post(reverse("wagtaildocs:add"), {"title": "Udbudsplan", "file": upload})
    assert response.status_code == 200
    assert "Filen kunne ikke gemmes" in response.content.decode()
    assert not Document.objects.exists()
    assert files_in(media) == []


def test_an_upload_on_a_healthy_disk_is_stored_whole(client, editor, media):
    response = client.post(reverse("wagtailimages:add"), {"title": "Vores logo", "file": png()})
    assert response.status_code == 302
    image = Image.objects.get()
    assert files_in(media) == [image.file.name]
    assert (media / image.file.name).stat().st_size == image.file_size
