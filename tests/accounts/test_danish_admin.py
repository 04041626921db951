"""A SØV, a buyer and a partner meet no English in a Danish admin session, and no Danish in an
English one.

Each user's admin is crawled (GET only) from the dashboard and from every admin URL the
allowlist opens to them, filled in with their own rows: listings, edit, history, create,
choosers and their modals (Wagtail's JSON), interests, contact messages, CSV exports, workflow
screens, account and notification settings with the password change. A page fails on a known
English phrase, a raw Python value or a Wagtail message that Danish leaves untranslated; in
English, on one of our or Wagtail's Danish messages. A view the allowlist opens that the crawl
neither reads nor is denied fails too, so a view a later Wagtail or app adds gets crawled.
"""

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qsl, urljoin, urlsplit

import polib
import pytest

from django.core.files.base import ContentFile
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.html import escape

import wagtail
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.users.models import UserProfile

from accounts.middleware import RestrictedAdminMiddleware
from cms.catalogues import LOCALE
from directory.models import ContactMessage, DirectoryIndexPage, SupplierProfile
from events.models import Partner, Registration
from procurement.models import InterestExpression, TenderPlanEntry, TenderPlanIndexPage

from ..events.factories import RegistrationFactory
from .test_permission_matrix import (
    _admin_patterns,
    _kwargs_for,
    _kwargs_names,
    owned_entry,
    owned_event,
    owned_interest,
    owned_viewsets,
)

# Seen in the restricted admin before it was translated (issue 14), and Python values shown raw.
KNOWN_ENGLISH = [
    "Submit to",
    "created and published",
    "Choose an image",
    "Choose a document",
    "Choose a page",
    "Collapse all",
    "Expand all",
    "More actions",
    "Page 1 of 1",
    "Moderators approval",
    "has been approved",
    "Save draft",
    "Inspect",
    "Search term",
    "Dashboard",
    "Log out",
    "Account",
    "History",
    "consortium_partner",
    "subcontractor",
    "market_dialogue",
]
RAW_VALUES = {"True", "False", "None"}
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description"}
SKIP_TAGS = {"script", "style", "template", "code", "pre"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
# The public page as it will look, in its own language.
PUBLIC_PREVIEWS = re.compile(r"/revisions/\d+/view/$|/view_draft/$")
SKIP_PATHS = re.compile(r"/(logout|jsi18n|sprite|dismissibles|preview)/|\.(js|css|svg)$")
LIMIT = 300


class _Text(HTMLParser):
    """Text and labelling attributes of a page, one string per text node or attribute; text in
    scripts and in ``hidden`` elements left out."""

    def __init__(self):
        super().__init__()
        self.strings, self.links, self._open = [], [], []

    @property
    def _skip(self):
        return any(skip for _tag, skip in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID_TAGS:
            self._open.append((tag, tag in SKIP_TAGS or "hidden" in attrs))
        self.strings += [attrs[a] for a in ATTRIBUTES if attrs.get(a)]
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        while any(open_tag == tag for open_tag, _skip in self._open):
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.strings.append(" ".join(data.split()))


PLACEHOLDER = r"%\(\w+\)[sd]|%[sd]|\{\w*\}"


def _placeholder_pattern(msgid):
    parts = re.split(PLACEHOLDER, msgid)
    return re.compile("^" + ".+".join(re.escape(p) for p in parts) + "$")


def untranslated_wagtail_messages():
    """Wagtail's and wagtail-localize's messages (their English catalogues list them all) that
    Danish leaves in English; at least two words, so that a word that is the same in both
    languages doesn't count."""
    import wagtail_localize

    roots = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]
    messages = set()
    with translation.override("da"):
        for root in roots:
            for po_file in root.glob("**/locale/en/LC_MESSAGES/django.po"):
                for entry in polib.pofile(str(po_file)):
                    forms = (
                        [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
                    )
                    if entry.msgid_plural:
                        danish = translation.ngettext(entry.msgid, entry.msgid_plural, 1)
                    else:
                        danish = translation.gettext(entry.msgid)
                    if danish != entry.msgid:
                        continue
                    for msgid in forms:
                        literal = re.sub(PLACEHOLDER, " ", msgid)
                        if len(re.findall(r"[A-Za-z]{2,}", literal)) >= 2:
                            messages.add(" ".join(msgid.split()))
    return messages


@pytest.fixture(scope="module")
def untranslated():
    messages = untranslated_wagtail_messages()
    plain = {m for m in messages if "%" not in m and "{" not in m}
    patterns = [_placeholder_pattern(m) for m in messages - plain]
    return plain, patterns


def english_in(html, untranslated):
    plain, patterns = untranslated
    parser = _Text()
    parser.feed(html)
    found = []
    for text in parser.strings:
        found += [p for p in KNOWN_ENGLISH if re.search(rf"\b{re.escape(p)}\b", text)]
        if text in RAW_VALUES or text in plain or any(p.match(text) for p in patterns):
            found.append(text)
    return found, parser.links


# Admin URLs a restricted user may open that are no page to read: files and JSON for scripts,
# POST-only actions, the public page in preview, and the editors' own screens.
NOT_PAGES = re.compile(
    r"(^|:)(wagtailadmin_(javascript_catalog|sprite|dismissibles|tag_autocomplete|block_preview"
    r"|logout|login|password_reset.*|choose_page_chosen_multiple)"
    r"|preview|preview_on_\w+|workflow_preview|view_draft|collect_workflow_action_data|workflow_action"
    r"|chosen|chosen_multiple|url_generator_output|lock|unlock|set_page_position"
    r"|\w+_multiple_from_uploaded_\w+|(edit|delete|delete_upload)_multiple|revisions_unschedule"
    r"|ping|release"
    r"|codes|take_offline|export_my_data|delete_my_account|approve|reject|pending)$"
)
FILE_IDS = {"image_id", "document_id", "doc_id"}


def danish_messages():
    """Danish texts of our catalogue and Wagtail's (and wagtail-localize's) that differ from
    their English msgid; at least two words, none that is also an English msgid."""
    import wagtail_localize

    roots = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]
    files = [LOCALE / "da" / "LC_MESSAGES" / "django.po"]
    files += [f for root in roots for f in root.glob("**/locale/da/LC_MESSAGES/django.po")]
    entries = [e for f in files for e in polib.pofile(str(f)) if e.translated()]
    english = {" ".join(e.msgid.split()) for e in entries}
    messages = set()
    for entry in entries:
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            text = " ".join(text.split())
            literal = re.sub(PLACEHOLDER, " ", text)
            if text not in english and len(re.findall(r"\w{2,}", literal)) >= 2:
                messages.add(text)
    return messages


@pytest.fixture(scope="module")
def danish():
    messages = danish_messages()
    plain = {m for m in messages if not re.search(PLACEHOLDER, m)}
    with_values = [_placeholder_pattern(m).pattern[1:-1] for m in messages - plain]
    return plain, re.compile("^(?:" + "|".join(with_values) + ")$")


def danish_in(html, danish):
    """Texts of the page that are one of our or Wagtail's Danish messages."""
    plain, pattern = danish
    parser = _Text()
    parser.feed(html)
    found = [t for t in parser.strings if t in plain or pattern.match(t)]
    return found, parser.links


def _namespace_models():
    models = {v.url_namespace: v.model for v in owned_viewsets()}
    models |= {"wagtailimages": Image, "wagtailimages_chooser": Image, "wagtaildocs": Document}
    models |= {"directory_owner": SupplierProfile, "procurement_matching": TenderPlanEntry}
    return models


def _allowed(user, name):
    namespace, _colon, url_name = name.rpartition(":")
    match = SimpleNamespace(
        namespaces=namespace.split(":") if namespace else [],
        namespace=namespace,
        view_name=name,
        url_name=url_name,
    )
    return RestrictedAdminMiddleware.allows(match, user)


def reachable_urls(user, rows):
    """``{view name: URL}`` of every admin page the allowlist opens to ``user``, with the user's
    own rows (``{model: row}``) in its arguments; views of a model without a row left out."""
    models = _namespace_models()
    urls = {}
    for name, pattern in _admin_patterns():
        if NOT_PAGES.search(name) or not _allowed(user, name):
            continue
        names = _kwargs_names(pattern)
        namespace = name.rpartition(":")[0]
        explore = name.startswith("wagtailadmin_explore")
        page_view = explore or name.startswith("wagtailadmin_pages:")
        row = rows.get(Page if page_view else models.get(namespace))
        if name == "wagtailadmin_choose_page_child":
            row = Page.objects.get(depth=2)
        elif names and row is None:
            continue
        kwargs = _kwargs_for(pattern, row) if names - FILE_IDS - {"filter_spec"} else {}
        if names & FILE_IDS:
            kwargs |= dict.fromkeys(names & FILE_IDS, row.pk)
        if "filter_spec" in names:
            kwargs["filter_spec"] = "original"
        if "parent_page_id" in names and (explore or "content_type_app_name" in names):
            kwargs["parent_page_id"] = row.get_parent().pk
        urls[name] = reverse(name, kwargs=kwargs)
    return urls


def _page_text(response):
    """The HTML of an admin page, of a modal (Wagtail's JSON with ``html``) or of a CSV
    export's cells; else None."""
    content_type = response.get("Content-Type", "")
    if "text/csv" in content_type:
        text = response.getvalue().decode("utf-8-sig")
        delimiter = ";" if ";" in text.partition("\n")[0] else ","
        cells = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
        return "".join(f"<p>{escape(cell)}</p>" for cell in cells)
    if "html" in content_type:
        return response.content.decode()
    if "json" in content_type:
        data = json.loads(response.content)
        if isinstance(data, dict):
            return data.get("html") or data.get("htmlFragment")
    return None


def _visit_key(url):
    """One visit per path and set of query keys: ``?ordering=name`` stands for every order."""
    parts = urlsplit(url)
    return parts.path, frozenset(key for key, _value in parse_qsl(parts.query))


def _denied(response):
    """Wagtail's answer to a URL the user may not open: back to the dashboard, 403 or 404."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url == "/admin/"
    )


def crawl(client, user, start, check, language="da"):
    """``(view names read, denied or redirecting, {url: what check found})`` over the admin
    pages reachable from ``start`` in ``language``."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    queue, seen, read, problems = [(url, None) for url in start], set(), set(), {}
    while queue and len(seen) < LIMIT:
        url, referer = queue.pop(0)
        path = urlsplit(url).path
        if _visit_key(url) in seen or not path.startswith("/admin/") or SKIP_PATHS.search(path):
            continue
        seen.add(_visit_key(url))
        response = client.get(url, headers={"accept-language": language})
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code, referer)
        html = _page_text(response) if response.status_code == 200 else None
        if html is None:
            if _denied(response) or response.status_code == 302:
                read.add(resolve(path).view_name)
            if response.status_code == 302:
                queue.append((response.url, url))
            continue
        read.add(resolve(path).view_name)
        found, links = check(html)
        if found and not (language != "da" and PUBLIC_PREVIEWS.search(path)):
            problems[url] = sorted(set(found))
        for link in links:
            parts = urlsplit(urljoin(url, link))
            if parts.netloc in ("", "testserver"):
                queue.append((parts.path + (f"?{parts.query}" if parts.query else ""), url))
    return read, problems


def test_english_in_finds_known_phrases_and_untranslated_wagtail_messages(untranslated):
    plain, _patterns = untranslated
    assert "Gem kladde" not in plain and plain
    message = sorted(plain)[0]
    html = f'<p>{message}</p><button aria-label="More actions">x</button><td>None</td>'
    found, _links = english_in(html, untranslated)
    assert {message, "More actions", "None"} <= set(found)
    assert english_in("<p>Gem kladde</p><script>'Save draft'</script>", untranslated)[0] == []


@pytest.fixture
def public_pages(home_page):
    """The directory and the tender plan, which the dashboard panels link into."""
    for page in (
        DirectoryIndexPage(title="Leverandører", slug="leverandoerer"),
        TenderPlanIndexPage(title="Udbudsplan", slug="udbudsplan"),
    ):
        home_page.add_child(instance=page).save_revision().publish()


def _image(user):
    return Image.objects.create(
        title="Vores logo", file=get_test_image_file(), uploaded_by_user=user
    )


def role_rows(role):
    """A user of ``role`` and ``{model: row}`` of what they own, one row of each kind they
    reach, a profile waiting for approval among them."""
    if role == "supplier":
        user, interest = owned_interest("Alice Rengøring")
        profile = interest.supplier
        message = ContactMessage.objects.create(
            profile=profile,
            name="Bo Køber",
            email="bo@koeber.example",
            subject="Rengøring af skolen",
            message="Kan I gøre rent på skolen?",
            language="da",
        )
        workflow = profile.get_workflow()
        if workflow is not None:
            workflow.start(profile, user)
        rows = {InterestExpression: interest, SupplierProfile: profile, ContactMessage: message}
    elif role == "buyer":
        user, entry = owned_entry("Testby")
        _supplier, interest = owned_interest("Bente Byg")
        interest.entry = entry
        interest.save()
        entry.save_revision(user=user)
        rows = {TenderPlanEntry: entry, InterestExpression: interest}
    else:
        user, event = owned_event("Anne Partner")
        registration = RegistrationFactory(event=event, name="Deltager", email="d@del.example")
        document = Document.objects.create(
            title="Program",
            file=ContentFile(b"%PDF-1.4 program", "program.pdf"),
            uploaded_by_user=user,
        )
        partner = Partner.objects.get(members=user)
        rows = {Partner: partner, Registration: registration, Page: event, Document: document}
    return user, rows | {Image: _image(user)}


def _start(user, rows):
    return ["/admin/", *reachable_urls(user, rows).values()]


@pytest.mark.parametrize("role", ["supplier", "buyer", "partner"])
def test_restricted_admin_is_danish_throughout(client, public_pages, untranslated, role):
    """Every admin view the allowlist opens to the role (with a row of theirs to open) is read,
    or is in NOT_PAGES: a view a later Wagtail or app adds fails here until it is crawled."""
    user, rows = role_rows(role)
    urls = reachable_urls(user, rows)
    read, problems = crawl(
        client, user, ["/admin/", *urls.values()], lambda h: english_in(h, untranslated)
    )
    assert {name: url for name, url in urls.items() if name not in read} == {}
    assert problems == {}


@pytest.mark.parametrize("role", ["supplier", "buyer", "partner"])
def test_restricted_admin_is_english_throughout_in_english(client, public_pages, danish, role):
    user, rows = role_rows(role)
    read, problems = crawl(client, user, _start(user, rows), lambda h: danish_in(h, danish), "en")
    assert len(read) > 20
    assert problems == {}


def test_the_admin_carries_our_name_logo_and_colours_and_no_gravatar(client, public_pages):
    user, _interest = owned_interest("Alice Rengøring")
    login = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Log ind på Socialøkonomisk" in login and "img/logo.svg" in login
    client.force_login(user)
    body = client.get("/admin/").content.decode()
    assert "- Socialøkonomisk</title>" in body
    assert "Velkommen til Socialøkonomisk" in body
    assert "css/admin.css" in body and "img/logo.svg" in body
    assert "gravatar" not in body.lower()


def test_wagtail_s_javascript_strings_are_danish(client, public_pages):
    from cms.catalogues import untranslated_wagtail_js

    assert untranslated_wagtail_js() == []
    user, _interest = owned_interest("Alice Rengøring")
    client.force_login(user)
    page = client.get("/admin/", headers={"accept-language": "da"}).content.decode()
    catalogue_url = reverse("wagtailadmin_javascript_catalog")
    assert f'src="{catalogue_url}"' in page
    config = json.loads(re.search(r'id="wagtail-config"[^>]*>(.*?)</script>', page, re.S)[1])
    assert config["STRINGS"]["BULK_ACTIONS"]["PAGE"]["SINGULAR"] == "1 side valgt"
    script = client.get(catalogue_url, headers={"accept-language": "da"}).content.decode()
    for english, danish in [
        ("Collapse all", "Fold alle sammen"),
        ("More actions", "Flere handlinger"),
    ]:
        assert f"{json.dumps(english)}: {json.dumps(danish)}" in script


def test_wagtail_localize_s_javascript_strings_are_danish(client, admin_user):
    client.force_login(admin_user)
    url = reverse("wagtail_localize:javascript_catalog")
    script = client.get(url, headers={"accept-language": "da"}).content.decode()
    for english, danish in [("Translate", "Oversæt"), ("Server error", "Serverfejl")]:
        assert f"{json.dumps(english)}: {json.dumps(danish)}" in script


@pytest.mark.parametrize("role", ["supplier", "buyer", "partner"])
def test_no_dashboard_shows_site_wide_counts_or_gravatar(client, public_pages, role):
    user, _rows = role_rows(role)
    client.force_login(user)
    dashboard = client.get("/admin/").content.decode()
    assert "w-summary" not in dashboard
    assert "gravatar" not in dashboard.lower()
