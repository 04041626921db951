"""Image and document forms that store the upload while validating, so a full or read-only
disk becomes a clear message on the form (everything typed kept) instead of a server error."""

from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

NOT_STORED = _(
    "The file could not be saved: the storage is full or cannot be written to right now. "
    "Nothing was saved. Please try again later, or contact us if it keeps happening."
)


class StoreUploadFirst:
    def _post_clean(self):
        super()._post_clean()
        upload = self.instance.file
        if self.errors or "file" not in self.changed_data or not upload or upload._committed:
            return
        try:
            upload.save(upload.name, upload.file, save=False)
        except OSError:
            self.add_error("file", NOT_STORED)


class ImageForm(StoreUploadFirst, BaseImageForm):
    pass


class DocumentForm(StoreUploadFirst, BaseDocumentForm):
    pass
