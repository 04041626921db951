"""Editorial page types: allowed tree, rendering in both languages, blocks."""

import pytest

from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.models import GuideIndexPage, GuidePage, HomePage, StandardPage
from directory.models import DirectoryIndexPage
from events.models import EventIndexPage


@pytest.mark.parametrize(
    ("parent", "child", "allowed"),
    [
        (Page, HomePage, True),
        (HomePage, StandardPage, True),
        (HomePage, GuideIndexPage, True),
        (HomePage, DirectoryIndexPage, True),
        (HomePage, EventIndexPage, True),
        (HomePage, GuidePage, False),
        (HomePage, HomePage, False),
        (StandardPage, StandardPage, True),
        (StandardPage, GuidePage, False),
        (GuideIndexPage, GuidePage, True),
        (GuideIndexPage, StandardPage, False),
        (GuidePage, StandardPage, False),
        (GuidePage, GuidePage, False),
    ],
)
def test_page_tree_rules(parent, child, allowed):
    both_ways = (
        child in parent.allowed_subpage_models() and parent in child.allowed_parent_page_models()
    )
    assert both_ways is allowed


def _guide_tree(home_page):
    guides = home_page.add_child(instance=GuideIndexPage(title="Vejledninger", slug="vejledninger"))
    guide = guides.add_child(
        instance=GuidePage(
            title="Sådan gør I",
            slug="saadan",
            audience="suppliers",
            intro="En kort vejledning.",
            body=[
                {"type": "heading", "value": {"text": "Trin for trin", "level": "h2"}},
                {
                    "type": "steps",
                    "value": {"steps": [{"title": "Opret bruger", "text": "<p>Med CVR.</p>"}]},
                },
                {
                    "type": "faq",
                    "value": {
                        "title": "Spørgsmål",
                        "questions": [{"question": "Koster det noget?", "answer": "<p>Nej.</p>"}],
                    },
                },
                {
                    "type": "call_to_action",
                    "value": {
                        "title": "Kom i gang",
                        "text": "",
                        "button_label": "Opret profil",
                        "page": None,
                        "external_url": "https://example.org/opret",
                    },
                },
            ],
        )
    )
    return guides, guide


def test_every_page_type_renders_in_danish(client, home_page):
    guides, guide = _guide_tree(home_page)
    about = home_page.add_child(instance=StandardPage(title="Om platformen", slug="om"))
    for page in (home_page, guides, guide, about):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert '<html lang="da">' in response.text
        assert page.title in response.text


def test_guide_page_shows_steps_faq_and_call_to_action(client, home_page):
    _guides, guide = _guide_tree(home_page)
    html = client.get(guide.url).text
    assert '<ol class="steps-block">' in html
    assert "Opret bruger" in html
    assert "<summary" in html and "Koster det noget?" in html
    assert 'href="https://example.org/opret"' in html


def test_guide_index_lists_only_live_guides(client, home_page):
    guides, guide = _guide_tree(home_page)
    draft = guides.add_child(instance=GuidePage(title="Kladde", slug="kladde", live=False))
    html = client.get(guides.url).text
    assert guide.title in html
    assert draft.title not in html


def test_every_page_type_renders_in_english(client, english_home):
    home = HomePage.objects.get(locale__language_code="da")
    guides, guide = _guide_tree(home)
    about = home.add_child(instance=StandardPage(title="Om platformen", slug="om"))
    english = Locale.objects.get(language_code="en")
    for page in (guides, guide, about):
        translated = page.copy_for_translation(english)
        translated.title = f"EN {page.title}"
        translated.save_revision().publish()
    for path in ("/en/", "/en/vejledninger/", "/en/vejledninger/saadan/", "/en/om/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.text
    assert "EN Om platformen" in client.get("/en/om/").text


def test_language_links_point_to_the_translation_of_the_same_page(client, english_home):
    home = HomePage.objects.get(locale__language_code="da")
    about = home.add_child(instance=StandardPage(title="Om platformen", slug="om"))
    about.copy_for_translation(Locale.objects.get(language_code="en")).save_revision().publish()
    html = client.get("/om/").text
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/om/">' in html
    assert 'href="/en/om/" hreflang="en"' in html


def test_call_to_action_needs_exactly_one_target(admin_client, home_page):
    url = f"/admin/pages/add/cms/standardpage/{home_page.id}/"
    data = nested_form_data(
        {
            "title": "Med knap",
            "slug": "med-knap",
            "intro": "",
            "body": streamfield(
                [
                    (
                        "call_to_action",
                        {
                            "title": "Gå",
                            "text": "",
                            "button_label": "Klik",
                            "page": "",
                            "external_url": "",
                        },
                    )
                ]
            ),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not StandardPage.objects.filter(slug="med-knap").exists()
