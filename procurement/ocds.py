"""The tender plan as an OCDS 1.1 release package with each entry's full history.

An entry's first publication is a ``planning`` release; each later publication (a change,
including a status change) is a ``planningUpdate``, and so is each unpublication, with the
tender ``withdrawn``. The history comes from Wagtail's publish/unpublish log and the published
revisions.
"""

import datetime
import json
import re
from dataclasses import replace

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from wagtail.models import ModelLogEntry, Revision

from cms.conditional import conditional
from cms.public import page_url, public_url
from directory.models import CpvCode

from .models import BuyerOrganisation, InterestExpression, Procedure, Status, TenderPlanEntry
from .queries import TenderPlanQuery

BLOCK_END = re.compile(r"(</(p|h[1-6]|li|blockquote|div)>|<br\s*/?>)", re.IGNORECASE)
PUBLISHER = "Socialøkonomisk"
TENDER_STATUS = {
    Status.PLANNED: "planned",
    Status.PUBLISHED: "active",
    Status.AWARDED: "complete",
    Status.CANCELLED: "cancelled",
}
PROCUREMENT_METHOD = {
    Procedure.EU_TENDER: "open",
    Procedure.NATIONAL_TENDER: "open",
    Procedure.BELOW_THRESHOLD: "limited",
    Procedure.DIRECT_AWARD: "direct",
}
MAX_ENTRIES = 5000
PUBLISH, UNPUBLISH = "wagtail.publish", "wagtail.unpublish"
MANY_TO_MANY = ("cpv_codes", "delivery_municipalities")  # read in bulk, not per revision


def ocid_prefix():
    """The OCID prefix registered with the Open Contracting Partnership (setting)."""
    return settings.OCDS_OCID_PREFIX


def paragraphs(html):
    """Rich text as plain text with its paragraphs kept apart by blank lines."""
    text = strip_tags(BLOCK_END.sub("\n\n", html or ""))
    return "\n\n".join(part.strip() for part in re.split(r"\n\s*\n", text) if part.strip())


def party_id(cvr, fallback):
    return f"DK-CVR-{cvr}" if cvr else fallback


def _date(day):
    """A date as an OCDS date-time at midnight Danish time."""
    moment = datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())
    return moment.isoformat()


def release_for(entry, entry_url, interests, cpv):
    """The entry as it was published (``entry`` may be a revision's object)."""
    organisation = entry.organisation
    buyer_id = party_id(organisation.cvr, f"buyer-{organisation.pk}")
    buyer = {"id": buyer_id, "name": organisation.name, "roles": ["buyer"]}
    if organisation.cvr:
        buyer["identifier"] = {
            "scheme": "DK-CVR",
            "id": organisation.cvr,
            "legalName": organisation.name,
        }
    if organisation.website:
        buyer["contactPoint"] = {"url": organisation.website}
    if entry.contact_name or entry.contact_email:
        contact = {"name": entry.contact_name, "email": entry.contact_email}
        if entry.contact_phone:
            contact["telephone"] = entry.contact_phone
        buyer["contactPoint"] = {
            **buyer.get("contactPoint", {}),
            **{k: v for k, v in contact.items() if v},
        }
    parties = [buyer]
    for interest in interests:
        supplier = interest.supplier
        parties.append(
            {
                "id": party_id(supplier.cvr, f"supplier-{supplier.pk}"),
                "name": supplier.name,
                "identifier": {"scheme": "DK-CVR", "id": supplier.cvr, "legalName": supplier.name},
                "roles": ["interestedParty"],
            }
        )
    with translation.override("da"):  # the release's language
        procedure_label = str(entry.get_procedure_display())
    items = [
        {
            "id": str(index),
            "description": code.label_da,
            "classification": {"scheme": "CPV", "id": code.code, "description": code.label_da},
        }
        for index, code in enumerate(cpv, start=1)
    ]
    tender = {
        "id": f"{ocid_prefix()}-{entry.pk}-tender",
        "title": entry.title,
        "description": entry.summary,
        "status": TENDER_STATUS[entry.status],
        "procurementMethodDetails": procedure_label,
        "items": items,
        "tenderPeriod": {"startDate": _date(entry.expected_publication)},
        "hasEnquiries": False,
    }
    if entry.procedure in PROCUREMENT_METHOD:
        tender["procurementMethod"] = PROCUREMENT_METHOD[entry.procedure]
    if entry.contract_start:
        period = {"startDate": _date(entry.contract_start)}
        if entry.contract_end:
            period["endDate"] = _date(entry.contract_end)
            period["durationInDays"] = (entry.contract_end - entry.contract_start).days + 1
        tender["contractPeriod"] = period
    if entry.interest_deadline:
        tender["enquiryPeriod"] = {
            "endDate": _date(entry.interest_deadline + datetime.timedelta(days=1))
        }
    if entry.value_estimate is not None:
        tender["value"] = {"amount": entry.value_estimate, "currency": "DKK"}
    tender["documents"] = [
        {"id": "plan", "documentType": "procurementPlan", "url": entry_url, "title": entry.title}
    ]
    if entry.notice_url:
        tender["documents"].append(
            {"id": "notice", "documentType": "tenderNotice", "url": entry.notice_url}
        )
    planning = {"rationale": paragraphs(entry.description)[:2000] or entry.summary}
    if entry.has_value:
        low, high = entry.value_min, entry.value_max
        description = (
            f"DKK {low:,}–{high:,}".replace(",", ".")
            if low is not None and high is not None
            else f"DKK {entry.value_estimate:,}".replace(",", ".")
        )
        planning["budget"] = {
            "id": "1",
            "description": description,
            "amount": {"amount": entry.value_estimate, "currency": "DKK"},
        }
    return {
        "initiationType": "tender",
        "language": "da",
        "parties": parties,
        "buyer": {"id": buyer_id, "name": organisation.name},
        "planning": planning,
        "tender": tender,
    }


def _stamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def history(entries):
    """{entry id: [(log entry, revision or None)]}: publications and unpublications, oldest
    first (two queries)."""
    logs = list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(TenderPlanEntry),
            object_id__in=[str(entry.pk) for entry in entries],
            action__in=[PUBLISH, UNPUBLISH],
        ).order_by("timestamp", "pk")
    )
    revisions = Revision.objects.in_bulk([log.revision_id for log in logs if log.revision_id])
    events = {}
    for log in logs:
        revision = revisions.get(log.revision_id)
        if log.action == PUBLISH and revision is None:
            continue
        events.setdefault(int(log.object_id), []).append((log, revision))
    return events


def withdrawal(entry):
    return {
        "initiationType": "tender",
        "language": "da",
        "tender": {"id": f"{ocid_prefix()}-{entry.pk}-tender", "status": "withdrawn"},
    }


def entry_releases(entry, events, entry_url, interests, organisations, cpv):
    """The entry's releases, oldest first. Only the newest lists the interested suppliers (the
    visible, active ones of ``interests``) as they are now, so its id and date follow the
    interests' last change."""
    shown = [
        interest
        for interest in interests
        if interest.visible_to_others and interest.is_active and interest.supplier.live
    ]
    ocid = f"{ocid_prefix()}-{entry.pk}"
    releases = []
    for index, (log, revision) in enumerate(events):
        newest = index == len(events) - 1
        date = log.timestamp
        if revision is None:
            body, key = withdrawal(entry), f"withdrawn-{log.pk}"
        else:
            content = {k: v for k, v in revision.content.items() if k not in MANY_TO_MANY}
            published = TenderPlanEntry.from_serializable_data(content, check_fks=False)
            published.organisation = organisations[published.organisation_id]
            codes = [cpv[pk] for pk in revision.content.get("cpv_codes", []) if pk in cpv]
            body = release_for(published, entry_url, shown if newest else [], codes)
            key = str(revision.pk)
            changed = [interest.updated_at for interest in interests] if newest else []
            if changed and max(changed) > date:
                date = max(changed)
                key = f"{key}-{_stamp(date)}"
        tag = "planningUpdate" if releases else "planning"
        releases.append(
            {"ocid": ocid, "id": f"{ocid}-{key}", "date": date.isoformat(), "tag": [tag], **body}
        )
    return releases


def release_package(request, page, query):
    base = page_url(page, request)
    if not query.status:  # the history includes awards and cancellations
        query = replace(query, status=tuple(Status.values))
    published_once = TenderPlanEntry.objects.filter(first_published_at__isnull=False)
    entries = list(
        query.filtered(base=published_once).order_by("expected_publication", "pk")[:MAX_ENTRIES]
    )
    events = history(entries)
    revisions = [revision for item in events.values() for _log, revision in item if revision]
    organisations = BuyerOrganisation.objects.in_bulk(
        {revision.content.get("organisation") for revision in revisions}
    )
    cpv = CpvCode.objects.in_bulk(
        {pk for revision in revisions for pk in revision.content.get("cpv_codes", [])}
    )
    interests = {}
    for interest in (
        InterestExpression.objects.filter(entry__in=entries)
        .select_related("supplier")
        .order_by("supplier__name")
    ):
        interests.setdefault(interest.entry_id, []).append(interest)
    releases = []
    for entry in entries:
        url = f"{base}{entry.pk}/{entry.slug}/"
        releases += entry_releases(
            entry, events.get(entry.pk, []), url, interests.get(entry.pk, []), organisations, cpv
        )
    return {
        "uri": public_url(request.get_full_path()),
        "version": "1.1",
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": PUBLISHER, "uri": public_url("/")},
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "publicationPolicy": base,
        "releases": releases,
    }


def ocds_sources():
    """What the package is built from, for its ETag and Last-Modified."""
    from api.models import Tombstone

    return [
        (TenderPlanEntry.objects.all(), "updated_at"),
        (TenderPlanEntry.objects.live(), "updated_at"),
        (
            ModelLogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(TenderPlanEntry),
                action__in=[PUBLISH, UNPUBLISH],
            ),
            "timestamp",
        ),
        (InterestExpression.objects.all(), "updated_at"),
        (Tombstone.objects.filter(kind=Tombstone.Kind.TENDER), "removed_at"),
    ]


def ocds_response(request, page):
    query = TenderPlanQuery.from_querydict(request.GET).validated()

    def respond():
        data = release_package(request, page, query)
        return HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )

    response = conditional(request, ocds_sources(), respond)
    response["Access-Control-Allow-Origin"] = "*"
    return response
