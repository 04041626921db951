"""A SØV chooses its competences with the CPV picker and its delivery area by region."""

from .conftest import MOBILE, assert_accessible
from .test_supplier_journey import _log_in

SOEV = ("picker@e2e.example", "Picker-Kantine-42")
SETUP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from stdnum.dk import cvr
from directory.models import SupplierProfile
u = get_user_model().objects.create_user({SOEV[0]!r}, {SOEV[0]!r}, {SOEV[1]!r})
u.groups.add(Group.objects.get(name="Leverandører"))
number = next(
    f"{{n:08d}}" for n in range(41000000, 41100000)
    if cvr.is_valid(f"{{n:08d}}") and not SupplierProfile.objects.filter(cvr=f"{{n:08d}}").exists()
)
p = SupplierProfile(name="Pickers Rengøring", slug="pickers-rengoering", cvr=number,
                    summary="Vi gør rent med ansatte på særlige vilkår.", live=False)
p.save()
p.owners.add(u)
p.save_revision(user=u)
print(p.pk)
"""
SAVED = """
from directory.models import SupplierProfile
p = SupplierProfile.objects.get(pk={pk}).get_latest_revision_as_object()
print(",".join(sorted(c.code for c in p.cpv_codes.all())))
print(p.delivery_scope, sorted({{m.region.name for m in p.delivery_municipalities.all()}}),
      p.delivery_municipalities.count())
"""

WIDER_THAN_PICKER = """picker => {
    const right = picker.getBoundingClientRect().right + 1;
    return [...picker.querySelectorAll("*")]
        .filter(el => el.getBoundingClientRect().right > right && el.getClientRects().length)
        .filter(el => !el.closest(".w-sr-only"))
        .map(el => `${el.tagName}.${el.className}`);
}"""


def test_a_soev_finds_a_code_by_keyboard_and_chooses_a_regions_municipalities(page, server):
    pk = server.shell(SETUP).strip()
    _log_in(page, *SOEV)
    page.goto("/admin/vores-profil/")
    search = page.get_by_role("combobox", name="Find en CPV-kode")
    search.focus()
    search.press_sequentially("rengøring af bygninger")
    listbox = page.get_by_role("listbox", name="Fundne CPV-koder")
    listbox.get_by_role("option", name="90911200").first.wait_for()
    for _step in range(20):
        search.press("ArrowDown")
        active = page.locator(f"#{search.get_attribute('aria-activedescendant')}")
        if "90911200" in active.inner_text():
            break
    search.press("Enter")
    chosen = page.get_by_role("list", name="Valgte koder")
    chosen.get_by_role("button", name="Fjern 90911200 Rengøring af bygninger").wait_for()
    assert "90911200" in page.locator("#id_cpv_codes").input_value()
    assert search.get_attribute("aria-expanded") == "false"

    page.get_by_role("button", name="Gennemse").click()
    page.get_by_role("button", name="Underkoder 90000000", exact=False).click()
    page.get_by_text("Koder under 90000000").wait_for()
    search.fill("")
    search.press_sequentially("cleaning")
    listbox.get_by_role("option").first.wait_for()
    search.press("ArrowDown")
    assert_accessible(page)
    page.set_viewport_size(MOBILE)
    wider = page.locator(".cpv-picker").first.evaluate(WIDER_THAN_PICKER)
    assert wider == [], f"wider than the picker at 375 px: {wider}"
    search.press("Escape")

    page.locator("#id_delivery_scope").select_option("municipalities")
    syddanmark = page.get_by_role("group", name="Region Syddanmark")
    syddanmark.get_by_label("Hele regionen").check()
    assert syddanmark.get_by_label("Odense").is_checked()
    hovedstaden = page.get_by_role("group", name="Region Hovedstaden")
    assert not hovedstaden.get_by_label("Hele regionen").is_checked()
    posted = lambda response: response.request.method == "POST"  # noqa: E731
    with page.expect_response(posted) as saved:
        page.locator("footer button.action-save").first.click()
    assert saved.value.status == 302
    page.wait_for_load_state()

    codes, area = server.shell(SAVED.format(pk=pk)).strip().splitlines()
    assert codes == "90911200"
    assert area == "municipalities ['Region Syddanmark'] 22"
