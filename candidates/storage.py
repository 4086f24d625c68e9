"""Private résumé storage (POL-AP-002): never under the web root, never given a public URL.

Local disk under settings.RESUME_STORAGE_ROOT by default (var/private); an S3-compatible
bucket when AWS_STORAGE_BUCKET_NAME is set. Files are only ever streamed by our own view,
after the access check."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.utils.module_loading import import_string


class PrivateFileSystemStorage(FileSystemStorage):
    """Reads its root from settings on every use, so tests can point it elsewhere."""

    def __init__(self):
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):
        return str(settings.RESUME_STORAGE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("résumés have no public URL; use the download view")


def resume_storage() -> Storage:
    if settings.RESUME_S3_BUCKET:
        s3_storage = import_string("storages.backends.s3.S3Storage")
        return s3_storage(
            bucket_name=settings.RESUME_S3_BUCKET,
            default_acl="private",
            querystring_auth=True,
            file_overwrite=False,
            location="resumes-private",
        )
    return PrivateFileSystemStorage()
