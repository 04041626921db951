from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .demo import load_demo_profiles
from .search import supplier_search_section
from .viewsets import DirectoryViewSetGroup

register_snippet(DirectoryViewSetGroup)
hooks.register("load_demo_data", load_demo_profiles)
hooks.register("site_search_section", supplier_search_section)
