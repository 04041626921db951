"""A buyer publishes; the matching SØV's alert e-mail leads to the entry and it shows interest."""

import re

from .conftest import text_of
from .test_procurement import BUYER, _log_in

SOEV = ("alarm@e2e.example", "Varsel-Kantine-42")
TITLE = "Frokostordning til byens plejehjem"


def test_the_matching_soev_hears_at_once_and_expresses_interest_from_the_mail(
    page, browser, server
):
    server.shell(
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        "from directory.models import CpvCode, SupplierProfile\n"
        "from procurement.models import AlertSetting\n"
        f"u, _ = get_user_model().objects.get_or_create(username={SOEV[0]!r}, email={SOEV[0]!r})\n"
        f"u.set_password({SOEV[1]!r}); u.first_name = 'Alma'; u.save()\n"
        "u.groups.add(Group.objects.get(name='Leverandører'))\n"
        "AlertSetting.objects.update_or_create(user=u, defaults={'frequency': 'immediately'})\n"
        "p = SupplierProfile.objects.live().order_by('name').first()\n"
        "p.cpv_codes.add(CpvCode.objects.get(code='55520000')); p.delivery_scope = 'national'\n"
        "p.save(); p.owners.add(u)\n"
    )
    _log_in(page, *BUYER)
    page.goto("/admin/snippets/procurement/tenderplanentry/add/")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Resumé").fill("Varm mad til beboerne hver dag.")
    page.locator("#id_cpv_codes").fill("55520000")
    page.locator("#id_expected_publication").fill("2030-06-01")
    publish = page.locator('footer button[name="action-publish"]').first
    if not publish.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    publish.click()
    page.wait_for_url(re.compile(r"/admin/snippets/procurement/tenderplanentry/"))

    [alert] = [m for m in server.emails(to=SOEV[0]) if TITLE in text_of(m)]
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.search(r"https?://\S+/udbudsplan/\d+/\S+/", text_of(alert)).group(0)
    soev = browser.new_context(base_url=server.url).new_page()
    _log_in(soev, *SOEV)
    soev.goto(link)
    soev.get_by_role("heading", name=TITLE).wait_for()
    soev.get_by_label("Hovedleverandør").check()
    soev.get_by_role("button", name="Vis interesse").click()
    soev.get_by_text("Jeres interesse er sendt").wait_for()
