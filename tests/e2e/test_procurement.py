"""The tender plan in a real browser: a buyer announces, a SØV shows interest, axe finds nothing."""

import re
from email.header import decode_header, make_header

import pytest

from .conftest import assert_accessible

BUYER = ("indkoeb@aarhus.example", "demo-koeber-1234")
SOEV = ("soev@e2e.example", "Konsortie-Kantine-42")
DEMO_ENTRY = "Rengøring af 14 daginstitutioner"


def _log_in(page, username, password, next_url=None):
    page.goto("/admin/login/" + (f"?next={next_url}" if next_url else ""))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _entry_url(server, title):
    code = (
        "from procurement.models import TenderPlanEntry\n"
        f"e = TenderPlanEntry.objects.get(title={title!r})\n"
        "print(f'/udbudsplan/{e.pk}/{e.slug}/')"
    )
    return server.shell(code).strip().splitlines()[-1]


@pytest.fixture(scope="module")
def soev_user(server):
    """A supplier user who owns a live demo profile."""
    server.shell(
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        "from directory.models import SupplierProfile\n"
        f"u, _ = get_user_model().objects.get_or_create(username={SOEV[0]!r}, email={SOEV[0]!r})\n"
        f"u.set_password({SOEV[1]!r}); u.first_name = 'Sara'; u.save()\n"
        "u.groups.add(Group.objects.get(name='Leverandører'))\n"
        "p = SupplierProfile.objects.live().order_by('-name').first()\n"
        "p.owners.add(u)\n"
        "print(p.name)"
    )
    return SOEV


@pytest.mark.parametrize(
    "path", ["/udbudsplan/", "/udbudsplan/?window=6&procedure=below_threshold"]
)
def test_tender_plan_list_has_no_axe_violations(page, path):
    assert page.goto(path).status == 200
    assert_accessible(page)


def test_tender_plan_detail_has_no_axe_violations(page, server):
    assert page.goto(_entry_url(server, DEMO_ENTRY)).status == 200
    page.get_by_role("link", name="Log ind eller opret profil").wait_for()
    assert_accessible(page)


def test_a_buyer_logs_in_and_announces_a_purchase(page, server):
    _log_in(page, *BUYER)
    page.goto("/admin/snippets/procurement/tenderplanentry/add/")
    page.get_by_label("Titel").fill("Forplejning til sommerfest for frivillige")
    page.get_by_label("Resumé").fill("Mad og drikke til 200 frivillige i august.")
    page.locator("#id_cpv_codes").fill("55520000")
    page.locator("#id_expected_publication").fill("2030-05-01")
    page.locator("#id_value_min").fill("50000")
    page.locator("#id_value_max").fill("90000")
    midtjylland = page.locator("fieldset", has=page.get_by_text("Region Midtjylland", exact=True))
    midtjylland.get_by_label("Hele regionen").check()
    assert midtjylland.get_by_label("Horsens", exact=True).is_checked()
    publish = page.locator('footer button[name="action-publish"]').first
    if not publish.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    publish.click()
    page.wait_for_url(re.compile(r"/admin/snippets/procurement/tenderplanentry/"))

    page.goto("/udbudsplan/?q=sommerfest")
    page.get_by_role("link", name="Forplejning til sommerfest for frivillige").click()
    page.get_by_role("heading", name="Forplejning til sommerfest for frivillige").wait_for()
    assert "Aarhus Kommune" in page.content()
    assert "50.000 til 90.000 kr." in page.content()


def test_a_soev_expresses_interest_as_consortium_partner(page, server, soev_user):
    url = _entry_url(server, DEMO_ENTRY)
    _log_in(page, *soev_user, next_url=url)
    page.goto(url)
    page.get_by_label("Konsortiepartner").check()
    page.get_by_label("Besked til ordregiveren").fill("Vi vil gerne byde sammen med andre.")
    page.get_by_label("Vis os for andre interesserede").check()
    page.get_by_role("button", name="Vis interesse").click()
    page.get_by_text("Jeres interesse er sendt").wait_for()
    assert_accessible(page)
    page.get_by_role("heading", name="Mulige konsortiepartnere").wait_for()
    mails = server.emails(to=BUYER[0])
    assert mails
    subject = str(make_header(decode_header(mails[-1]["Subject"])))
    assert subject.startswith("Ny interesse for")
