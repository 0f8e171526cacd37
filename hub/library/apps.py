from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "hub.library"
    label = "library"
    verbose_name = "Shared resource library"

    def ready(self):
        from django.db.models.signals import post_save

        import hub.library.data_rights  # noqa: F401  (registers its export and closer)
        from hub.core import due_work
        from hub.library import services
        from hub.library.models import ConsentReview, StoryConsent

        def arm_review(sender, instance, raw=False, **kwargs):
            if not raw:  # not while loading fixtures
                services.arm_consent_review(instance)

        # However a consent is saved (the share form, the admin, the seeder), its review date
        # gets its reminder row.
        post_save.connect(
            arm_review, sender=StoryConsent, weak=False, dispatch_uid="library-arm-consent-review"
        )
        due_work.register(ConsentReview, services.send_claimed_consent_reviews, limit=200)

        from hub.library.models import Note, Resource
        from hub.notifications.kinds import register_target

        register_target(Resource, describe=lambda r: (r.title, r.get_absolute_url()))
        register_target(
            Note,
            describe=lambda n: (n.resource.title, n.get_absolute_url()),
            select_related=("resource",),
        )
