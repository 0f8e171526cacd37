"""Question emails are chosen with every other notification: each person's "no emails about
new answers" or "no emails about mentions" becomes "in the hub only" for that kind (unless
they had already chosen something other than email at once), then the old table goes."""

from django.db import migrations

# The kinds and their defaults as they stood when the old choices were folded in
# (hub/questions/apps.py: both default to email at once).
FOLDED = {"new_answers": "answer", "mentions": "mention"}
DEFAULT = "email"


def carry_choices_over(apps, schema_editor):
    Old = apps.get_model("questions", "QuestionEmailPreference")
    Choice = apps.get_model("notifications", "NotificationPreference")
    for old in Old.objects.all().iterator():
        for field, kind in FOLDED.items():
            if getattr(old, field):
                continue  # they still wanted the email: the default says the same
            choice = Choice.objects.filter(person_id=old.person_id, kind=kind).first()
            if choice is None:
                Choice.objects.create(person_id=old.person_id, kind=kind, channel="hub")
            elif choice.channel == DEFAULT:
                choice.channel = "hub"
                choice.save(update_fields=["channel"])


def bring_choices_back(apps, schema_editor):
    Old = apps.get_model("questions", "QuestionEmailPreference")
    Choice = apps.get_model("notifications", "NotificationPreference")
    off = {}
    for choice in Choice.objects.filter(kind__in=FOLDED.values()).exclude(channel=DEFAULT):
        off.setdefault(choice.person_id, set()).add(choice.kind)
    for person_id, kinds in off.items():
        Old.objects.update_or_create(
            person_id=person_id,
            defaults={field: kind not in kinds for field, kind in FOLDED.items()},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_squashed_0003_answernotice_due_work"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(carry_choices_over, bring_choices_back),
        migrations.DeleteModel(name="QuestionEmailPreference"),
    ]
