from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "hub.themes"
    label = "themes"
    verbose_name = "Themes"
