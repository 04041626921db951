"""Slugs that keep Danish words readable: æ, ø and å spelt out (grøn → groen)."""

from django.utils.text import slugify

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def danish_slug(text):
    return slugify(text.lower().translate(DANISH_LETTERS))
