"""Events' migrations 0001-0006 in one (replaces them, so a database migrated before moves on).

Data steps, kept for a fresh database: the events index page under the home page (from 0003)
and the officers' series permissions (0004). 0006's step (materials' documents into the
restricted collection, group-only materials out of the library) finds nothing to do in a fresh
database; it is kept because its tests show what it did to existing ones."""


import datetime
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import events.models.feeds
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models
from django.contrib.auth.management import create_permissions


ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _next_child_path(Page, parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-4:], 36) + 1 if last else 1
    step = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HubHomePage = apps.get_model("core", "HubHomePage")
    EventIndexPage = apps.get_model("events", "EventIndexPage")
    home = HubHomePage.objects.first()
    if home is None or EventIndexPage.objects.exists():
        return
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug="events"):
        return
    index_type, _ = ContentType.objects.get_or_create(model="eventindexpage", app_label="events")
    EventIndexPage.objects.create(
        title="Huddles, webinars and gatherings",
        draft_title="Huddles, webinars and gatherings",
        slug="events",
        content_type=index_type,
        path=_next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}events/",
        live=True,
        locale_id=home.locale_id,
        introduction="<p>Come and learn with other partnerships: short online huddles, "
        "webinars and in-person gatherings.</p>",
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


PERMISSIONS = ["add_eventseries", "change_eventseries", "delete_eventseries", "view_eventseries"]


def grant(apps, schema_editor):
    # Permissions are normally made after migrations; make the events app's now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Programme officers")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="events", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Programme officers"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="events", codename__in=PERMISSIONS)
        )


PRIVATE_COLLECTION = "Programme only"


def forwards(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    EventMaterial = apps.get_model("events", "EventMaterial")
    Resource = apps.get_model("library", "Resource")
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Document = apps.get_model("wagtaildocs", "Document")

    group_only = EventPage.objects.filter(audience="group").values("pk")
    Resource.objects.filter(event_id__in=group_only).delete()

    private = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    if private is None:
        return  # the runtime makes it on first use and moves each new document into it
    restricted_paths = [
        path
        for path in Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True)
    ]
    if not restricted_paths:
        return
    document_ids = EventMaterial.objects.exclude(document=None).values("document_id")
    for document in Document.objects.filter(pk__in=document_ids).select_related("collection"):
        if not any(document.collection.path.startswith(path) for path in restricted_paths):
            document.collection = private
            document.save(update_fields=["collection"])


class Migration(migrations.Migration):

    replaces = [('events', '0001_initial'), ('events', '0002_series_occurrence_and_sequence'), ('events', '0003_events_index_page'), ('events', '0004_officer_series_permissions'), ('events', '0005_reminder_due_work'), ('events', '0006_materials_stay_with_their_audience')]

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('briefings', '0001_squashed_0003_response_moderation'),
        ('core', '0001_squashed_0003_outbox'),
        ('library', '0001_squashed_0005_consent_review_due_work'),
        ('people', '0002_programme_groups'),
        ('questions', '0001_squashed_0003_answernotice_due_work'),
        ('themes', '0001_initial'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        ('wagtaildocs', '0014_alter_document_file_size'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EventIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                ('introduction', wagtail.fields.RichTextField(blank=True)),
            ],
            options={
                'verbose_name': 'events index',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='CalendarFeed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(default=events.models.feeds._new_feed_token, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='EventPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                ('kind', models.CharField(choices=[('huddle', 'Huddle'), ('webinar', 'Webinar'), ('gathering', 'Gathering (in person)'), ('learning_set_session', 'Action learning set session')], default='huddle', max_length=24)),
                ('summary', models.TextField(help_text='One or two plain sentences.', max_length=500)),
                ('body', wagtail.fields.RichTextField(blank=True)),
                ('start', models.DateTimeField(db_index=True)),
                ('end', models.DateTimeField()),
                ('presenters', models.CharField(blank=True, help_text='Names of the presenters, e.g. from the partnership.', max_length=255)),
                ('format', models.CharField(choices=[('online', 'Online'), ('in_person', 'In person'), ('hybrid', 'Hybrid')], default='online', max_length=16)),
                ('venue_name', models.CharField(blank=True, max_length=255)),
                ('venue_address', models.TextField(blank=True)),
                ('accessibility_notes', models.TextField(blank=True, help_text='Step-free access, hearing loop, quiet room, parking, etc.')),
                ('joining_link', models.URLField(blank=True, help_text='Shown only to registered people, shortly before the start.')),
                ('capacity', models.PositiveIntegerField(blank=True, help_text='Leave empty for unlimited places.', null=True)),
                ('registration_opens_at', models.DateTimeField(blank=True, null=True)),
                ('registration_closes_at', models.DateTimeField(blank=True, help_text='Empty: registration closes when the event starts.', null=True)),
                ('audience', models.CharField(choices=[('public', 'Anyone, including visitors'), ('programme', 'Programme members only'), ('group', 'Only the people in one group (e.g. a learning set)')], default='programme', max_length=16)),
                ('is_cancelled', models.BooleanField(default=False)),
                ('cancellation_note', models.TextField(blank=True)),
                ('hosting_partnership', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='hosted_events', to='people.partnership')),
                ('hosts', modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Facilitators or officers hosting.', related_name='hosted_events', to=settings.AUTH_USER_MODEL)),
                ('restricted_to_group', models.ForeignKey(blank=True, help_text='For a group-only event: only people in this group may see it.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='auth.group')),
                ('themes', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='events', to='themes.theme')),
            ],
            options={
                'verbose_name': 'event',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='EventMaterial',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('recording', 'Recording'), ('slides', 'Slides'), ('notes', 'Notes')], max_length=16)),
                ('title', models.CharField(max_length=255)),
                ('url', models.URLField(blank=True, verbose_name='link')),
                ('notes', models.TextField(blank=True, help_text='Markdown.')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('added_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('document', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtaildocs.document')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='materials', to='events.eventpage')),
            ],
            options={
                'ordering': ['kind', 'created_at'],
            },
        ),
        migrations.CreateModel(
            name='EventSeries',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=255)),
                ('kind', models.CharField(default='huddle', max_length=24)),
                ('summary', models.TextField(blank=True)),
                ('rrule', models.CharField(help_text='An iCalendar RRULE, e.g. FREQ=MONTHLY;BYDAY=2WE;UNTIL=20270731T235959Z.', max_length=255, verbose_name='repeat rule')),
                ('timezone', models.CharField(default='Europe/London', max_length=64)),
                ('first_start', models.DateTimeField(help_text="The first occurrence's start.")),
                ('duration', models.DurationField(default=datetime.timedelta(seconds=3600))),
                ('format', models.CharField(default='online', max_length=16)),
                ('joining_link', models.URLField(blank=True)),
                ('capacity', models.PositiveIntegerField(blank=True, null=True)),
                ('audience', models.CharField(choices=[('public', 'Anyone, including visitors'), ('programme', 'Programme members only'), ('group', 'Only the people in one group (e.g. a learning set)')], default='programme', max_length=16)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('themes', models.ManyToManyField(blank=True, related_name='event_series', to='themes.theme')),
            ],
            options={
                'verbose_name': 'event series',
                'verbose_name_plural': 'event series',
            },
        ),
        migrations.AddField(
            model_name='eventpage',
            name='series',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='occurrences', to='events.eventseries'),
        ),
        migrations.CreateModel(
            name='Feedback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valuable', models.TextField(blank=True, max_length=2000, verbose_name='What did you find valuable?')),
                ('rating', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='How useful was it, from 1 (not at all) to 5 (very)?')),
                ('next_wanted', models.TextField(blank=True, max_length=2000, verbose_name='What would you like next?')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='events.eventpage')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='event_feedback', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='Registration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('registered', 'Registered'), ('waitlisted', 'On the waitlist'), ('cancelled', 'Cancelled')], default='registered', max_length=16)),
                ('queued_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('attended', models.BooleanField(blank=True, null=True)),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='events.eventpage')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='event_registrations', to=settings.AUTH_USER_MODEL)),
                ('registered_by', models.ForeignKey(blank=True, help_text='Someone else who registered this person (a lead or an officer).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['queued_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Reminder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('24h', '24 hours before'), ('1h', '1 hour before')], max_length=8)),
                ('due_at', models.DateTimeField()),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='events.registration')),
            ],
        ),
        migrations.CreateModel(
            name='TopicIdea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('description', models.TextField(blank=True, max_length=2000)),
                ('status', models.CharField(choices=[('proposed', 'Proposed'), ('planned', 'Planned'), ('scheduled', 'Scheduled'), ('declined', 'Not taken forward')], default='proposed', max_length=16)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('origin_page', models.ForeignKey(blank=True, help_text='The briefing (or other page) the idea came from.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.page')),
                ('proposed_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='topic_ideas', to=settings.AUTH_USER_MODEL)),
                ('scheduled_event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='topic_ideas', to='events.eventpage')),
                ('themes', models.ManyToManyField(blank=True, related_name='topic_ideas', to='themes.theme')),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='TopicSupport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supports', to='events.topicidea')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='topic_supports', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.AddIndex(
            model_name='eventpage',
            index=models.Index(fields=['audience', 'start'], name='events_even_audienc_d97595_idx'),
        ),
        migrations.AddConstraint(
            model_name='feedback',
            constraint=models.UniqueConstraint(fields=('event', 'person'), name='one_feedback_per_person'),
        ),
        migrations.AddIndex(
            model_name='registration',
            index=models.Index(fields=['event', 'status', 'queued_at'], name='events_regi_event_i_1494c7_idx'),
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.UniqueConstraint(fields=('event', 'person'), name='one_registration_per_person'),
        ),
        migrations.AddIndex(
            model_name='reminder',
            index=models.Index(fields=['sent_at', 'due_at'], name='events_remi_sent_at_5c447b_idx'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(fields=('registration', 'kind'), name='one_reminder_per_kind'),
        ),
        migrations.AddConstraint(
            model_name='topicsupport',
            constraint=models.UniqueConstraint(fields=('idea', 'person'), name='one_support_per_person'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='sequence',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='series_occurrence',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(create_index, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
        migrations.RemoveIndex(
            model_name='reminder',
            name='events_remi_sent_at_5c447b_idx',
        ),
        migrations.RenameField(
            model_name='reminder',
            old_name='sent_at',
            new_name='done_at',
        ),
        migrations.AlterField(
            model_name='reminder',
            name='done_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='done'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='reminder',
            name='claim_token',
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='reminder',
            name='error',
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name='reminder',
            name='due_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='due'),
        ),
        migrations.AddIndex(
            model_name='reminder',
            index=models.Index(fields=['done_at', 'due_at'], name='events_reminder_due'),
        ),
        migrations.AddIndex(
            model_name='reminder',
            index=models.Index(fields=['claim_token'], name='events_reminder_tok'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
