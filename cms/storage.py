"""Local media storage that never leaves a half-written file: an upload is written to a hidden
temporary file beside its target and renamed into place only when complete."""

import os
import tempfile
from contextlib import suppress

from django.core.files import File
from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage


class _WrittenFile(File):
    """A complete file on disk, which Django's storage moves into place by renaming it."""

    def temporary_file_path(self):
        return self.name


class FileSystemStorage(DjangoFileSystemStorage):
    def _save(self, name, content):
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, exist_ok=True)
        path, destination = self._temporary_file(directory)
        try:
            with destination:
                for chunk in content.chunks():
                    destination.write(chunk)
            return super()._save(name, _WrittenFile(None, name=path))
        finally:
            with suppress(FileNotFoundError):
                os.remove(path)  # gone after a successful rename; a partial file otherwise

    @staticmethod
    def _temporary_file(directory):
        fd, path = tempfile.mkstemp(dir=directory, prefix=".upload-")
        return path, os.fdopen(fd, "wb")
