from django.apps import AppConfig


class LearningSetsConfig(AppConfig):
    name = "learning_sets"
    verbose_name = "Action learning sets"

    def ready(self):
        # The core asks "which sets is this person in" through roles, never by importing us.
        from hub.people import roles
        from learning_sets.admin_privacy import install
        from learning_sets.models import set_ids_for_many, set_ids_for_one

        roles.register_membership_lookup("sets", set_ids_for_one, set_ids_for_many)

        # Wagtail's admin listings leave out set sessions the person is not in the set for.
        install()
