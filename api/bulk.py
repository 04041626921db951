"""Every live supplier as one streamed file (JSON Lines or CSV), with validators and gzip."""

import csv
import hashlib
import json
import zlib

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max
from django.http import StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from cms.spreadsheets import safe_cell
from directory.models import SupplierProfile

from .models import Tombstone
from .representations import SUPPLIER, Context, iso

CHUNK_SIZE = 1000
BUFFER_BYTES = 64 * 1024
FORMAT_VERSION = "1"
CONTENT_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
JSONL_TYPES = ["application/x-ndjson", "application/octet-stream"]  # the second on request


def validators():
    """(weak ETag, last modified timestamp) of the live supplier data, in two queries."""
    live = SupplierProfile.objects.live().aggregate(latest=Max("updated_at"), count=Count("pk"))
    removed = Tombstone.objects.filter(kind=Tombstone.Kind.SUPPLIER).aggregate(
        latest=Max("removed_at"), count=Count("pk")
    )
    stamps = [t for t in (live["latest"], removed["latest"]) if t is not None]
    last_modified = int(max(stamps).timestamp()) if stamps else 0
    key = "|".join(
        [
            FORMAT_VERSION,
            str(live["count"]),
            iso(live["latest"]) or "",
            str(removed["count"]),
            iso(removed["latest"]) or "",
        ]
    )
    return f'W/"{hashlib.sha256(key.encode()).hexdigest()[:32]}"', last_modified


def cell(value):
    if isinstance(value, list):
        if all(isinstance(v, str | int) for v in value):
            return ";".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(value)


class _Echo:
    def write(self, value):
        return value


def profiles():
    """Every live profile by id, read CHUNK_SIZE at a time (keyset pagination) with the rows
    of its list fields attached: a fixed number of queries per chunk, and bounded memory."""
    queryset = SUPPLIER.queryset().prefetch_related(None).order_by("pk")
    last = 0
    while chunk := list(queryset.filter(pk__gt=last)[:CHUNK_SIZE]):
        SUPPLIER.attach(chunk)
        yield from chunk
        last = chunk[-1].pk


def lines(request, fmt):
    context = Context(request)
    rows = profiles()
    if fmt == "jsonl":
        for profile in rows:
            data = SUPPLIER.represent(profile, context)
            yield json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n"
        return
    writer = csv.writer(_Echo())
    yield writer.writerow(SUPPLIER.field_names)
    for profile in rows:
        data = SUPPLIER.represent(profile, context)
        yield writer.writerow([cell(data[name]) for name in SUPPLIER.field_names])


def buffered(texts):
    """Encoded chunks of about BUFFER_BYTES, so the network sees few large writes."""
    parts, size = [], 0
    for text in texts:
        data = text.encode()
        parts.append(data)
        size += len(data)
        if size >= BUFFER_BYTES:
            yield b"".join(parts)
            parts, size = [], 0
    if parts:
        yield b"".join(parts)


def gzipped(chunks):
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for chunk in chunks:
        data = compressor.compress(chunk)
        if data:
            yield data
    yield compressor.flush()


def accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def supplier_file(request, fmt):
    etag, last_modified = validators()
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(last_modified),
        "Cache-Control": "public, max-age=300",
        "Vary": "Accept, Accept-Encoding",
    }
    if not_modified is not None:
        for key, value in headers.items():
            not_modified[key] = value
        return not_modified
    chunks = buffered(lines(request, fmt))
    gzip = accepts_gzip(request)
    response = StreamingHttpResponse(gzipped(chunks) if gzip else chunks)
    response["Content-Type"] = CONTENT_TYPES[fmt]
    if fmt == "jsonl" and request.get_preferred_type(JSONL_TYPES) == JSONL_TYPES[1]:
        response["Content-Type"] = JSONL_TYPES[1]
    if gzip:
        response["Content-Encoding"] = "gzip"
    response["Content-Disposition"] = f'attachment; filename="suppliers.{fmt}"'
    for key, value in headers.items():
        response[key] = value
    return response
