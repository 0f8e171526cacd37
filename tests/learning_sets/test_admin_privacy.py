"""The Wagtail admin keeps a set's session page to the set (security review, issue 15).

A session page carries a marker in its title, presenters, joining link, a draft and a
material. For officers, superusers (with or without break glass) and another set's
facilitator, every admin URL that names the page (found from the URL patterns, so a view
Wagtail adds later is covered) is refused; the admin search, the admin API, the explorer,
the chooser, the dashboard and every report never show the marker; and state-changing
posts leave the page as it was. The set's own facilitator still edits it.
"""

import re
from datetime import timedelta

from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

import pytest

from events.models import EventIndexPage, EventMaterial, EventPage
from hub.people.factories import FacilitatorFactory, UserFactory, member_of
from learning_sets import services
from learning_sets.factories import make_set

pytestmark = pytest.mark.django_db

MARKER = "vqk-session-4419"
# Searches use this word, which sits beside the marker: a search page echoes its query.
WORD = "mirrowfen"
OUTSIDERS = ["officer", "superuser", "superuser_with_break_glass", "other_facilitator"]


@pytest.fixture
def admin_world(facilitator, officer, superuser, partnership, other_partnership):
    presenter = member_of(partnership, email="presenter@example.org", display_name=f"Pat {MARKER}")
    the_set = make_set(name=f"Set {MARKER} {WORD}", facilitators=[facilitator], members=[presenter])
    other_facilitator = FacilitatorFactory(
        email="otherfac@example.org", display_name="Olive Otherfacilitator"
    )
    _activate_totp(other_facilitator)  # everyone with the admin uses two-step sign-in
    make_set(name="Another set", facilitators=[other_facilitator])
    starts = timezone.now() + timedelta(days=3)
    session = services.schedule_session(
        the_set,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        joining_link=f"https://meet.example.org/{MARKER}",
        presenters=[presenter],
        by=facilitator,
    )
    page = EventPage.objects.get(pk=session.event_page_id)
    EventMaterial.objects.create(
        event=page, kind="recording", title=f"Recording {MARKER}", url="https://v.example.org/1"
    )
    # A draft with the marker, so revisions, previews and compare views have something to show.
    page.body = f"<p>Draft notes {MARKER} {WORD}</p>"
    revision = page.save_revision(user=facilitator)
    log(instance=page, action="wagtail.edit", user=facilitator, revision=revision)
    page = EventPage.objects.get(pk=page.pk)

    break_glass_superuser = UserFactory(
        email="glass@example.org", display_name="Gwen Glass", is_staff=True, is_superuser=True
    )
    _activate_totp(break_glass_superuser)
    services.break_glass(
        the_set, by=break_glass_superuser, reason="A safeguarding concern raised by a parent"
    )
    return {
        "set": the_set,
        "page": page,
        "index": EventIndexPage.objects.get(),
        "revision": revision,
        "people": {
            "officer": officer,
            "superuser": superuser,
            "superuser_with_break_glass": break_glass_superuser,
            "other_facilitator": other_facilitator,
            "facilitator": facilitator,
        },
    }


def _activate_totp(person):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(person, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern


def _params(pattern):
    if isinstance(pattern.pattern, RegexPattern):
        regex = pattern.pattern.regex
        return list(regex.groupindex), regex.groups - len(regex.groupindex)
    return list(pattern.pattern.converters), 0


def admin_urls_naming(page, index, revision):
    """Every admin URL that names ``page``, built from the URL patterns themselves."""
    values = {
        "destination_id": index.pk,
        "revision_id": revision.pk,
        "task_state_id": 1,
        "task_id": 1,
        "workflow_state_id": 1,
        "workflow_pk": 1,
        "session_id": 1,
        "action_name": "approve",
        "app_label": "events",
        "model_name": "eventpage",
        "content_type_app_name": "events",
        "content_type_model_name": "eventpage",
        "object_id": page.pk,
    }
    urls = []
    for route, namespace, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or not pattern.name:
            continue
        kwarg_names, positional = _params(pattern)
        names_page = (
            any("page" in name and name.endswith(("_id", "_pk")) for name in kwarg_names)
            or (namespace.endswith("wagtailadmin_api:pages") and "pk" in kwarg_names)
            or ("object_id" in kwarg_names and "app_label" in kwarg_names)
            or (namespace == "wagtailadmin_pages" and positional)
        )
        if not names_page:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        if positional:
            urls.append(reverse(name, args=[page.pk, "earliest", "latest"][:positional]))
            continue
        kwargs = {}
        for kwarg in kwarg_names:
            if kwarg in values:
                kwargs[kwarg] = values[kwarg]
            elif "page" in kwarg or kwarg == "pk":
                kwargs[kwarg] = page.pk
            else:
                raise AssertionError(f"no test value for {kwarg} in {route}")
        if namespace.endswith("wagtailadmin_api:pages") and "action_name" in kwargs:
            for action in ("copy", "delete", "unpublish", "move", "publish"):
                urls.append(reverse(name, kwargs={**kwargs, "action_name": action}))
            continue
        urls.append(reverse(name, kwargs=kwargs))
    return urls


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _leak(path, body):
    """Where the marker shows, for a readable failure (None when it does not)."""
    if MARKER not in body:
        return None
    at = body.index(MARKER)
    return f"{path}: ...{' '.join(body[max(0, at - 120) : at + 30].split())}"


def test_the_enumeration_finds_wagtails_page_views(admin_world):
    """The URL walk really reaches the views the review named (so the next test means it)."""
    page = admin_world["page"]
    urls = admin_urls_naming(page, admin_world["index"], admin_world["revision"])
    for expected in [
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/usage/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/copy/",
        f"/admin/pages/{page.pk}/move/",
        f"/admin/pages/{page.pk}/unpublish/",
        f"/admin/pages/{page.pk}/privacy/",
        f"/admin/pages/{page.pk}/revisions/",
        f"/admin/pages/{page.pk}/revisions/{admin_world['revision'].pk}/view/",
        f"/admin/pages/{page.pk}/revisions/{admin_world['revision'].pk}/revert/",
        f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/",
        f"/admin/pages/{page.pk}/edit/preview/",
        f"/admin/pages/{page.pk}/lock/",
        f"/admin/pages/{page.pk}/convert_alias/",
        f"/admin/pages/{page.pk}/add_subpage/",
        f"/admin/pages/{page.pk}/workflow_history/",
        f"/admin/api/main/pages/{page.pk}/",
        f"/admin/api/main/pages/{page.pk}/action/copy/",
    ]:
        assert expected in urls
    assert len(urls) > 35


@pytest.mark.parametrize("role", OUTSIDERS)
def test_every_admin_url_naming_the_session_refuses_outsiders(admin_world, client_for, role):
    world = admin_world
    client = client_for(world["people"][role])
    leaks, allowed = [], []
    for url in admin_urls_naming(world["page"], world["index"], world["revision"]):
        response = client.get(url)
        if MARKER in _body(response):
            leaks.append(url)
        if response.status_code != 403:
            allowed.append((url, response.status_code))
    assert leaks == [], (
        "\n".join(f"{p}: {c[-150:]!r}" for p, c in leaks)
        if leaks and isinstance(leaks[0], tuple)
        else leaks
    )
    assert allowed == []


@pytest.mark.parametrize("role", OUTSIDERS)
def test_listings_search_api_dashboard_and_reports_never_show_the_session(
    admin_world, client_for, role
):
    world = admin_world
    person = world["people"][role]
    page, index = world["page"], world["index"]
    # Give every dashboard panel and report a row about the session for this person.
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=person, locked_at=timezone.now())
    log(instance=page, action="wagtail.edit", user=person)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, world["people"]["facilitator"])
    client = client_for(person)
    paths = [
        "/admin/",
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{index.pk}/?q={WORD}",
        f"/admin/pages/{index.pk}/results/?q={WORD}",
        f"/admin/pages/{index.get_parent().pk}/?q={WORD}",
        f"/admin/pages/search/?q={WORD}",
        f"/admin/pages/search/results/?q={WORD}",
        "/admin/pages/usage/events/eventpage/",
        f"/admin/pages/usage/events/eventpage/?q={WORD}",
        f"/admin/choose-page/{index.pk}/",
        f"/admin/choose-page/search/?q={WORD}",
        "/admin/api/main/pages/",
        f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1",
        f"/admin/api/main/pages/?search={WORD}",
        "/admin/api/main/pages/?type=events.EventPage",
        f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={index.pk}",
        f"/admin/bulk/wagtailcore/page/unpublish/?id=all&childOf={index.pk}",
    ]
    for _route, namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace == "wagtailadmin_reports" and not _params(pattern)[0]:
            paths.append(reverse(f"wagtailadmin_reports:{pattern.name}"))
    if workflow is not None:
        paths.append(reverse("wagtailadmin_workflows:usage", args=[workflow.pk]))
    leaks = []
    for path in paths:
        body = _body(client.get(path))
        if MARKER in body:
            at = body.index(MARKER)
            leaks.append((path, body[max(0, at - 300) : at + 50]))
    assert leaks == [], (
        "\n".join(f"{p}: {c[-150:]!r}" for p, c in leaks)
        if leaks and isinstance(leaks[0], tuple)
        else leaks
    )


def test_the_listing_checks_would_see_the_session_for_its_facilitator(admin_world, client_for):
    """The test above would pass on empty pages: the set's facilitator sees the marker."""
    world = admin_world
    page, index = world["page"], world["index"]
    client = client_for(world["people"]["facilitator"])
    for path in [
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/search/?q={WORD}",
        f"/admin/choose-page/{index.pk}/",
        f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1",
        f"/admin/api/main/pages/{page.pk}/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/history/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert MARKER in _body(response), path


def _page_state(page):
    page = EventPage.objects.get(pk=page.pk)
    return {
        "live": page.live,
        "title": page.title,
        "locked": page.locked,
        "parent": page.get_parent().pk,
        "joining_link": page.joining_link,
        "has_privacy": page.get_view_restrictions().exists(),
        "pages": EventPage.objects.count(),
    }


@pytest.mark.parametrize("role", OUTSIDERS)
def test_state_changing_posts_are_refused_and_change_nothing(admin_world, client_for, role):
    world = admin_world
    page, index = world["page"], world["index"]
    before = _page_state(page)
    client = client_for(world["people"][role])
    posts = [
        (f"/admin/pages/{page.pk}/unpublish/", {}),
        (f"/admin/pages/{page.pk}/delete/", {}),
        (
            f"/admin/pages/{page.pk}/copy/",
            {"new_title": "Copied", "new_slug": "copied", "new_parent_page": index.pk},
        ),
        (f"/admin/pages/{page.pk}/move/{index.pk}/confirm/", {}),
        (f"/admin/pages/{page.pk}/lock/", {}),
        (f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "password", "password": "x"}),
        (f"/admin/pages/{page.pk}/revisions/{world['revision'].pk}/revert/", {}),
        (f"/admin/bulk/wagtailcore/page/unpublish/?id={page.pk}", {}),
        (f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}", {}),
        # Deleting, copying or unpublishing an ancestor would take the session with it.
        (f"/admin/pages/{index.pk}/delete/", {}),
        (f"/admin/pages/{index.pk}/unpublish/", {"include_descendants": "on"}),
        (
            f"/admin/pages/{index.pk}/copy/",
            {
                "new_title": "Copied index",
                "new_slug": "copied-index",
                "new_parent_page": index.get_parent().pk,
                "copy_subpages": "on",
            },
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    for action, data in [
        ("unpublish", {}),
        ("delete", {}),
        ("copy", {"destination_page_id": index.pk, "slug": "copied-by-api"}),
        ("move", {"destination_page_id": index.get_parent().pk}),
    ]:
        url = reverse("wagtailadmin_api:pages:action", args=[page.pk, action])
        response = client.post(url, data, content_type="application/json")
        assert response.status_code == 403, url
    response = client.post(
        reverse("wagtailadmin_api:pages:action", args=[index.pk, "delete"]),
        {},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert _page_state(page) == before


def test_bulk_actions_on_a_whole_listing_leave_the_session_out(admin_world, client_for):
    world = admin_world
    page, index = world["page"], world["index"]
    before = _page_state(page)
    client = client_for(world["people"]["superuser"])
    response = client.post(f"/admin/bulk/wagtailcore/page/unpublish/?id=all&childOf={index.pk}")
    assert MARKER not in _body(response)
    assert _page_state(page) == before


def test_break_glass_still_opens_the_space_but_not_the_admin(admin_world, client_for):
    world = admin_world
    client = client_for(world["people"]["superuser_with_break_glass"])
    space = client.get(reverse("learning_sets:space", args=[world["set"].slug]))
    assert space.status_code == 200
    assert "break glass access" in space.content.decode()
    assert client.get(f"/admin/pages/{world['page'].pk}/edit/").status_code == 403


def test_the_sets_facilitator_can_still_edit_the_session(admin_world, client_for):
    world = admin_world
    page = world["page"]
    client = client_for(world["people"]["facilitator"])
    url = f"/admin/pages/{page.pk}/edit/"
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        else:
            data[name] = field.widget.format_value(value) if hasattr(value, "isoformat") else value
    for formset in form.formsets.values():
        data.update(
            {
                f"{formset.prefix}-{key}": value
                for key, value in formset.management_form.initial.items()
            }
        )
    data["summary"] = f"Bring your questions {MARKER}"
    data["body"] = rich_text(form["body"].value())
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(r"error[^<]{0,200}", response.content.decode())
    latest = EventPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.summary == f"Bring your questions {MARKER}"


def test_a_session_never_goes_to_moderators_even_under_a_workflow(admin_world, facilitator):
    """Moderation emails name the page to officers and superusers: a session has no workflow,
    while a huddle beside it under the same workflow does."""
    from wagtail.models import Workflow, WorkflowPage

    from events.factories import EventPageFactory

    workflow = Workflow.objects.create(name="Officers approve")
    WorkflowPage.objects.create(workflow=workflow, page=EventIndexPage.objects.get())
    session = EventPage.objects.get(pk=admin_world["page"].pk)
    huddle = EventPageFactory(title="A programme huddle")
    assert session.get_workflow() is None
    assert huddle.get_workflow() == workflow
