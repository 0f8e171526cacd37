from django.apps import AppConfig


class LearningSetsConfig(AppConfig):
    name = "learning_sets"
    verbose_name = "Action learning sets"

    def ready(self):
        import learning_sets.data_rights  # noqa: F401  (registers its export and closer)

        # The core asks "which sets is this person in" through roles, never by importing us.
        from hub.people import roles
        from learning_sets.admin_privacy import install
        from learning_sets.models.sets import set_ids_for_many, set_ids_for_one, sets_of_one

        roles.register_membership_lookup(
            "sets", set_ids_for_one, set_ids_for_many, rows=sets_of_one
        )

        # Wagtail's admin listings leave out set sessions the person is not in the set for.
        install()
        self.register_notifications()

    def register_notifications(self):
        from hub.notifications.kinds import register_kind, register_target
        from learning_sets.models import JoinRequest, SetInvitation

        def describe(row):
            return row.learning_set.name, row.learning_set.get_absolute_url()

        register_target(JoinRequest, describe=describe, select_related=("learning_set",))
        register_target(SetInvitation, describe=describe, select_related=("learning_set",))
        register_kind(
            "set_answer",
            label="My request to join a set, or an invitation I sent, is answered",
            text="{answer}: “{title}”",
            own_email=True,
            order=30,
        )
