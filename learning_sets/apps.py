from django.apps import AppConfig


class LearningSetsConfig(AppConfig):
    name = "learning_sets"
    verbose_name = "Action learning sets"

    def ready(self):
        # Wagtail's admin listings leave out set sessions the person is not in the set for.
        from learning_sets.admin_privacy import install

        install()
