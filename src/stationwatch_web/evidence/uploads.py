"""A ceiling on the bytes one upload request may send, enforced while they arrive: a 2 GB
upload is refused (400) before it fills the temporary folder, not after."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class UploadLimit(FileUploadHandler):  # type: ignore[misc]
    """First in ``FILE_UPLOAD_HANDLERS``: passes each chunk on while counting them."""

    def _limit(self) -> int:
        return int(settings.SW.upload_max_mb) * 1024 * 1024

    def handle_raw_input(self, input_data: Any, META: Any, content_length: int,
                         boundary: Any, encoding: Any = None) -> None:
        self.total = 0
        if content_length > self._limit():
            raise RequestDataTooBig(f"upload of {content_length:,} bytes refused: the limit "
                                    f"is {settings.SW.upload_max_mb} MB")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.total += len(raw_data)
        if self.total > self._limit():  # a client that understated its length
            raise RequestDataTooBig(f"upload refused past {settings.SW.upload_max_mb} MB")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
