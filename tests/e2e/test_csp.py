"""No page breaks its own Content-Security-Policy: public pages and the admin's edit views."""

import re

import pytest

pytestmark = pytest.mark.e2e

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
    `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
));
"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations from events and console messages."""
    page.add_init_script(LISTEN)
    page.csp_console = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text
        and page.csp_console.append(message.text),
    )
    return page


def assert_no_violations(page, url):
    page.goto(url, timeout=60_000)  # the profile editor is heavy on a busy machine
    page.wait_for_load_state("networkidle", timeout=60_000)
    violations = page.evaluate("window.__csp") + page.csp_console
    assert violations == [], f"{url}: {violations}"


def test_public_pages_keep_to_the_policy(watched, server):
    profile = server.shell(
        "from directory.models import SupplierProfile;"
        "print(SupplierProfile.objects.filter(live=True).first().slug)"
    ).strip()
    for url in [
        "/",
        "/leverandoerer/",
        "/leverandoerer/?q=rengøring&region=1082",
        f"/leverandoerer/{profile}/",
        "/leverandoerer/widget/",
        "/udbudsplan/",
        "/arrangementer/",
        "/soeg/?q=kantine",
        "/opret/leverandoer/",
        "/en/",
        "/api/v1/docs",
        "/api/cms/v2/pages/",
        "/admin/login/",
    ]:
        assert_no_violations(watched, url)


def test_admin_edit_views_keep_to_the_policy(watched, server):
    ids = server.shell(
        "from directory.models import SupplierProfile;"
        "from events.models import EventPage;"
        "from procurement.models import TenderPlanEntry;"
        "from wagtail.models import Page;"
        "print(SupplierProfile.objects.first().pk, EventPage.objects.first().pk,"
        " TenderPlanEntry.objects.first().pk, Page.objects.filter(depth=2).first().pk)"
    ).split()
    profile, event, entry, home = ids
    watched.goto("/admin/login/")
    watched.fill("#id_username", "admin")
    watched.fill("#id_password", "demo-admin-1234")
    watched.click("button[type=submit]")
    watched.wait_for_url(re.compile(r"/admin/$"))
    for url in [
        "/admin/",
        f"/admin/snippets/directory/supplierprofile/edit/{profile}/",
        f"/admin/pages/{event}/edit/",
        f"/admin/snippets/procurement/tenderplanentry/edit/{entry}/",
        f"/admin/pages/{home}/edit/",
        "/admin/images/",
        "/admin/pages/",
    ]:
        assert_no_violations(watched, url)
    # Scripts the admin adds later: a new inline form and the date picker.
    watched.goto(f"/admin/snippets/directory/supplierprofile/edit/{profile}/", timeout=60_000)
    watched.get_by_role("button", name=re.compile("Tilføj|Add")).first.click()
    watched.goto(f"/admin/pages/{event}/edit/", timeout=60_000)
    watched.locator("#id_start").click()
    watched.wait_for_timeout(300)
    violations = watched.evaluate("window.__csp") + watched.csp_console
    assert violations == []
