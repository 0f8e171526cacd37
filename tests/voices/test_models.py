"""Who may read a voice, how it is attributed, and the functions other apps call."""

import pytest

from hub.people.factories import MembershipFactory, PartnershipFactory, UserFactory
from hub.voices.factories import make_voice
from hub.voices.models import RoleGroup, Status, Use, Voice
from hub.voices.queries import consented_voices, role_group_of, voices_heard

pytestmark = pytest.mark.django_db


@pytest.fixture
def voices(partnership, speaker):
    return {
        "public": make_voice("Public words", partnership=partnership),
        "programme": make_voice("Programme words", use=Use.PROGRAMME),
        "awaiting": make_voice("Awaiting words", status=Status.AWAITING),
        "mine": make_voice("My own words", status=Status.AWAITING, speaker=speaker),
        "withdrawn": make_voice("", status=Status.WITHDRAWN),
    }


def _seen(user):
    return set(Voice.objects.visible_to(user).values_list("quote", flat=True))


def test_each_role_reads_only_the_voices_it_may(voices, member, speaker, officer, facilitator):
    everything_but_withdrawn = {"Public words", "Programme words", "Awaiting words", "My own words"}
    assert _seen(None) == {"Public words"}
    assert _seen(member) == {"Public words", "Programme words"}
    assert _seen(speaker) == {"Public words", "Programme words", "My own words"}
    assert _seen(facilitator) == everything_but_withdrawn
    assert _seen(officer) == everything_but_withdrawn
    # The one-object answer agrees, for every voice and every role.
    for user in (None, member, speaker, facilitator, officer):
        for voice in Voice.objects.all():
            assert voice.can_view(user) == (voice in Voice.objects.visible_to(user))


def test_a_withdrawn_voice_is_for_nobody(voices, officer):
    assert not voices["withdrawn"].can_view(officer)
    assert voices["withdrawn"] not in Voice.objects.visible_to(officer)


def test_a_name_is_shown_only_with_consent(partnership):
    voice = make_voice(role="dad", partnership=partnership, name="Tom", named=False)
    assert voice.attribution == "dad, Harbourside Families Together"
    voice.named = True
    assert voice.attribution == "Tom, dad, Harbourside Families Together"


def test_programme_words_are_quoted_to_members_and_on_programme_pages_only(member):
    voice = make_voice(use=Use.PROGRAMME)
    assert not voice.can_quote_to(None)
    assert voice.can_quote_to(None, programme_page=True)
    assert voice.can_quote_to(member)
    assert not make_voice(status=Status.AWAITING).can_quote_to(member)


def test_consented_voices_are_approved_and_fit_the_audience(voices):
    changed = make_voice("Changed by them", status=Status.CHANGED)
    public = consented_voices("public")
    assert {v.quote for v in public} == {"Public words", "Changed by them"}
    programme = consented_voices("programme")
    assert {v.quote for v in programme} == {"Public words", "Changed by them", "Programme words"}
    first = next(v for v in programme if v.pk == changed.pk)
    assert first.attribution == "mum of two"


def test_whose_voices_counts_match_hand_counted_figures(partnership, other_partnership):
    # Members: 3 in Harbourside (2 parents, 1 practitioner), 1 in Pennine (a senior leader).
    for words, where in [
        ("Parent", partnership),
        ("mum", partnership),
        ("Family support worker", partnership),
        ("Head of early help", other_partnership),
    ]:
        MembershipFactory(person=UserFactory(role_in_own_words=words), partnership=where)
    PartnershipFactory(name="Quiet Valley Partnership")  # no members, no voices
    voices = [
        make_voice(role_group=RoleGroup.PARENT, partnership=partnership),
        make_voice(role_group=RoleGroup.PARENT, partnership=partnership),
        make_voice(role_group=RoleGroup.PRACTITIONER, partnership=other_partnership),
        make_voice(role_group=RoleGroup.PARENT, status=Status.WITHDRAWN),  # not counted
    ]
    heard = voices_heard(voices)
    assert heard.total == 3
    roles = {row.label: (row.voices, row.share, row.members) for row in heard.by_role}
    assert roles["Parent or carer"] == (2, 67, 2)
    assert roles["Practitioner"] == (1, 33, 1)
    assert roles["Senior leader"] == (0, 0, 1)
    assert roles["Young person"] == (0, 0, 0)
    assert heard.missing_roles == ["Senior leader"]
    places = {row.label: (row.voices, row.members) for row in heard.by_partnership}
    assert places["Harbourside Families Together"] == (2, 3)
    assert places["Pennine Early Help Alliance"] == (1, 1)
    assert places["Quiet Valley Partnership"] == (0, 0)
    assert heard.missing_partnerships == ["Quiet Valley Partnership"]


@pytest.mark.parametrize(
    ("words", "group"),
    [
        ("Mum of three", RoleGroup.PARENT),
        ("young person on the youth board", RoleGroup.YOUNG_PERSON),
        ("Health visitor", RoleGroup.PRACTITIONER),
        ("Director of children's services", RoleGroup.SENIOR_LEADER),
        ("Community volunteer", RoleGroup.COMMUNITY_MEMBER),
        ("", RoleGroup.OTHER),
    ],
)
def test_members_roles_in_their_own_words_fall_into_groups(words, group):
    assert role_group_of(words) == group
