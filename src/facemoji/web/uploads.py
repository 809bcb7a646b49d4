"""Read a ``multipart/form-data`` request body with limits, in memory.

Starlette's own form parser spools files to disk and has no per-file size limit, so
the API parses the stream itself with ``python-multipart``: the ``Content-Length`` is
checked before anything is read, each file is counted while it arrives, and the
request is refused (413) the moment a file or the whole body goes over its cap.
Nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from ..errors import BadArgument, missing_extra

try:
    from python_multipart.exceptions import MultipartParseError
    from python_multipart.multipart import MultipartParser, parse_options_header
except ImportError:  # pragma: no cover - depends on the installed extras
    raise missing_extra("python-multipart", "web") from None

MB = 1024 * 1024


class UploadError(BadArgument):
    """A request body the API refuses; ``status`` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Limits:
    """Caps on one upload: file count, bytes per file, bytes per plain form field."""

    max_files: int = 10
    max_file_bytes: int = 10 * MB
    max_field_bytes: int = 64 * 1024

    @property
    def max_body_bytes(self) -> int:
        """The largest acceptable body: every file full, plus room for fields and headers."""
        return self.max_files * (self.max_file_bytes + 16 * 1024) + 256 * 1024


@dataclass
class Upload:
    """One uploaded file: the form field it came in, its file name and its bytes."""

    field: str
    filename: str
    data: bytes


@dataclass
class Form:
    """A parsed form: ``files`` in the order they arrived, plain ``fields`` by name."""

    files: list[Upload] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


class _Collector:
    """python-multipart callbacks that build a :class:`Form` and enforce :class:`Limits`."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.form = Form()
        self._headers: dict[bytes, bytes] = {}
        self._header_field = b""
        self._header_value = b""
        self._name = ""
        self._filename: str | None = None
        self._chunks: list[bytes] = []
        self._size = 0

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._add("_header_field", d[s:e]),
            "on_header_value": lambda d, s, e: self._add("_header_value", d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }

    def _add(self, attr: str, data: bytes) -> None:
        setattr(self, attr, getattr(self, attr) + data)

    def _part_begin(self) -> None:
        self._headers, self._chunks, self._size = {}, [], 0

    def _header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field = self._header_value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition"))
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        self._filename = None if filename is None else filename.decode("utf-8", "replace")
        if self._filename is not None and len(self.form.files) >= self.limits.max_files:
            raise UploadError(f"too many files: at most {self.limits.max_files} photos", 413)

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        self._size += end - start
        if self._filename is not None and self._size > self.limits.max_file_bytes:
            raise UploadError(
                f"{self._filename or 'a file'} is larger than "
                f"{self.limits.max_file_bytes // MB} MB", 413)
        if self._filename is None and self._size > self.limits.max_field_bytes:
            raise UploadError(f"form field {self._name!r} is too long", 413)
        self._chunks.append(data[start:end])

    def _part_end(self) -> None:
        data = b"".join(self._chunks)
        if self._filename is not None:
            self.form.files.append(Upload(self._name, self._filename or "photo", data))
        else:
            self.form.fields[self._name] = data.decode("utf-8", "replace")


async def read_form(
    content_type: str | None,
    content_length: str | None,
    stream: AsyncIterator[bytes],
    limits: Limits,
) -> Form:
    """Parse a multipart body from ``stream`` within ``limits``.

    Raises :class:`UploadError`: 413 when too large, 415 when not multipart, 400 when
    malformed.
    """
    mime, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if mime != b"multipart/form-data" or not boundary:
        raise UploadError("send the photos as multipart/form-data", 415)
    cap = limits.max_body_bytes
    if content_length is not None and content_length.isdigit() and int(content_length) > cap:
        raise UploadError(f"the upload is too large: at most {limits.max_files} photos of "
                          f"{limits.max_file_bytes // MB} MB each", 413)
    collector = _Collector(limits)
    parser = MultipartParser(boundary, collector.callbacks())  # type: ignore[arg-type]
    received = 0
    async for chunk in stream:
        received += len(chunk)
        if received > cap:  # a body sent without (or with a false) Content-Length
            raise UploadError("the upload is too large", 413)
        try:
            parser.write(chunk)
        except MultipartParseError as exc:
            raise UploadError(f"the form data is malformed ({exc})") from None
    try:
        parser.finalize()
    except MultipartParseError as exc:
        raise UploadError(f"the form data is malformed ({exc})") from None
    return collector.form
