"""Lenient query-string forms for the public search pages and the API built on them.

A search page never rejects its query string: every field here drops what it cannot read
instead of raising, and the form lists what was dropped (``ignored``) so a page can say so and
the API can answer 400.
"""

import dataclasses
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict

MAX_QUERY_LENGTH = 200
MAX_VALUES = 20
MAX_VALUE_LENGTH = 100


class SearchTextField(forms.CharField):
    """Words with whitespace collapsed, cut to ``max_length``."""

    def __init__(self, max_length, **kwargs):
        super().__init__(max_length=max_length, required=False, **kwargs)

    def to_python(self, value):
        text = str(value or "")[: self.max_length * 4]
        return " ".join(text.split())[: self.max_length]


class NumberField(forms.Field):
    """A positive whole number below ``maximum``, else None."""

    def __init__(self, maximum, **kwargs):
        self.maximum = maximum
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            return None
        return number if 0 < number < self.maximum else None

    def rejected(self, raw):
        return [raw] if (raw or "").strip() and self.to_python(raw) is None else []


class ValuesField(forms.Field):
    """A repeatable parameter: up to ``MAX_VALUES`` distinct values, each read by ``read``
    (None drops it) and kept only if in ``allowed`` (when given), as a tuple."""

    widget = forms.MultipleHiddenInput

    def __init__(self, read=str, allowed=None, **kwargs):
        self.read, self.allowed = read, allowed
        super().__init__(required=False, **kwargs)

    def _read(self, raw):
        value = self.read(raw.strip()[:MAX_VALUE_LENGTH]) if raw else None
        return value if value and (self.allowed is None or value in self.allowed) else None

    def to_python(self, value):
        values = []
        for raw in (value or [])[:MAX_VALUES]:
            read = self._read(raw)
            if read and read not in values:
                values.append(read)
        return tuple(values)

    def rejected(self, raws):
        return [raw for raw in (raws or [])[:MAX_VALUES] if raw.strip() and not self._read(raw)]


class OptionField(forms.Field):
    """One of ``options`` (its keys), else ""."""

    def __init__(self, options, **kwargs):
        self.options = options
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return value if value in self.options else ""


class FlagField(forms.Field):
    """A yes/no filter: on for "1", "on" or "true"."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return value in ("1", "on", "true")


class QueryLinks:
    """Links for a search object whose ``params(**changes)`` gives its query as (key, value)."""

    def url(self, **changes):
        """ "?..." for the query with some parts replaced."""
        return "?" + urlencode(self.params(**changes))

    @property
    def querydict(self):
        """The query as a ``QueryDict``, for ``{% querystring %}`` in the templates."""
        data = QueryDict(mutable=True)
        for key, value in self.params():
            data.appendlist(key, str(value))
        return data


class QueryStringForm(forms.Form):
    """A form over a query string that is always valid (its fields drop junk)."""

    reported = ()  # the fields whose unreadable values are listed in ``ignored``
    renamed = {}  # {attribute of the query object: the field (query-string key) behind it}

    @property
    def values(self):
        """The cleaned values of every field."""
        self.is_valid()
        return self.cleaned_data

    def query(self, query_class):
        """A ``query_class`` (a dataclass) from the cleaned values and ``ignored``."""
        values = {**self.values, "ignored": self.ignored}
        return query_class(
            **{
                attribute.name: values[self.renamed.get(attribute.name, attribute.name)]
                for attribute in dataclasses.fields(query_class)
                if self.renamed.get(attribute.name, attribute.name) in values
            }
        )

    def raw(self, name):
        """The value as sent (a list for repeatable parameters)."""
        return self[name].data

    @property
    def ignored(self):
        """(name, value cut to 20 characters) for each value sent for a ``reported`` field that
        the field could not read."""
        return tuple(
            (name, raw[:20])
            for name in self.reported
            for raw in self.fields[name].rejected(self.raw(name))
        )
