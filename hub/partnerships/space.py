"""What a partnership's space shows besides its noticeboard, resources and people.

The extension point for other parts of the hub: a section is a callable
``section(viewer, partnership) -> dict | None`` returning ``{"title", "template", ...}``
(the rest is the template's context), listed by import path in ``SPACE_SECTIONS``. The
learning loop adds the partnership's reflection meetings here (e.g.
``"hub.learning.space.reflection_meetings"``); until then the space says where they will
appear. A section decides itself what ``viewer`` may see (through ``visible_to``).
"""

from django.utils.module_loading import import_string

SPACE_SECTIONS = [
    "hub.partnerships.sections.own_resources",
    "hub.learning.space.reflection_meetings",
]

# Reflection meetings (the learning-framework issue) are added to SPACE_SECTIONS by that
# part; this names the heading the space keeps for them in the meantime.
REFLECTION_MEETINGS = "Reflection meetings"


def space_sections(viewer, partnership):
    return [
        section
        for path in SPACE_SECTIONS
        if (section := import_string(path)(viewer, partnership)) is not None
    ]


def has_reflection_meetings():
    return any("reflection" in path for path in SPACE_SECTIONS)
