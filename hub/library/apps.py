from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "hub.library"
    label = "library"
    verbose_name = "Shared resource library"

    def ready(self):
        import hub.library.data_rights  # noqa: F401  (registers its export and closer)
        from hub.core import due_work
        from hub.library import services
        from hub.library.models import ConsentReview, StoryConsent

        # However a consent is saved, its review date gets its reminder row.
        due_work.arm_when_saved(
            StoryConsent, services.arm_consent_review, dispatch_uid="library-arm-consent-review"
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
