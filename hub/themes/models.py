"""Themes: the one shared taxonomy used by briefings, events, resources, questions and profiles."""

from django.db import models
from django.urls import reverse

from wagtail.search import index


class Theme(index.Indexed, models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="One or two plain sentences.")

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("themes:detail", args=[self.slug])
