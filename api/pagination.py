"""Keyset (cursor) pagination: stable under inserts and updates, constant cost per page."""

import base64
import binascii
import datetime
import json

from django.db.models import Q


class CursorError(ValueError):
    pass


def encode(value, pk):
    if isinstance(value, datetime.datetime):
        value = value.isoformat()
    raw = json.dumps([value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor, is_datetime):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
        if is_datetime:
            value = datetime.datetime.fromisoformat(value)
        if isinstance(pk, bool) or not isinstance(pk, int | str):
            raise TypeError
        if isinstance(pk, int) and not 0 <= pk < 2**62:
            raise ValueError
        if isinstance(pk, str) and (len(pk) > 20 or "\x00" in pk):
            raise ValueError
        if isinstance(value, str) and (len(value) > 100 or "\x00" in value):
            raise ValueError
        if isinstance(value, datetime.datetime) and value.tzinfo is None:
            raise ValueError
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as error:
        raise CursorError("The cursor is not valid; start again without it.") from error
    return value, pk


def keyset_page(queryset, field, cursor, limit, is_datetime=True):
    """(rows, next cursor or None) ordered by ``field`` then primary key."""
    queryset = queryset.order_by(*dict.fromkeys([field, "pk"]))
    if cursor:
        value, pk = decode(cursor, is_datetime)
        if field == "pk":
            queryset = queryset.filter(pk__gt=pk)
        else:
            queryset = queryset.filter(
                Q(**{f"{field}__gt": value}) | Q(**{field: value, "pk__gt": pk})
            )
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    if not more:
        return rows, None
    last = rows[-1]
    value = last.pk if field == "pk" else getattr(last, field)
    return rows, encode(value, last.pk)
