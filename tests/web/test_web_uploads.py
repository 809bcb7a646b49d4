"""The streaming multipart reader: limits hold before the body is read in full."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable

import pytest

from facemoji.web.uploads import Limits, UploadError, read_form

BOUNDARY = "xyz"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def _part(name: str, data: bytes, filename: str | None = None) -> bytes:
    disposition = f'form-data; name="{name}"'
    if filename is not None:
        disposition += f'; filename="{filename}"'
    return (f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data
            + b"\r\n")


def _body(*parts: bytes) -> bytes:
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


class _Stream:
    """Yields ``data`` in chunks and counts how many bytes were taken."""

    def __init__(self, data: bytes, chunk: int = 1024) -> None:
        self.chunks: Iterable[bytes] = [data[i:i + chunk] for i in range(0, len(data), chunk)]
        self.taken = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for c in self.chunks:
            self.taken += len(c)
            yield c


def _read(data: bytes, limits: Limits, length: str | None = None,
          content_type: str = CONTENT_TYPE) -> tuple[object, _Stream]:
    stream = _Stream(data)
    form = asyncio.run(read_form(content_type, length, stream.__aiter__(), limits))
    return form, stream


def test_files_and_fields_are_read() -> None:
    body = _body(_part("photos", b"\x89PNG one", "a.png"), _part("style", b"facemoji"),
                 _part("photos", b"two", "b.jpg"))
    form, _ = _read(body, Limits())
    assert [(u.field, u.filename, u.data) for u in form.files] == [
        ("photos", "a.png", b"\x89PNG one"), ("photos", "b.jpg", b"two")]
    assert form.fields == {"style": "facemoji"}


def test_a_large_file_is_refused_before_the_body_is_read() -> None:
    body = _body(_part("photos", b"x" * 200_000, "big.jpg"))
    with pytest.raises(UploadError, match="larger than") as info:
        _read(body, Limits(max_file_bytes=10_000))
    assert info.value.status == 413


def test_reading_stops_at_the_cap() -> None:
    stream = _Stream(_body(_part("photos", b"x" * 200_000, "big.jpg")))
    with pytest.raises(UploadError):
        asyncio.run(read_form(CONTENT_TYPE, None, stream.__aiter__(),
                              Limits(max_file_bytes=10_000)))
    assert stream.taken < 20_000


def test_content_length_over_the_cap_is_refused_unread() -> None:
    limits = Limits(max_files=2, max_file_bytes=1000)
    stream = _Stream(_body(_part("photos", b"x", "a.jpg")))
    with pytest.raises(UploadError, match="too large") as info:
        asyncio.run(read_form(CONTENT_TYPE, str(limits.max_body_bytes + 1),
                              stream.__aiter__(), limits))
    assert info.value.status == 413 and stream.taken == 0


def test_too_many_files() -> None:
    body = _body(*(_part("photos", b"x", f"{i}.jpg") for i in range(3)))
    with pytest.raises(UploadError, match="at most 2"):
        _read(body, Limits(max_files=2))


def test_a_long_field_is_refused() -> None:
    with pytest.raises(UploadError, match="too long"):
        _read(_body(_part("style", b"s" * 5000)), Limits(max_field_bytes=100))


@pytest.mark.parametrize("content_type", ["application/json", "multipart/form-data", None])
def test_not_multipart(content_type: str | None) -> None:
    with pytest.raises(UploadError) as info:
        _read(b"{}", Limits(), content_type=content_type)  # type: ignore[arg-type]
    assert info.value.status == 415


def test_malformed_body() -> None:
    with pytest.raises(UploadError, match="malformed") as info:
        _read(b"garbage without a boundary", Limits())
    assert info.value.status == 400
