from django.utils.text import slugify

import factory

from hub.themes.models import Theme


class NamedFactory(factory.django.DjangoModelFactory):
    """Things found by their slug, which comes from the name (themes, partnerships)."""

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)

    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ThemeFactory(NamedFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
