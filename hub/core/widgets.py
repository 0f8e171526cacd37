"""Form widgets that render quickly when they have many choices.

Django renders every ``<option>`` through two templates; a filter with 80 partnerships and a
dozen themes took longer to render than the rest of the people directory. :class:`QuickSelect`
writes the same ``<select>`` in Python.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class QuickSelect(forms.Select):
    """A single-choice ``<select>`` with the same markup as Django's, written without the
    per-option templates (no option groups: use ``forms.Select`` for those)."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        options = [
            (option["value"], flatatt(option["attrs"]), option["label"])
            for _group, group_options, _index in context["optgroups"]
            for option in group_options
        ]
        select_attrs = {"name": context["name"], **context["attrs"]}
        return format_html(
            "<select{}>\n{}\n</select>",
            flatatt(select_attrs),
            format_html_join("\n", '  <option value="{}"{}>{}</option>', options),
        )
