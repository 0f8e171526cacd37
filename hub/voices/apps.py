from django.apps import AppConfig


class VoicesConfig(AppConfig):
    """The voice bank: people's own words with their consent, checked back with them."""

    name = "hub.voices"
    label = "voices"
    verbose_name = "Voice bank"

    def ready(self):
        from hub.core import due_work
        from hub.notifications.kinds import Channel, register_kind, register_target
        from hub.voices import services
        from hub.voices.models import Voice, VoiceReview

        register_kind(
            "check_my_words",
            label="Requests to check my words before they are quoted",
            text="{actor} asked you to check your words before they are quoted",
            default=Channel.EMAIL,
            order=60,
        )
        # The notification opens the check page; once the words are withdrawn it says only
        # "no longer available" (can_view is asked again each time it is shown).
        register_target(Voice, describe=lambda voice: ("Your words", voice.check_url))

        due_work.arm_when_saved(Voice, services.arm_review, dispatch_uid="voices-arm-review")
        due_work.register(VoiceReview, services.send_claimed_reviews, limit=200)
        import hub.voices.data_rights  # noqa: F401  (registers its export and closer)
