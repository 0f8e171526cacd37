"""Confidentiality, the acceptance bar.

1. A permission matrix: every URL of the app, for a visitor, a member of another set, a
   programme officer, a superuser without break glass, a set member and the facilitator.
2. A unique marker in every kind of set content never reaches anyone outside the set: not
   on our pages, the site search, feeds, calendars, the API, the sitemap, the Wagtail admin
   and its search, or any email sent to them.
"""

from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from hub.people.factories import member_of
from learning_sets import services
from learning_sets.factories import make_set
from learning_sets.models import SetInvitation

pytestmark = pytest.mark.django_db

MARKER = "zqx-confidential-7731"
# Searches look for this word, which sits beside the marker in every piece of content: a search
# page echoes its query, so searching for the marker itself would prove nothing.
WORD = "plumquasar"
ROLES = ["visitor", "other_set_member", "officer", "superuser", "set_member", "facilitator"]
OUTSIDERS = ["visitor", "other_set_member", "officer", "superuser"]


@pytest.fixture
def world(
    learning_set,
    facilitator,
    set_member,
    set_member2,
    other_set_member,
    officer,
    superuser,
    past_and_next_session,
    partnership,
    django_capture_on_commit_callbacks,
):
    """A set with every kind of content, each carrying the marker."""
    past, upcoming = past_and_next_session
    with django_capture_on_commit_callbacks(execute=True):
        issue = services.record_issue(
            past,
            presenter=set_member,
            issue=f"My issue {MARKER} {WORD}",
            helpful_questions=f"Helpful {MARKER} {WORD}",
            actions=[f"Action {MARKER} {WORD}", "Second action"],
            by=set_member,
        )
        first = issue.actions.first()
        services.review_action(
            first,
            session=upcoming,
            outcome="changed",
            note=f"Review {MARKER} {WORD}",
            by=set_member,
        )
        services.post_message(learning_set, author=set_member2, body=f"Post {MARKER} {WORD}")
        set_file = services.upload_file(
            learning_set,
            uploaded_file=SimpleUploadedFile(
                f"{MARKER}.txt", f"File body {MARKER} {WORD}".encode(), content_type="text/plain"
            ),
            title=f"File {MARKER} {WORD}",
            by=set_member,
        )
        forming = make_set(name="Forming set", facilitators=[facilitator])
        requester = member_of(partnership, email="asker@example.org")
        join_request = services.request_to_join(
            requester, forming, note=f"Note {MARKER} {WORD}", agreed_to_ground_rules=True
        )
        invitee = member_of(partnership, email="invitee@example.org")
        invitation = services.invite(learning_set, invitee, by=facilitator)
        services.record_attendance(past, [set_member.pk], by=facilitator)
    people = {
        "visitor": None,
        "other_set_member": other_set_member,
        "officer": officer,
        "superuser": superuser,
        "set_member": set_member,
        "facilitator": facilitator,
    }
    return {
        "set": learning_set,
        "forming": forming,
        "past": past,
        "upcoming": upcoming,
        "issue": issue,
        "action": issue.actions.last(),
        "file": set_file,
        "join_request": join_request,
        "invitation": invitation,
        "people": people,
    }


def url_matrix(w):
    """(method, url, roles allowed). Everyone else must be refused."""
    slug = w["set"].slug
    past, upcoming = w["past"], w["upcoming"]
    inside = {"set_member", "facilitator"}
    members = {"other_set_member", "officer", "superuser", "set_member", "facilitator"}
    fac = {"facilitator"}

    def u(name, *args):
        return reverse(f"learning_sets:{name}", args=args)

    return [
        ("get", u("list"), members),
        ("get", u("health_overview"), fac),
        ("get", u("new"), fac),
        ("get", u("edit", slug), fac),
        ("get", u("invitation", w["invitation"].pk), set()),  # only the invitee
        ("get", u("detail", slug), inside),  # a meeting set is not listed
        ("get", u("detail", w["forming"].slug), members),  # a forming set is listed
        ("post", u("withdraw_request", w["forming"].slug, w["join_request"].pk), set()),
        ("get", u("space", slug), inside),
        ("get", u("session_new", slug), fac),
        ("get", u("session", slug, past.pk), inside),
        ("get", u("session", slug, upcoming.pk), inside),
        ("get", u("attendance", slug, past.pk), fac),
        ("get", u("session_edit", slug, upcoming.pk), fac),
        ("post", u("action_review", slug, upcoming.pk, w["action"].pk), inside),
        ("post", u("action_add", slug, w["issue"].pk), inside),
        ("get", u("discussion", slug), inside),
        ("post", u("discussion", slug), inside),
        ("get", u("files", slug), inside),
        ("get", u("file_download", slug, w["file"].pk), inside),
        ("get", u("timeline", slug), inside),
        ("get", u("leave", slug), {"set_member"}),
        ("get", u("manage", slug), fac),
        ("post", u("change_status", slug), fac),
        ("post", u("decide_request", w["forming"].slug, w["join_request"].pk, "decline"), fac),
        ("get", u("health", slug), fac),
        ("get", u("break_glass", slug), {"superuser"}),
        ("post", u("file_delete", slug, w["file"].pk), {"set_member", "facilitator"}),
    ]


def test_the_matrix_covers_every_url_of_the_app(world):
    from django.urls import resolve

    from learning_sets import urls

    covered = {resolve(url).url_name for _, url, _ in url_matrix(world)}
    assert covered == {p.name for p in urls.urlpatterns}, "a new URL needs a row in url_matrix"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, client_for, role):
    person = world["people"][role]
    client = client_for(person)
    wrong = []
    # The file delete row goes last: it removes the file the download row needs.
    for method, url, allowed in url_matrix(world):
        response = getattr(client, method)(url)
        if role == "visitor":
            ok = response.status_code == 302 and "/accounts/login/" in response["Location"]
        elif role in allowed:
            # A POST with nothing in it is either done (302) or re-shown with errors (200).
            ok = response.status_code in ((200,) if method == "get" else (200, 302))
        else:
            ok = response.status_code in (403, 404)
        if not ok:
            wrong.append((method, url, response.status_code))
    assert wrong == [], f"{role} got unexpected answers"


def test_the_invitee_and_requester_reach_their_own_pages(world, client_for):
    invitee = world["invitation"].person
    assert client_for(invitee).get(world["invitation"].get_absolute_url()).status_code == 200
    requester = world["join_request"].person
    response = client_for(requester).post(
        reverse(
            "learning_sets:withdraw_request", args=[world["forming"].slug, world["join_request"].pk]
        )
    )
    assert response.status_code == 302
    world["join_request"].refresh_from_db()
    assert world["join_request"].status == "withdrawn"


def _outside_paths(world):
    """Every page an outsider might reach that could carry set content."""
    paths = [
        "/",
        f"/search/?q={WORD}",
        "/sitemap.xml",
        "/api/v2/pages/",
        f"/api/v2/pages/?search={WORD}",
        "/events/",
        "/briefings/",
        "/admin/",
        f"/admin/pages/search/?q={WORD}",
        "/admin/snippets/",
        f"/admin/users/?q={WORD}",
        "/admin/groups/",
        "/django-admin/",
    ]
    from wagtail.snippets.models import get_snippet_models

    for model in get_snippet_models():
        paths.append(reverse(model.snippet_viewset.get_url_name("list")) + f"?q={WORD}")
    from events.models import EventPage

    for session in (world["past"], world["upcoming"]):
        page = EventPage.objects.get(pk=session.event_page_id)
        paths += [
            page.url,
            reverse("events:event_ics", args=[page.pk]),
            f"/admin/pages/{page.pk}/edit/",
            f"/admin/pages/{page.get_parent().pk}/",
        ]
    paths += ["/events/calendar/public.ics", "/events/upcoming.json"]
    for method, url, _ in url_matrix(world):
        if method == "get":
            paths.append(url)
    return paths


@pytest.mark.parametrize("role", OUTSIDERS)
def test_marker_never_reaches_anyone_outside_the_set(world, client_for, role):
    client = client_for(world["people"][role])
    leaks = []
    for path in _outside_paths(world):
        response = client.get(path)
        for _ in range(5):  # follow redirects by hand: a sign-in loop is not a leak
            if response.status_code not in (301, 302) or "/accounts/" in response["Location"]:
                break
            response = client.get(response["Location"])
        body = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        )
        if MARKER.encode() in body:
            leaks.append(path)
    assert leaks == []


def test_marker_reaches_the_set_itself(world, client_for):
    """The check above would pass on an empty page: prove the marker is really there."""
    client = client_for(world["people"]["set_member"])
    slug = world["set"].slug
    for path in [
        reverse("learning_sets:session", args=[slug, world["past"].pk]),
        reverse("learning_sets:session", args=[slug, world["upcoming"].pk]),
        reverse("learning_sets:discussion", args=[slug]),
        reverse("learning_sets:files", args=[slug]),
        reverse("learning_sets:timeline", args=[slug]),
    ]:
        assert MARKER in client.get(path).content.decode(), path
    download = client.get(reverse("learning_sets:file_download", args=[slug, world["file"].pk]))
    assert MARKER.encode() in b"".join(download.streaming_content)
    assert "attachment" in download["Content-Disposition"]
    manage = client_for(world["people"]["facilitator"]).get(
        reverse("learning_sets:manage", args=[world["forming"].slug])
    )
    assert MARKER in manage.content.decode()  # the join note, for the facilitator only


def test_no_email_carries_set_content(world):
    """Emails sent while the content was made (join, invite) hold no marker for anyone."""
    assert mail.outbox, "the world should have sent some email"
    for message in mail.outbox:
        everything = (
            message.subject
            + message.body
            + "".join(str(alt[0]) for alt in getattr(message, "alternatives", []))
        )
        assert MARKER not in everything, message.to


def test_no_set_content_model_is_registered_in_either_admin(world):
    from wagtail.snippets.models import get_snippet_models

    ours = {m for m in get_snippet_models() if m._meta.app_label == "learning_sets"}
    assert ours == set()
    # Django's own admin is not even installed; if it ever comes back, none of ours is in it.
    if apps.is_installed("django.contrib.admin"):
        from django.contrib import admin

        assert [m for m in admin.site._registry if m._meta.app_label == "learning_sets"] == []


def test_leaving_revokes_access_on_the_next_request(world, client_for):
    member = world["people"]["set_member"]
    client = client_for(member)
    space = reverse("learning_sets:space", args=[world["set"].slug])
    assert client.get(space).status_code == 200
    response = client.post(reverse("learning_sets:leave", args=[world["set"].slug]))
    assert response.status_code == 302
    assert client.get(space).status_code == 403
    session = reverse("learning_sets:session", args=[world["set"].slug, world["past"].pk])
    response = client.get(session)
    assert response.status_code == 403


def test_break_glass_is_recorded_and_shown_to_the_set(world, client_for):
    superuser = world["people"]["superuser"]
    space = reverse("learning_sets:space", args=[world["set"].slug])
    client = client_for(superuser)
    assert client.get(space).status_code == 403
    url = reverse("learning_sets:break_glass", args=[world["set"].slug])
    response = client.post(url, {"reason": "x"})
    assert response.status_code == 200 and b"There is a problem" in response.content
    reason = "A safeguarding concern raised by a parent"
    response = client.post(url, {"reason": reason, "confirm": "on"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = client.get(space).content.decode()
    assert "break glass access" in page
    assert (
        'name="body"'
        not in client.get(
            reverse("learning_sets:discussion", args=[world["set"].slug])
        ).content.decode()
    )
    assert (
        client.post(
            reverse("learning_sets:discussion", args=[world["set"].slug]), {"body": "hi"}
        ).status_code
        == 403
    )
    seen_by_member = client_for(world["people"]["set_member"]).get(space).content.decode()
    assert "A safeguarding concern raised by a parent" in seen_by_member
    assert "Root Superuser" in seen_by_member


def test_officers_cannot_break_glass(world, client_for):
    url = reverse("learning_sets:break_glass", args=[world["set"].slug])
    response = client_for(world["people"]["officer"]).post(
        url, {"reason": "A safeguarding concern raised by a parent", "confirm": "on"}
    )
    assert response.status_code == 403
    assert not world["set"].break_glass.exists()


def test_invitation_pages_belong_to_the_invitee(world, client_for):
    assert SetInvitation.objects.filter(pk=world["invitation"].pk).exists()


@pytest.mark.parametrize("role", ["officer", "superuser"])
def test_admin_hides_session_pages_from_people_outside_the_set(world, client_for, role):
    from events.models import EventPage

    page = EventPage.objects.get(pk=world["upcoming"].event_page_id)
    client = client_for(world["people"][role])
    listing = client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
    assert page.title not in listing
    # Nor does the admin's page search (test_admin_privacy covers every other admin view).
    found = client.get("/admin/pages/search/?q=tension").content.decode()
    assert f"/admin/pages/{page.pk}/edit/" not in found  # (the search box echoes the query)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{page.pk}/delete/").status_code in (302, 403)


def test_admin_shows_the_sets_facilitator_its_session_pages(world, client_for):
    from events.models import EventPage

    page = EventPage.objects.get(pk=world["upcoming"].event_page_id)
    client = client_for(world["people"]["facilitator"])
    assert page.title in client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
