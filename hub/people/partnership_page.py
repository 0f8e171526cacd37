"""What a partnership's page shows besides who they are: sections the content apps own
(what they have shared, the events they host, their space), named by import path so the
core imports no content app. A path whose app is not installed is left out.

Each entry is a callable ``(viewer, partnership) -> [section, ...]``; a section is a dict
with ``title`` and ``template`` (the rest is the template's context).
"""

from django.utils.module_loading import import_string

SECTIONS = [
    "hub.partnerships.sections.public_sections",
]


def sections_for(viewer, partnership):
    found = []
    for path in SECTIONS:
        try:
            provider = import_string(path)
        except ImportError:
            continue
        found.extend(provider(viewer, partnership))
    return found
