import pytest

from wagtail.models import Locale

from directory.models import DirectoryIndexPage


@pytest.fixture
def directory_page(home_page):
    page = home_page.add_child(
        instance=DirectoryIndexPage(
            title="Leverandører",
            slug="leverandoerer",
            intro="Find socialøkonomiske leverandører.",
            locale=home_page.locale,
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def english_directory(directory_page, english_home):
    page = directory_page.copy_for_translation(Locale.objects.get(language_code="en"))
    page.title = "Suppliers"
    page.save_revision().publish()
    return page
