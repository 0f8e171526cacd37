from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hub.core"
    label = "core"
    verbose_name = "Hub core"

    def ready(self):
        from hub.core import due_work, index_urls, lookups, mail, page_cache, view_restrictions
        from hub.core.models import OutgoingEmail

        lookups.register()

        # Emails whose fast path never ran (broker down) or died half-way (worker killed).
        due_work.register(OutgoingEmail, mail.send_due_emails, limit=100)
        page_cache.connect()
        view_restrictions.connect()
        index_urls.connect()
