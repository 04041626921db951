"""Factories for supplier profiles in tests."""

import factory
from stdnum.dk import cvr as stdnum_cvr

from directory.models import SupplierProfile, TargetGroup


def valid_cvr(n):
    """The n-th valid CVR number from 30000000 upwards (modulus-11 check digit)."""
    base = 3_000_000 + n * 13
    while True:
        digits = f"{base:07d}"
        check = -sum(w * int(d) for w, d in zip([2, 7, 6, 5, 4, 3, 2], digits, strict=True)) % 11
        if check < 10:
            number = f"{digits}{check}"
            assert stdnum_cvr.is_valid(number)
            return number
        base += 1


class SupplierProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierProfile
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Virksomhed {n}")
    slug = factory.Sequence(lambda n: f"virksomhed-{n}")
    cvr = factory.Sequence(valid_cvr)
    summary = "Vi løser opgaver for kommuner med medarbejdere på særlige vilkår."
    delivery_scope = SupplierProfile.DeliveryScope.NATIONAL
    live = True

    @factory.post_generation
    def relations(obj, create, extracted, **kwargs):
        """cpv=[codes], groups=[slugs], municipalities=[codes], regions=[codes], tags=[names]."""
        if not create:
            return
        if kwargs.get("cpv"):
            obj.cpv_codes.set(kwargs["cpv"])
        if kwargs.get("groups"):
            obj.target_groups.set(
                TargetGroup.objects.filter(slug__in=kwargs["groups"], locale__language_code="da")
            )
        if kwargs.get("municipalities"):
            obj.delivery_municipalities.set(kwargs["municipalities"])
        if kwargs.get("regions"):
            obj.delivery_regions.set(kwargs["regions"])
        if kwargs.get("tags"):
            obj.tags.set(kwargs["tags"])
        for order, (title, description) in enumerate(kwargs.get("offerings", [])):
            obj.offerings.create(title=title, description=description, sort_order=order)
        obj.save()


def profile(**kwargs):
    """A live profile; relation kwargs (cpv, groups, ...) go to the post-generation hook."""
    relations = {
        key: kwargs.pop(key)
        for key in ("cpv", "groups", "municipalities", "regions", "tags", "offerings")
        if key in kwargs
    }
    return SupplierProfileFactory(**kwargs, **{f"relations__{k}": v for k, v in relations.items()})


DRAFTAIL = (
    '{"blocks":[{"key":"a1","type":"unstyled","text":"Hej","depth":0,'
    '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
)


def edit_data(client, url, **changes):
    """The edit form's current values as POST data, with ``changes`` applied."""
    form = client.get(url).context["form"]
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.update(
        {
            "cpv_codes": "",
            "tags": "",
            "delivery_scope": "national",
            "description": DRAFTAIL,
            "offerings-TOTAL_FORMS": "0",
            "offerings-INITIAL_FORMS": "0",
            "offerings-MIN_NUM_FORMS": "0",
            "offerings-MAX_NUM_FORMS": "1000",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
            "references-MIN_NUM_FORMS": "0",
            "references-MAX_NUM_FORMS": "1000",
        }
    )
    data.pop("logo", None)
    data.pop("municipality", None)
    data.update(changes)
    return data
