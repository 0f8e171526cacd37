"""A demo voice bank (fictional words, written for the hub): approved voices from parents,
practitioners and leaders, one awaiting its check-back, one withdrawn by the person who said
it, and one quoted in a published briefing. Safe to run twice: a bank with voices is left
alone."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

from hub.people.models import Partnership
from hub.voices import services
from hub.voices.models import Voice

# (words, role in their own words, role group, who may read it, named as, decision)
VOICES = [
    (
        "The first time someone asked me what I thought should change, I cried in the car "
        "afterwards. Nobody had asked before.",
        "mum of three",
        "parent",
        "public",
        "",
        "approved",
    ),
    (
        "We stopped writing letters that start with 'failure to attend'. Families started "
        "turning up.",
        "family support worker",
        "practitioner",
        "public",
        "",
        "approved",
    ),
    (
        "I had to unlearn being the person with the answers. The parents on our board are "
        "better at spotting what will not work.",
        "assistant director, children's services",
        "senior_leader",
        "programme",
        "",
        "approved",
    ),
    (
        "At the youth forum we got to pick the questions for the survey, not just answer them.",
        "young person on the youth forum",
        "young_person",
        "public",
        "Jas",
        "approved",
    ),
    (
        "The café is where I found out I was not the only dad doing this on his own.",
        "dad",
        "parent",
        "programme",
        "",
        "changed",
    ),
    (
        "People here know my name now. That sounds small but it is everything.",
        "community volunteer",
        "community_member",
        "public",
        "",
        "awaiting",
    ),
    (
        "Words withdrawn by the person who said them.",
        "grandparent",
        "parent",
        "public",
        "",
        "withdrawn",
    ),
]


def seed(stdout, scale=1):
    if Voice.objects.exists():
        return
    team = get_user_model().objects.filter(email="facilitator@example.org").first()
    if team is None:
        return
    partnerships = list(Partnership.objects.filter(active=True).order_by("pk")[:2])
    review = timezone.localdate() + timedelta(days=365)
    made = []
    for number, (words, role, group, use, name, decision) in enumerate(VOICES):
        voice = services.record_voice(
            by=team,
            quote=words,
            kind="quote",
            role=role,
            role_group=group,
            partnership=partnerships[number % len(partnerships)] if partnerships else None,
            use=use,
            named=bool(name),
            name=name,
            review_date=review,
            source="huddle" if number % 2 else "interview",
            source_detail="Huddle on co-production" if number % 2 else "Interview in the spring",
            speaker_name=f"Demo person {number + 1}",
            speaker_email=f"voice{number + 1}@example.org",
        )
        if decision == "changed":
            services.decide(
                voice,
                "changed",
                by_link=True,
                quote=words.replace("The café", "Our café"),
                role=role,
            )
        elif decision in ("approved", "withdrawn"):
            services.decide(voice, "approved", by_link=True)
        made.append((voice, decision))
    _quote_in_a_briefing(made)
    for voice, decision in made:
        if decision == "withdrawn":
            services.decide(voice, "withdrawn", by_link=True)
    stdout.write(f"  {len(made)} voices in the bank")


def _quote_in_a_briefing(made):
    """Quote the first public voice (and the one later withdrawn) in a published briefing,
    found by its page type's label: the bank imports nothing of the briefings app."""
    page = (
        Page.objects.filter(content_type__app_label="briefings", content_type__model="briefingpage")
        .live()
        .order_by("pk")
        .first()
    )
    if page is None:
        return
    page = page.specific
    if getattr(page, "audience", "public") != "public":
        return
    quoted = [voice for voice, decision in made if decision in ("approved", "withdrawn")]
    chosen = [quoted[0], quoted[-1]] if len(quoted) > 1 else quoted
    blocks = list(page.body.raw_data) + [
        {"type": "bank_voice", "value": {"voice": voice.pk}} for voice in chosen
    ]
    page.body = blocks
    page.save_revision().publish()
