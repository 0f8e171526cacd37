"""The table of private content for the whole-site privacy crawl: one row per kind.

Each row is (kind, roles allowed to see it). ``marker(kind)`` is the unique word planted in
that content; ``text(kind)`` is what the seed writes into the content (the marker and the
shared search word, so one search finds every kind without the page echoing a marker back).
"""

import re

# The people the crawl signs in as (see world.py for who they are).
VISITOR = "visitor"
MEMBER_A = "member_a"  # a member of partnership A
MEMBER_B = "member_b"  # a member of partnership B (and of a small group-only forum)
LEAD_A = "lead_a"  # partnership A's lead
SET_MEMBER = "set_member"  # in the confidential set (and in partnership C)
FACILITATOR = "facilitator"  # facilitates the confidential set
OTHER_FACILITATOR = "other_facilitator"  # facilitates another set only
OFFICER = "officer"
SUPERUSER = "superuser"  # no break glass
ROLES = [
    VISITOR,
    MEMBER_A,
    MEMBER_B,
    LEAD_A,
    SET_MEMBER,
    FACILITATOR,
    OTHER_FACILITATOR,
    OFFICER,
    SUPERUSER,
]

EVERYONE = frozenset(ROLES)
MEMBERS = EVERYONE - {VISITOR}  # programme-only
OFFICERS = frozenset({OFFICER, SUPERUSER})
TEAM = OFFICERS | {FACILITATOR, OTHER_FACILITATOR}  # people who edit pages in the admin
PARTNERSHIP_A = frozenset({MEMBER_A, LEAD_A})
THE_SET = frozenset({SET_MEMBER, FACILITATOR})

# Every kind of private content. To add one: add a row here, then plant ``text(kind)`` in
# the new content in world.py's ``seed()`` (the test fails until the marker is planted).
KINDS = [
    ("briefingprogramme", MEMBERS),  # a programme-only briefing's body and summary
    ("briefingdraft", TEAM),  # a briefing never published
    ("briefingrevision", TEAM),  # unpublished changes waiting on a public briefing
    ("briefingoldrevision", TEAM),  # what a public briefing said before its last edit
    ("briefingdocument", MEMBERS),  # a document on a programme-only briefing (its file)
    ("briefingimage", MEMBERS | TEAM),  # an image's title on a programme-only briefing
    ("responseprogramme", MEMBERS),  # a response to a programme briefing's prompt
    ("responsepartnership", PARTNERSHIP_A),  # a response shared with partnership A only
    ("responsehidden", OFFICERS | {MEMBER_A}),  # hidden by an officer (author: member_a)
    ("eventprogramme", MEMBERS),  # a programme-only huddle's summary and body
    ("eventjoining", MEMBERS),  # its joining link
    ("eventgroup", {MEMBER_B} | TEAM),  # a group-only event (a forum member_b is in)
    ("materialrecording", MEMBERS),  # a programme huddle's recording link
    ("materialnotes", MEMBERS),  # its notes
    ("materialslides", MEMBERS),  # its slides document (the file's words)
    ("sessionrecording", THE_SET),  # a set session's recording link
    ("sessionnotes", THE_SET),  # a set session's notes
    ("sessionslides", THE_SET),  # a set session's slides document
    ("resourceprogramme", MEMBERS),  # a library resource for the programme
    ("resourcepartnership", PARTNERSHIP_A | OFFICERS),  # partnership A only
    ("resourcehidden", OFFICERS | {MEMBER_A}),  # hidden by an officer (sharer: member_a)
    ("storywithdrawn", OFFICERS | {MEMBER_A}),  # a story its teller withdrew
    ("resourcefile", MEMBERS),  # an uploaded file's words, programme-only
    ("noteprogramme", MEMBERS),  # "what we learned using it" on a programme resource
    ("notehidden", OFFICERS | {MEMBER_B}),  # a hidden note (author: member_b)
    ("question", MEMBERS),  # a question across projects
    ("answer", MEMBERS),  # an answer to it
    ("questionhidden", OFFICERS | {MEMBER_B}),  # a hidden question (author: member_b)
    ("answerhidden", OFFICERS | {MEMBER_A}),  # a hidden answer (author: member_a)
    ("topicidea", MEMBERS),  # a topic idea for a future huddle
    ("setissue", THE_SET),  # what a presenter brought to a session
    ("sethelpful", THE_SET),  # the questions that helped
    ("setaction", THE_SET),  # an action they committed to
    ("setreview", THE_SET),  # its review at the next session
    ("setpost", THE_SET),  # the set's discussion
    ("setfiletitle", THE_SET),  # a set file's title
    ("setfilebody", THE_SET),  # a set file's words
    ("setjoinnote", {MEMBER_A, FACILITATOR}),  # member_a's note asking to join a forming set
    ("reportreason", OFFICERS),  # why member_b reported an answer
    ("invitationmessage", {LEAD_A} | OFFICERS),  # lead_a's invitation to partnership A
    ("threadprivate", PARTNERSHIP_A),  # a thread on partnership A's noticeboard
    ("replyprivate", PARTNERSHIP_A),  # a reply to it
    ("threadshared", PARTNERSHIP_A | TEAM),  # a thread A shared with the programme team
    ("replyshared", PARTNERSHIP_A | TEAM),  # a reply to the shared thread
    ("threadhidden", OFFICERS | {MEMBER_A}),  # a thread hidden by an officer (author: member_a)
    ("hostoffer", MEMBERS),  # partnership A's note offering to host a topic idea
    # Profiles (issue 12): someone in partnership A who chose not to appear in the directory
    # (their "ask me about" and role words), and a member's email address they did not
    # choose to show. Officers manage accounts in the admin.
    ("profilehidden", OFFICERS),
    ("emailhidden", OFFICERS),
    # An announcement to partnership A, told as notifications (the list, emails, the digest);
    # member_b is sent one too, as if they had left since: it must say only "no longer
    # available".
    ("notification", PARTNERSHIP_A | OFFICERS),
    # Partnership A's learning framework, facilitated by the set's facilitator: the record of
    # a reflection meeting stays with the partnership and its facilitator; what A shares (a
    # meeting's summary, an indicator's journey) reaches the programme team too.
    ("meetingnoticed", PARTNERSHIP_A | {FACILITATOR}),
    ("meetingaction", PARTNERSHIP_A | {FACILITATOR}),
    ("meetingsummary", PARTNERSHIP_A | {FACILITATOR}),  # a summary A has not shared
    ("meetingsummaryshared", PARTNERSHIP_A | TEAM),
    ("judgementprivate", PARTNERSHIP_A | {FACILITATOR}),  # evidence on an unshared journey
    ("judgementshared", PARTNERSHIP_A | TEAM),  # evidence on a journey A shared
    ("wentwelldraft", PARTNERSHIP_A),  # what went well, not shared yet
    # Why the words of A's unshared indicator changed (its earlier version stays in the room).
    ("indicatorreword", PARTNERSHIP_A | {FACILITATOR}),
    # A's own resource (partnership only), linked as the evidence on A's shared journey: the
    # link is shown only to whoever may see the resource (not the facilitator, not the team).
    ("evidencepartnership", PARTNERSHIP_A | OFFICERS),
    # Action owners are told in the hub: an action given to lead_a (only its owner is told,
    # and the notice names the meeting, not the action).
    ("meetingactionowned", PARTNERSHIP_A | {FACILITATOR}),
    # The voice bank: programme-only words quoted in a public briefing (never to visitors),
    # member_a's words awaiting their check-back (the learning team and member_a only), and
    # words withdrawn by the person who said them, quoted in a public briefing (nobody).
    ("voiceprogramme", MEMBERS),
    ("voiceawaiting", TEAM | {MEMBER_A}),
    ("voicewithdrawn", frozenset()),
    # A draft briefing shared for comment with member_b (by name) and partnership A: only they
    # and the editors open it; a comment on it is for its writer (member_a) and the editors.
    ("draftforcomment", PARTNERSHIP_A | {MEMBER_B} | TEAM),
    ("draftcomment", {MEMBER_A} | TEAM),
    ("closurereason", OFFICERS),  # why an officer closed an account on request
]

PREFIX = "zqmk"
SEARCH_WORD = "plumquasar"


def marker(kind):
    """The unique word for ``kind``: the prefix, a two-digit number, the kind's name."""
    for number, (name, _allowed) in enumerate(KINDS):
        if name == kind:
            return f"{PREFIX}{number:02d}{kind}"
    raise KeyError(kind)


def text(kind):
    """What the seed writes into content of this kind."""
    return f"{marker(kind)} {SEARCH_WORD}"


ALLOWED = {marker(kind): frozenset(allowed) for kind, allowed in KINDS}
MARKER_RE = re.compile(PREFIX + r"\d\d[a-z]+")


def markers_in(body):
    """The planted markers found in a page, file or email."""
    return set(MARKER_RE.findall(body))
