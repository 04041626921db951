# ruff: noqa: E501 (each message is Wagtail's msgid exactly, on one line)
"""Wagtail's and wagtail-localize's admin messages and moderation e-mails that their Danish
catalogues lack, or translate unlike the rest of the site ("Søge term"; "Gem skitse" beside the
status "Kladde").

Listed here so that ``makemessages`` carries them into the project's catalogue, which
Django consults before Wagtail's (``LOCALE_PATHS``); the Danish text is in ``locale/da``.
``tests/accounts/test_danish_admin.py`` finds the ones a SØV, buyer or partner meets.
"""

from django.utils.translation import gettext_lazy, gettext_noop, ngettext_lazy

MESSAGES = [
    gettext_noop('%(editor)s has updated comments on "%(title)s"'),
    gettext_noop('%(editor)s has updated comments on "%(title)s".'),
    gettext_noop("%(time)s by %(user_display_name)s"),
    gettext_noop("'%(workflow)s' started. Next step '%(task)s'"),
    gettext_noop("Actions"),
    gettext_noop("Actions (footer)"),
    gettext_noop("Add a document"),
    gettext_noop("Add an image"),
    gettext_noop("Add comment"),
    gettext_noop("Add documents"),
    gettext_noop("Add images"),
    gettext_noop("Add selected documents to collection"),
    gettext_noop("Add selected images to collection"),
    gettext_noop("Add tags to the selected documents"),
    gettext_noop("Add tags to the selected images"),
    gettext_noop("Add to collection"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Are you sure you want to unpublish this %(model_name)s?"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Bulk actions"),
    gettext_noop("Change image"),
    gettext_noop("Choose %(object)s"),
    gettext_noop("Choose an image"),
    gettext_noop("Close dialog"),
    gettext_noop("Comment notifications"),
    gettext_noop("Compare with previous version"),
    gettext_noop("Content metrics"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("Current page status:"),
    gettext_noop("Dashboard"),
    gettext_noop("Date updated"),
    gettext_noop("Delete %(query)s"),
    gettext_noop("Delete selected documents"),
    gettext_noop("Delete selected images"),
    gettext_noop("Delete selected pages"),
    gettext_noop("Delete selected snippets"),
    gettext_noop("Deleted comments"),
    gettext_noop("Deleted comments:"),
    gettext_noop("Download CSV"),
    gettext_noop("Download XLSX"),
    gettext_noop("Draft saved"),
    gettext_noop("Drag and drop documents into this area to upload immediately."),
    gettext_noop("Drag and drop images into this area to upload immediately."),
    gettext_noop("Edit / Review"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Edit this %(object)s"),
    gettext_noop("Edit this image"),
    gettext_noop("Edit your notification preferences here:"),
    gettext_noop("Enable custom keyboard shortcuts specific to Wagtail."),
    gettext_noop("File size: (high to low)"),
    gettext_noop("File size: (low to high)"),
    gettext_noop("Filter by"),
    gettext_noop("First published"),
    gettext_noop("Go to the first error"),
    gettext_noop("Grid layout"),
    gettext_noop("Has child pages"),
    gettext_noop("In Moderation"),
    gettext_noop("In progress"),
    gettext_noop("Incomplete task"),
    gettext_noop("Initial Revision"),
    gettext_noop("Inspect"),
    gettext_noop("Is commenting action"),
    gettext_noop("Issues found"),
    gettext_noop("Keyboard shortcuts"),
    gettext_noop("List layout"),
    gettext_noop("Live version"),
    gettext_noop("Locked by workflow"),
    gettext_noop("Maximum filesize: %(max_upload_size)s."),
    gettext_noop("More actions"),
    gettext_noop("More contrast"),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("Move selected pages"),
    gettext_noop(
        'Multi-word tags with spaces will automatically be enclosed in double quotes (").'
    ),
    gettext_noop("Name and Email"),
    gettext_noop("New comments"),
    gettext_noop("New comments:"),
    gettext_noop("New replies"),
    gettext_noop("New replies to:"),
    gettext_noop("New replies:"),
    gettext_noop("No other translations"),
    gettext_noop("No publishing schedule set"),
    gettext_noop("Not visible to the public"),
    gettext_noop("Once live anyone can view"),
    gettext_noop("Only reviewers can edit and approve the %(model_name)s"),
    gettext_noop("Or choose from your computer"),
    gettext_noop("Page %(page_num)s of %(total_pages)s"),
    gettext_noop("Page type"),
    gettext_noop("Page visibility: "),
    gettext_noop("Preview in desktop size"),
    gettext_noop("Preview in mobile size"),
    gettext_noop("Preview in new tab"),
    gettext_noop("Preview in tablet size"),
    gettext_noop("Preview is out of date"),
    gettext_noop("Private. Visit the live page"),
    gettext_noop("Profile picture"),
    gettext_noop("Publish %(model_name)s"),
    gettext_noop("Publish selected pages"),
    gettext_noop("Reading time"),
    gettext_noop(
        "Receive notification when comments have been created, resolved, or deleted on a page that you have subscribed to receive comment notifications on"
    ),
    gettext_noop("Receive notification when your page edit is approved"),
    gettext_noop("Receive notification when your page edit is rejected"),
    gettext_noop("Requested by"),
    gettext_noop("Resolved comments"),
    gettext_noop("Resolved comments:"),
    gettext_noop("Save draft"),
    gettext_noop("Search all pages…"),
    gettext_noop("Search term"),
    gettext_noop("Select %(title)s"),
    gettext_noop("Select all"),
    gettext_noop("Select row"),
    gettext_noop("Sent to %(task_name)s %(started_at)s"),
    gettext_noop("Show filters"),
    gettext_noop("Show issue"),
    gettext_noop("Side panel width"),
    gettext_noop("Side panels"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop(
        "Sort the order of child pages within '%(parent)s' by '%(label)s' in ascending order."
    ),
    gettext_noop(
        "Sort the order of child pages within '%(parent)s' by '%(label)s' in descending order."
    ),
    gettext_noop("Started at"),
    gettext_noop("Submit to %(workflow_name)s"),
    gettext_noop("Supported formats: %(supported_formats)s."),
    gettext_noop(
        "Supported formats: %(supported_formats)s. Maximum filesize: %(max_upload_size)s."
    ),
    gettext_noop("System default"),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(task)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(workflow)s".'),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop("The descriptive text displayed underneath a headline in search engine results."),
    gettext_noop('The following comment was left: "%(comment)s"'),
    gettext_noop(
        "The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/"
    ),
    gettext_noop(
        "The name of the page displayed on search engine results as the clickable headline."
    ),
    gettext_noop('The page "%(title)s" has been approved in "%(task)s".'),
    gettext_noop('The page "%(title)s" has been approved in "%(workflow)s".'),
    gettext_noop('The page "%(title)s" has been approved in moderation stage "%(task)s".'),
    gettext_noop('The page "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop('The page "%(title)s" has been rejected'),
    gettext_noop(
        'The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
    ),
    gettext_noop(
        'The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    gettext_noop('The page "%(title)s" has been rejected during "%(task)s".'),
    gettext_noop('The page "%(title)s" has been rejected during "%(workflow)s".'),
    gettext_noop('The page "%(title)s" has been rejected in moderation stage "%(task)s".'),
    gettext_noop('The page "%(title)s" has been rejected.'),
    gettext_noop(
        'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    gettext_noop(
        'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
    ),
    gettext_noop(
        'The page "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    ),
    gettext_noop(
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    gettext_noop(
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    gettext_noop('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop("The page title as you'd like it to be seen by the public"),
    gettext_noop("Theme preferences"),
    gettext_noop("There are no %(model_name)s to display."),
    gettext_noop("There are no differences between these two versions"),
    gettext_noop("This %(model_name)s hasn't been submitted for moderation yet"),
    gettext_noop("This data explained"),
    gettext_noop(
        "This is your dashboard on which helpful information about content you've created will be displayed."
    ),
    gettext_noop("To be created by %(user)s"),
    gettext_noop("Toggle breadcrumbs"),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle comments"),
    gettext_noop("Toggle preview"),
    gettext_noop("Toggle section"),
    gettext_noop("Toggle side panel"),
    gettext_noop("Toggle status"),
    gettext_noop("Unpublish selected pages"),
    gettext_noop("Upload a profile picture:"),
    gettext_noop("Uploading…"),
    gettext_noop("Usage count"),
    gettext_noop("Usage count: (high to low)"),
    gettext_noop("Usage count: (low to high)"),
    gettext_noop("Use server language: %(language_name)s"),
    gettext_noop("Use server time zone"),
    gettext_noop("View details"),
    gettext_noop("View history"),
    gettext_noop("Visible to all"),
    gettext_noop("Visible to all. Visit the live page"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop("Whether a link to this page will appear in automatically generated menus"),
    gettext_noop("Workflow history"),
    gettext_noop("Workflow progress"),
    gettext_noop("Workflow started"),
    gettext_noop("Workflow: start"),
    gettext_noop("You can edit the %(model_name)s here:"),
    gettext_noop("You can preview the %(model_name)s here:"),
    gettext_noop("in moderation"),
    # wagtailConfig.STRINGS, the admin JavaScript's bulk-action messages
    gettext_noop("1 page selected"),
    gettext_noop("%(objects)s pages selected"),
    gettext_noop("All %(objects)s pages on this screen selected"),
    gettext_noop("All pages in listing selected"),
    gettext_noop("1 document selected"),
    gettext_noop("%(objects)s documents selected"),
    gettext_noop("All %(objects)s documents on this screen selected"),
    gettext_noop("All documents in listing selected"),
    gettext_noop("1 image selected"),
    gettext_noop("%(objects)s images selected"),
    gettext_noop("All %(objects)s images on this screen selected"),
    gettext_noop("All images in listing selected"),
    gettext_noop("1 user selected"),
    gettext_noop("%(objects)s users selected"),
    gettext_noop("All %(objects)s users on this screen selected"),
    gettext_noop("All users in listing selected"),
    gettext_noop("1 snippet selected"),
    gettext_noop("%(objects)s snippets selected"),
    gettext_noop("All %(objects)s snippets on this screen selected"),
    gettext_noop("All snippets in listing selected"),
    gettext_noop("1 item selected"),
    gettext_noop("%(objects)s items selected"),
    gettext_noop("All %(objects)s items on this screen selected"),
    gettext_noop("All items in listing selected"),
    gettext_noop("Add a phone link"),
    gettext_noop("Add an anchor link"),
    gettext_noop("Alt text"),
    gettext_noop("Anchor link"),
    gettext_noop("Change image file:"),
    gettext_noop("Choose a format"),
    gettext_noop("Delete image"),
    gettext_noop("Email link"),
    gettext_noop("Focal point"),
    gettext_noop("Full width"),
    gettext_noop("Image is decorative"),
    gettext_noop("Latest images"),
    gettext_noop("Left-aligned"),
    gettext_noop("Max dimensions"),
    gettext_noop("No, don't delete"),
    gettext_noop("Page %(page_number)s of %(num_pages)s."),
    gettext_noop("Page %(page_num)s of %(total_pages)s"),
    gettext_noop("Phone link"),
    gettext_noop("Publishing this %(model_name)s will cancel the current workflow."),
    gettext_noop("Would you still like to publish this %(model_name)s?"),
    gettext_noop("Remove focal area"),
    gettext_noop("Right-aligned"),
    gettext_noop("There are no results."),
    gettext_noop("To define this image's most important region, drag a box over the image above."),
    gettext_noop("Change document:"),
    gettext_noop("Delete document"),
    gettext_noop("Latest documents"),
]

PLURAL_MESSAGES = [
    ngettext_lazy(
        "Are you sure you want to delete this image?",
        "Are you sure you want to delete these images?",
        1,
    ),
    ngettext_lazy("There is %(counter)s match", "There are %(counter)s matches", 1),
    ngettext_lazy("Used %(usage_count)s time", "Used %(usage_count)s times", 1),
    ngettext_lazy(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        1,
    ),
    ngettext_lazy(
        "Are you sure you want to delete this document?",
        "Are you sure you want to delete these documents?",
        1,
    ),
]


def relabel_image_insertion_form():
    """Wagtail's image format form translates its labels once, when imported, so every user
    would read them in the language of the process; make them follow the user's language."""
    from wagtail.images.forms import ImageInsertionForm

    fields = ImageInsertionForm.base_fields
    fields["image_is_decorative"].label = gettext_lazy("Image is decorative")
    fields["alt_text"].label = gettext_lazy("Alt text")


def translate_chooser_labels():
    """Wagtail's ``ChooserViewSet`` translates two labels at import, in the default language
    (``gettext`` in ``wagtail/admin/viewsets/chooser.py``): an English user saw "Søg" above every
    chooser. Lazy ones follow the user's language; call before the admin URLs are built."""
    from wagtail.admin.viewsets.chooser import ChooserViewSet

    ChooserViewSet.search_tab_label = gettext_lazy("Search")
    ChooserViewSet.edit_item_text = gettext_lazy("Edit")
