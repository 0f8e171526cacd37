from django.apps import AppConfig


class HarvestConfig(AppConfig):
    name = "hub.harvest"
    label = "harvest"
    verbose_name = "The harvest"
