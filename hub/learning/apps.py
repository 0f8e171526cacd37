from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The learning loop: each partnership's learning framework (indicators and reflection
    meetings), what went well, and later the voice bank, drafts for comment and the harvest."""

    name = "hub.learning"
    label = "learning"
    verbose_name = "The learning loop"

    def ready(self):
        import hub.learning.data_rights  # noqa: F401  (registers its export and closer)
        from hub.learning.models import ReflectionMeeting
        from hub.notifications.kinds import Channel, register_kind, register_target

        register_target(
            ReflectionMeeting,
            describe=lambda m: (
                f"reflection meeting of {m.framework.partnership.name} on {m.held_on:%-d %B %Y}",
                m.get_absolute_url(),
            ),
            select_related=("framework__partnership",),
        )
        register_kind(
            "learning_action",
            label="An action from a reflection meeting given to me",
            text="{actor} gave you an action at the {title}",
            default=Channel.EMAIL,
            order=40,
        )
        register_kind(
            "learning_meeting",
            label="A reflection meeting of my partnership is recorded",
            text="{actor} recorded the {title}",
            default=Channel.HUB,
            order=41,
        )
        register_kind(
            "learning_summary_shared",
            label="A partnership I facilitate shares a meeting's summary with the programme",
            text="{actor} shared the summary of the {title} with the programme",
            default=Channel.HUB,
            order=42,
        )
