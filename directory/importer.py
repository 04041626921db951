"""Bulk import of supplier profiles from JSON Lines or CSV.

One profile per line. Keys (JSON) or columns (CSV):

``name``, ``cvr`` (required), ``summary`` (required, ≤ 300 characters), ``description`` (plain
text, blank lines between paragraphs), ``social_purpose``, ``offerings`` (list of
``{"title", "description", "cpv", "price"}``), ``cpv`` (list of 8-digit codes), ``municipality``
(municipality code, e.g. 101), ``delivery`` (``{"scope": "municipalities"|"regions"|"national",
"codes": [...]}``), ``target_groups`` (slugs), ``tags``, ``employees_total``,
``employees_special_terms``, ``rsv`` (claims RSV registration), ``open_to_consortia``,
``website``, ``email``, ``phone``. Optional: ``reserved_contract``, ``open_to_subcontracting``,
``legal_form``, ``founded_year``, ``address``, ``postcode``, ``city``, ``contact_name``,
``contract_capacity``, ``references`` (list of ``{"customer", "year", "delivered"}``).
Keys starting with ``_`` are ignored.

In CSV, list columns are separated by ``;``; ``offerings`` and ``references`` hold JSON or
``title: description | title: description``; ``delivery`` is ``national``,
``regions: 1084;1085`` or ``municipalities: 101;147``; yes/no columns take ``ja``/``nej``,
``yes``/``no``, ``true``/``false`` or ``1``/``0``.

Each row is validated on its own: bad rows are reported with their line number and not
imported; good rows are. A row whose CVR exists updates that profile; an unchanged row is left
alone, so importing the same file twice changes nothing.
"""

import csv
import io
import json
from dataclasses import dataclass, field

from stdnum.dk import cvr as stdnum_cvr

from django import forms
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms.slugs import danish_slug

from .models import (
    CpvCode,
    FormerSlug,
    Municipality,
    Region,
    SupplierOffering,
    SupplierProfile,
    SupplierReference,
    TargetGroup,
    default_locale_q,
)
from .queries import normalise_cpv

SCALAR_FIELDS = [
    "name",
    "cvr",
    "summary",
    "social_purpose",
    "employees_total",
    "employees_special_terms",
    "rsv_claimed",
    "reserved_contract_claim",
    "open_to_consortia",
    "open_to_subcontracting",
    "website",
    "email",
    "phone",
    "municipality",
    "legal_form",
    "founded_year",
    "address",
    "postcode",
    "city",
    "contact_name",
    "contract_capacity",
]
RENAMED = {"rsv": "rsv_claimed", "reserved_contract": "reserved_contract_claim"}
BOOLEAN_FIELDS = {
    "rsv_claimed",
    "reserved_contract_claim",
    "open_to_consortia",
    "open_to_subcontracting",
}
TRUE = {"1", "true", "yes", "ja", "y", "j", "x"}
FALSE = {"", "0", "false", "no", "nej", "n"}


class RowError(Exception):
    """A row that cannot be imported, with the reason in the reader's language."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    @property
    def imported(self):
        return self.created + self.updated

    def summary(self):
        return _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(errors)s rejected."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": len(self.errors),
        }


class ProfileRowForm(forms.ModelForm):
    """Validates the plain fields of one imported row with the model's own rules."""

    class Meta:
        model = SupplierProfile
        fields = SCALAR_FIELDS

    def clean_cvr(self):
        return stdnum_cvr.compact(self.cleaned_data.get("cvr") or "")


def read_rows(handle, filename):
    """Yield ``(line number, dict)`` or ``(line number, RowError)`` from an uploaded file."""
    raw = handle.read()
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw.lstrip("\ufeff")
    if filename.lower().endswith(".csv"):
        yield from _csv_rows(text)
    else:
        yield from _jsonl_rows(text)


def _jsonl_rows(text):
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, RowError(_("Not valid JSON: %(error)s") % {"error": error.msg})
            continue
        if not isinstance(data, dict):
            yield number, RowError(_("Each line must be a JSON object."))
            continue
        yield number, data


def _csv_rows(text):
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    for row in reader:
        data = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        if not any(data.values()):
            continue
        try:
            yield reader.line_num, _from_csv(data)
        except RowError as error:
            yield reader.line_num, error


def _split(value):
    if isinstance(value, list):
        return value
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def _pairs(value, keys):
    value = (value or "").strip()
    if not value:
        return []
    if value.startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError as error:
            raise RowError(_("Not valid JSON: %(error)s") % {"error": error.msg}) from None
    items = []
    for part in value.split("|"):
        first, _sep, rest = part.partition(":")
        items.append({keys[0]: first.strip(), keys[1]: rest.strip()})
    return items


def _from_csv(data):
    data = dict(data)
    for key in ("cpv", "target_groups", "tags"):
        data[key] = _split(data.get(key))
    data["offerings"] = _pairs(data.get("offerings"), ("title", "description"))
    data["references"] = _pairs(data.get("references"), ("customer", "delivered"))
    delivery = data.get("delivery", "")
    scope, _sep, codes = delivery.partition(":")
    data["delivery"] = {"scope": scope.strip(), "codes": _split(codes)} if delivery else None
    return data


def _boolean(value, label):
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise RowError(
        _("%(field)s must be yes or no, not “%(value)s”.") % {"field": label, "value": value}
    )


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list | dict):
        raise RowError(_("Expected text, got a list."))
    return str(value).strip()


def _paragraphs(text):
    """Plain text to rich text: every block becomes an escaped paragraph."""
    blocks = [" ".join(block.split()) for block in text.replace("\r", "").split("\n\n")]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


class RowImporter:
    """Validates and saves rows; reference data is loaded once per import."""

    def __init__(self, publish=False, user=None):
        self.publish = publish
        self.user = user
        self.cpv = None
        self.target_groups = {g.slug: g for g in TargetGroup.objects.filter(default_locale_q())}
        self.municipalities = set(Municipality.objects.values_list("code", flat=True))
        self.regions = set(Region.objects.values_list("code", flat=True))

    def cpv_codes(self, codes):
        codes = [normalise_cpv(code) or str(code) for code in codes]
        found = {c.code: c for c in CpvCode.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise RowError(_("Unknown CPV code: %(codes)s") % {"codes": ", ".join(unknown)})
        return [found[code] for code in dict.fromkeys(codes)]

    def run(self, rows):
        report = ImportReport()
        for number, data in rows:
            if isinstance(data, RowError):
                report.errors.append((number, str(data)))
                continue
            try:
                with transaction.atomic():
                    outcome = self.import_row(data)
            except RowError as error:
                report.errors.append((number, str(error)))
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
        return report

    def import_row(self, data):
        data = {RENAMED.get(k, k): v for k, v in data.items() if not str(k).startswith("_")}
        compact = stdnum_cvr.compact(_text(data.get("cvr")))
        existing = SupplierProfile.objects.filter(cvr=compact).first() if compact else None
        if existing is not None and existing.has_unpublished_changes:
            existing = existing.get_latest_revision_as_object()
        instance = existing or SupplierProfile()
        before = fingerprint(existing) if existing else None

        form_data = {}
        for name in SCALAR_FIELDS:
            value = data.get(name)
            if name in BOOLEAN_FIELDS:
                form_data[name] = _boolean(value, name)
            elif value is not None:
                form_data[name] = _text(value)
        form_data["cvr"] = compact
        form = ProfileRowForm(form_data, instance=instance)
        if not form.is_valid():
            raise RowError(_format_errors(form))
        profile = form.save(commit=False)
        profile.description = _paragraphs(_text(data.get("description")))
        if not profile.slug:
            profile.slug = unique_slug(profile.name)

        codes = data.get("cpv") or []
        if not isinstance(codes, list):
            raise RowError(_("cpv must be a list of codes."))
        profile.cpv_codes = self.cpv_codes(codes)
        if self.publish and not codes:
            raise RowError(_("Add at least one CPV code before the profile is published."))
        profile.target_groups = self.groups(data.get("target_groups") or [])
        self.delivery(profile, data.get("delivery"))
        tags = data.get("tags") or []
        if not isinstance(tags, list) or any(len(str(t)) > 100 for t in tags):
            raise RowError(_("tags must be a list of words of at most 100 characters."))
        profile.tags.set([str(t).strip() for t in tags if str(t).strip()], clear=True)
        profile.offerings = self.offerings(data.get("offerings") or [])
        profile.references = self.references(data.get("references") or [])

        if before is not None and fingerprint(profile) == before:
            if self.publish and not existing.live:
                self.save(profile, existing)
                return "updated"
            return "unchanged"
        self.save(profile, existing)
        return "updated" if existing else "created"

    def save(self, profile, existing):
        if self.publish:
            profile.save()
            profile.save_revision(user=self.user, log_action=True).publish(user=self.user)
        elif existing is not None and existing.live:
            profile.save_revision(user=self.user, log_action=True)
        else:
            profile.live = False
            profile.save()
            profile.save_revision(user=self.user, log_action=True)

    def groups(self, slugs):
        if not isinstance(slugs, list):
            raise RowError(_("target_groups must be a list of slugs."))
        unknown = [s for s in slugs if s not in self.target_groups]
        if unknown:
            raise RowError(_("Unknown target group: %(slugs)s") % {"slugs": ", ".join(unknown)})
        return [self.target_groups[s] for s in dict.fromkeys(slugs)]

    def delivery(self, profile, delivery):
        scope = SupplierProfile.DeliveryScope
        if not delivery:
            delivery = {"scope": scope.MUNICIPALITIES, "codes": []}
            if profile.municipality_id:
                delivery["codes"] = [profile.municipality_id]
        if not isinstance(delivery, dict) or delivery.get("scope") not in scope.values:
            raise RowError(_("delivery scope must be one of municipalities, regions or national."))
        try:
            codes = [int(code) for code in delivery.get("codes") or []]
        except (TypeError, ValueError):
            raise RowError(_("delivery codes must be numbers.")) from None
        profile.delivery_scope = delivery["scope"]
        profile.delivery_municipalities = []
        profile.delivery_regions = []
        if delivery["scope"] == scope.NATIONAL:
            return
        known = self.municipalities if delivery["scope"] == scope.MUNICIPALITIES else self.regions
        unknown = [str(code) for code in codes if code not in known]
        if unknown:
            raise RowError(
                _("Unknown delivery area code: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        if not codes:
            raise RowError(_("Name the municipalities or regions you deliver to."))
        if delivery["scope"] == scope.MUNICIPALITIES:
            profile.delivery_municipalities = list(Municipality.objects.filter(code__in=codes))
        else:
            profile.delivery_regions = list(Region.objects.filter(code__in=codes))

    def offerings(self, items):
        if not isinstance(items, list):
            raise RowError(_("offerings must be a list."))
        offerings = []
        for order, item in enumerate(items):
            if not isinstance(item, dict) or not _text(item.get("title")):
                raise RowError(_("Every offering needs a title."))
            code = item.get("cpv")
            offering = SupplierOffering(
                title=_text(item["title"])[:200],
                description=_text(item.get("description")),
                price_indication=_text(item.get("price"))[:200],
                cpv_code=self.cpv_codes([code])[0] if code else None,
                sort_order=order,
            )
            offerings.append(offering)
        return offerings

    def references(self, items):
        if not isinstance(items, list):
            raise RowError(_("references must be a list."))
        references = []
        for order, item in enumerate(items):
            if not isinstance(item, dict) or not _text(item.get("customer")):
                raise RowError(_("Every reference needs a customer."))
            year = item.get("year")
            try:
                year = int(year) if year not in (None, "") else None
            except (TypeError, ValueError):
                raise RowError(_("A reference year must be a number.")) from None
            references.append(
                SupplierReference(
                    customer=_text(item["customer"])[:200],
                    year=year,
                    delivered=_text(item.get("delivered")),
                    sort_order=order,
                )
            )
        return references


def _format_errors(form):
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        text = " ".join(str(e) for e in errors)
        parts.append(f"{name} ({label}): {text}" if label else text)
    return "; ".join(parts)


def unique_slug(name):
    """A free slug from the name, Danish letters spelt out as in tender slugs (groen-omstilling);
    never one that redirects to another profile."""
    base = danish_slug(name)[:100] or "leverandoer"
    slug, n = base, 2
    while (
        SupplierProfile.objects.filter(slug=slug).exists()
        or FormerSlug.objects.filter(slug=slug).exists()
    ):
        slug, n = f"{base}-{n}", n + 1
    return slug


def fingerprint(profile):
    """Everything an import can set, to tell an unchanged row from a changed one."""
    return (
        tuple(
            str(getattr(profile, f"{name}_id" if name == "municipality" else name) or "")
            for name in SCALAR_FIELDS
        ),
        profile.description,
        profile.delivery_scope,
        sorted(c.pk for c in profile.cpv_codes.all()),
        sorted(g.pk for g in profile.target_groups.all()),
        sorted(m.pk for m in profile.delivery_municipalities.all()),
        sorted(r.pk for r in profile.delivery_regions.all()),
        sorted(t.name for t in profile.tags.all()),
        [
            (o.title, o.description, o.price_indication, o.cpv_code_id)
            for o in profile.offerings.all()
        ],
        [(r.customer, r.year, r.delivered) for r in profile.references.all()],
    )


def import_file(handle, filename, publish=False, user=None):
    """Import every row of ``handle``; returns an ``ImportReport``."""
    from .search import rebuild_vocabulary

    report = RowImporter(publish=publish, user=user).run(read_rows(handle, filename))
    rebuild_vocabulary()
    return report
