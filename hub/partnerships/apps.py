from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "hub.partnerships"
    label = "partnerships"
    verbose_name = "Partnership spaces"
