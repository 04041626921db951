"""A new SØV completes its profile from an empty draft, in Danish and in English: the dashboard's
checklist, the image chooser, the CPV and delivery-area pickers, preview, submission; an editor gets
the e-mail in their own language and approves from the queue; a buyer opens the SØV's interest and
reaches its public profile. axe checks every admin screen on the way."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, text_of
from .test_supplier_journey import _footer_action, _log_in

LOGO = Path(__file__).resolve().parents[2] / "static" / "img" / "og-image.png"
PASSWORD = "Sk0vmaerke-Rejse-42"
BUYER = ("indkoeb@aarhus.example", "demo-koeber-1234")

TEXTS = {
    "da": {
        "locale": "da-DK",
        "percent": r"Profilen er (\d+) % udfyldt",
        "logo": "Logo",
        "choose_image": "Vælg et billede",
        "upload": "Upload",
        "search_tab": "Søg",
        "actions": "Handlinger",
        "save": "Gem kladde",
        "search": "Find en CPV-kode",
        "word": "rengøring",
        "found": "Fundne CPV-koder",
        "chosen": "Valgte koder",
        "region": "Region Syddanmark",
        "whole_region": "Hele regionen",
        "preview": "Se forhåndsvisning",
        "edit": "Redigér profilen",
        "draft": "Status: Kladde",
        "waiting": "Status: Venter på godkendelse",
        "live": "Status: Offentliggjort",
        "review": "Gennemgå ændringen",
        "submitted": '"{name}" er sendt til godkendelse',
        "role": "Underleverandør",
        "contact_person": "Kontaktperson",
        "inspect": "Detaljer",
        "foreign_date": r"\b[A-Z][a-z]+\.? \d{1,2}, \d{4}",  # "Dec. 6, 2026"
        "foreign": ["Draft", "Waiting for approval", "Published", "Choose an image", "Browse"]
        + ["Inspect", "Search term", "Save draft"],
    },
    "en": {
        "locale": "en-GB",
        "percent": r"The profile is (\d+) % complete",
        "logo": "Logo",
        "choose_image": "Choose an image",
        "upload": "Upload",
        "search_tab": "Search",
        "actions": "Actions",
        "save": "Save draft",
        "search": "Find a CPV code",
        "word": "cleaning",
        "found": "CPV codes found",
        "chosen": "Chosen codes",
        "region": "Region of Southern Denmark",
        "whole_region": "The whole region",
        "preview": "See a preview",
        "edit": "Edit the profile",
        "draft": "Status: Draft",
        "waiting": "Status: Waiting for approval",
        "live": "Status: Published",
        "review": "Review the change",
        "submitted": '"{name}" has been submitted',
        "role": "Subcontractor",
        "contact_person": "Contact person",
        "inspect": "Inspect",
        "foreign_date": r"\b\d{1,2}\. [A-Z][a-z]+ \d{4}",  # "19. July 2027"
        "foreign": ["Kladde", "Venter på godkendelse", "Offentliggjort", "Vælg et billede", "Søg"],
    },
}

# A sign-up as the site makes it (inactive user, Account, the draft profile with only the name,
# CVR and contact), confirmed and approved; editors in both languages.
SIGNED_UP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation
from stdnum.dk import cvr
from wagtail.users.models import UserProfile
from accounts.groups import EDITORS
from accounts.services import approve
from directory.models import SupplierProfile
from directory.services import create_supplier_applicant

number = next(
    n for n in (f"{{n:08d}}" for n in range({start}, {start} + 1000000))
    if cvr.is_valid(n) and not SupplierProfile.objects.filter(cvr=n).exists()
)
with transaction.atomic():
    for email, language in [({editor!r}, {lang!r}), ({other_editor!r}, {other!r})]:
        editor = get_user_model().objects.create_user(email, email, {password!r})
        editor.groups.add(Group.objects.get(name=EDITORS))
        settings = UserProfile.get_for_user(editor)
        settings.preferred_language = language
        settings.save()
    with translation.override({lang!r}):
        user = create_supplier_applicant(
            {{"full_name": "Lone Syersen", "email": {email!r}, "password1": {password!r},
              "organisation_name": {name!r}, "cvr": number}},
            None,
        )
    user.account.confirm_email()
    approve(user.account, get_user_model().objects.get(username="admin"))
    buyer = UserProfile.get_for_user(get_user_model().objects.get(username={buyer!r}))
    buyer.preferred_language = {lang!r}
    buyer.save()
"""

INTEREST = """
from directory.models import SupplierProfile
from procurement.models import InterestExpression, TenderPlanEntry
entry = TenderPlanEntry.objects.live().filter(organisation__name="Aarhus Kommune").first()
profile = SupplierProfile.objects.get(name={name!r})
InterestExpression.objects.create(
    entry=entry, supplier=profile, user=profile.owners.first(), role="subcontractor",
    message="Vi kan levere som underleverandør.",
)
"""

BUYER_LANGUAGE_RESET = """
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile
buyer = UserProfile.get_for_user(get_user_model().objects.get(username={buyer!r}))
buyer.preferred_language = ""
buyer.save()
"""

SAVED = """
from directory.models import SupplierProfile
p = SupplierProfile.objects.get(name={name!r})
print(len(p.cpv_codes.all()), p.delivery_scope, p.delivery_municipalities.count(), p.live)
"""


def _percent(page, texts):
    text = page.locator("#our-profile-heading").locator("xpath=../..").inner_text()
    return int(re.search(texts["percent"], text).group(1))


def _no_foreign_words(page, texts):
    main = page.locator("main").inner_text()
    found = [word for word in texts["foreign"] if re.search(rf"\b{word}\b", main)]
    found += re.findall(texts["foreign_date"], main)
    assert found == [], f"words of the other language on {page.url}: {found}"


def _new_tab(browser, server, texts):
    context = browser.new_context(base_url=server.url, locale=texts["locale"])
    context.set_default_timeout(20_000)
    return context.new_page()


STOP_AUTOSAVE = """() => {
    document.querySelector("form[data-controller~=w-autosave]")
        .setAttribute("data-w-autosave-active-value", "false");
}"""
AUTOSAVE_SETTLED = """() => document.querySelector("#w-autosave-indicator")
    .dataset.wAutosaveStateValue !== "saving"
"""


def _save_draft(page, texts):
    """Save as a user who waits for "Saved" would: Wagtail's autosave stops and the one on its way
    lands first. (An autosave still on its way when the form is saved can land after the save and
    become the latest draft, without the last changes.)"""
    page.evaluate(STOP_AUTOSAVE)
    page.wait_for_function(AUTOSAVE_SETTLED, timeout=60_000)
    with page.expect_navigation(timeout=60_000):  # a save re-indexes the profile: slow on CI
        page.locator("footer").get_by_role("button", name=texts["save"]).click(timeout=60_000)


def _choose_codes(page, texts, count):
    """Search the CPV picker by a word and choose ``count`` codes by keyboard."""
    search = page.get_by_role("combobox", name=texts["search"])
    chosen = page.get_by_role("list", name=texts["chosen"])
    for number in range(count):
        search.fill("")
        search.press_sequentially(texts["word"])
        page.get_by_role("listbox", name=texts["found"]).get_by_role("option").nth(
            number
        ).wait_for()
        if number == 0:
            search.press("ArrowDown")
            assert_accessible(page)  # the edit form with the picker open
            search.press("ArrowUp")
        for _step in range(number + 1):
            search.press("ArrowDown")
        search.press("Enter")
        chosen.get_by_role("listitem").nth(number).wait_for()
    assert chosen.get_by_role("listitem").count() == count


@pytest.fixture
def buyer_language_reset(server):
    """The demo buyer, shared with the other browser tests, gets its default language back."""
    yield
    server.shell(BUYER_LANGUAGE_RESET.format(buyer=BUYER[0]))


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.usefixtures("buyer_language_reset")
def test_a_new_soev_completes_its_profile_an_editor_approves_and_a_buyer_follows_up(
    browser, server, lang
):
    texts = TEXTS[lang]
    other = "en" if lang == "da" else "da"
    name = f"Rejsens Syværksted {lang.upper()}"
    email, editor, other_editor = (
        f"{who}-{lang}@rejsen.example" for who in ("lone", "redaktion", "editor")
    )
    server.shell(
        SIGNED_UP.format(
            start=43000000 if lang == "da" else 44000000,
            email=email,
            editor=editor,
            other_editor=other_editor,
            password=PASSWORD,
            name=name,
            lang=lang,
            other=other,
            buyer=BUYER[0],
        )
    )

    page = _new_tab(browser, server, texts)
    _log_in(page, email, PASSWORD)
    assert _percent(page, texts) < 20
    assert page.get_by_text(texts["draft"]).is_visible()
    assert_accessible(page)
    _no_foreign_words(page, texts)

    page.locator("[data-part=logo]").get_by_role("link", name=texts["logo"]).click()
    page.wait_for_url(re.compile(r"/edit/\d+/#panel-.*logo-wrapper$"))
    choose = page.get_by_role("button", name=texts["choose_image"])
    page.wait_for_function("() => document.activeElement.closest('[id$=logo-wrapper]')")
    assert choose.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")

    choose.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name=texts["search_tab"]).wait_for()
    modal.get_by_role("tab", name=texts["upload"]).click()
    modal.locator("input[type=file]").set_input_files(LOGO)
    assert_accessible(page)  # the chooser modal
    modal.locator("form[data-chooser-modal-creation-form] [type=submit]").click()
    modal.wait_for(state="hidden", timeout=60_000)
    expect(page.locator("#id_logo")).not_to_have_value("")
    expect(page.locator("#id_logo-chooser .w-dropdown__toggle")).to_have_attribute(
        "aria-label", texts["actions"]
    )

    page.locator("#id_summary").fill("Vi syr og reparerer arbejdstøj – med ansatte i fleksjob.")
    description = page.locator("[id$=description-wrapper] [contenteditable=true]")
    description.click()
    description.press_sequentially("Vi har syet arbejdstøj til kommuner i tyve år.")
    page.locator("#id_employees_total").fill("12")
    page.locator("#id_employees_special_terms").fill("5")

    _choose_codes(page, texts, 2)
    page.locator("#id_offerings-ADD").click()
    page.locator("#id_offerings-0-title").fill("Reparation af arbejdstøj")
    offering_code = page.locator("#id_offerings-0-cpv_code-search")
    offering_code.focus()  # the profile's own codes are offered first
    own = page.locator("#id_offerings-0-cpv_code-listbox").get_by_role("option")
    own.first.wait_for()
    assert own.count() == 2
    offering_code.press("ArrowDown")
    offering_code.press("Enter")
    assert re.fullmatch(r"\d{8}", page.locator("#id_offerings-0-cpv_code").input_value())

    page.locator("#id_delivery_scope").select_option("municipalities")
    syddanmark = page.get_by_role("group", name=texts["region"])
    syddanmark.get_by_label(texts["whole_region"]).check()
    assert syddanmark.get_by_label("Odense").is_checked()

    page.locator("#id_phone").fill("+45 12 34 56 78")
    page.locator("#id_references-ADD").click()
    page.locator("#id_references-0-customer").fill("Aarhus Kommune")
    _no_foreign_words(page, texts)
    page.locator("#id_references-0-delivered").fill("Reparation af 300 sæt arbejdstøj")
    _save_draft(page, texts)
    codes, scope, municipalities, live = server.shell(SAVED.format(name=name)).split()
    assert (codes, scope, municipalities, live) == ("2", "municipalities", "22", "False")

    page.goto("/admin/")
    assert _percent(page, texts) == 100
    page.get_by_role("link", name=texts["preview"]).click()
    page.get_by_role("heading", name=name, level=1).wait_for()
    assert page.get_by_text("Reparation af arbejdstøj").first.is_visible()
    page.go_back()

    page.get_by_role("link", name=texts["edit"]).click()
    _footer_action(page, "action-submit")
    page.wait_for_url(re.compile(r"/admin/snippets/directory/supplierprofile/$"), timeout=60_000)
    page.goto("/admin/")
    assert page.get_by_text(texts["waiting"]).is_visible()
    _no_foreign_words(page, texts)

    submitted = TEXTS[other]["submitted"].format(name=name)
    assert any(submitted in text_of(m) for m in server.emails(to=other_editor))
    submitted = texts["submitted"].format(name=name)
    assert any(submitted in text_of(m) for m in server.emails(to=editor))

    reviewer = _new_tab(browser, server, texts)
    _log_in(reviewer, editor, PASSWORD)
    reviewer.goto("/admin/tal/koe/")
    assert_accessible(reviewer)
    row = reviewer.locator("tr", has_text=name)
    assert (
        row.get_by_role("link", name=re.compile(r"^\d{8}"))
        .get_attribute("href")
        .startswith("https://datacvr.virk.dk/enhed/virksomhed/")
    )
    row.get_by_role("link", name=re.compile(f"^{texts['review']}")).click()
    _footer_action(reviewer, "approve")
    reviewer.wait_for_url(
        re.compile(r"/admin/snippets/directory/supplierprofile/$"), timeout=60_000
    )
    reviewer.context.close()

    page.goto("/admin/")
    assert page.get_by_text(texts["live"]).is_visible()
    assert_accessible(page)
    _no_foreign_words(page, texts)
    page.context.close()

    server.shell(INTEREST.format(name=name))
    buyer = _new_tab(browser, server, texts)
    _log_in(buyer, *BUYER)
    buyer.get_by_role("link", name=name).first.click()
    buyer.get_by_text("Vi kan levere som underleverandør.").wait_for()
    assert buyer.get_by_role("heading", level=1).inner_text().startswith(f"{texts['inspect']}:")
    assert buyer.get_by_text(texts["role"]).first.is_visible()
    assert buyer.get_by_text(texts["contact_person"]).is_visible()
    assert_accessible(buyer)
    _no_foreign_words(buyer, texts)
    buyer.get_by_role("link", name=name).last.click()
    buyer.get_by_role("heading", name=name, level=1).wait_for()
    assert "/leverandoerer/" in buyer.url or "/suppliers/" in buyer.url
    buyer.context.close()
