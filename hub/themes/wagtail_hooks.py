from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from hub.themes.models import Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(ThemeViewSet)
