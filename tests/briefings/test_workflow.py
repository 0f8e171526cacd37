"""Editorial workflow: facilitators submit, officers approve; scheduled publication."""

import datetime

from django.utils import timezone

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from briefings.factories import create_briefing
from briefings.models import BriefingPage
from briefings.tasks import publish_scheduled_pages


@pytest.fixture
def draft(index):
    return create_briefing(title="Drafted by the learning team", publish=False)


def test_facilitator_cannot_publish_but_an_officer_can(draft, facilitator, officer):
    assert not draft.permissions_for_user(facilitator).can_publish()
    assert draft.permissions_for_user(facilitator).can_edit()
    assert draft.permissions_for_user(officer).can_publish()


def test_facilitator_sees_submit_not_publish_in_the_admin(client_for, draft, facilitator):
    html = client_for(facilitator).get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert "Submit to Programme officers approve" in html
    assert 'name="action-publish"' not in html


def _edit_form(draft, **extra):
    return nested_form_data(
        {
            "title": "Edited by a facilitator",
            "slug": draft.slug,
            "series_number": draft.series_number,
            "summary": "Changed summary.",
            "publication_date": "2026-01-15",
            "audience": "public",
            "author_credit": "The learning team",
            "body": streamfield([("heading", "A heading")]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_facilitator_publish_attempt_through_the_admin_does_nothing(client_for, draft, facilitator):
    client = client_for(facilitator)
    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", _edit_form(draft, **{"action-publish": "publish"})
    )
    assert response.status_code in (200, 302, 403)
    draft.refresh_from_db()
    assert not draft.live
    # Saving a draft works: the change is kept as a revision for an officer to approve.
    client.post(f"/admin/pages/{draft.pk}/edit/", _edit_form(draft))
    draft.refresh_from_db()
    assert draft.get_latest_revision().as_object().title == "Edited by a facilitator"
    assert not draft.live


def test_submission_waits_for_an_officer_then_goes_live(draft, facilitator, officer, client):
    workflow = draft.get_workflow()
    assert workflow is not None and workflow.name == "Programme officers approve"
    state = workflow.start(draft, facilitator)
    assert WorkflowState.objects.filter(pk=state.pk, status=WorkflowState.STATUS_IN_PROGRESS)
    draft.refresh_from_db()
    assert not draft.live
    assert client.get(draft.url or "/briefings/drafted-by-the-learning-team/").status_code in (
        302,
        404,
    )
    task_state = state.current_task_state
    task = task_state.task.specific
    assert officer in [u for g in task.groups.all() for u in g.user_set.all()]
    task.on_action(task_state, officer, "approve")
    draft.refresh_from_db()
    state.refresh_from_db()
    assert draft.live
    assert state.status == WorkflowState.STATUS_APPROVED


def test_scheduled_briefing_goes_live_when_due(index, time_machine):
    page = create_briefing(title="Next month", publish=False)
    go_live = timezone.now() + datetime.timedelta(days=2)
    page.go_live_at = go_live
    page.save_revision(approved_go_live_at=go_live).publish()
    page.refresh_from_db()
    assert not page.live
    assert page not in BriefingPage.objects.visible_to(None)
    publish_scheduled_pages()
    page.refresh_from_db()
    assert not page.live
    time_machine.move_to(go_live + datetime.timedelta(minutes=1))
    publish_scheduled_pages()
    page.refresh_from_db()
    assert page.live
    assert page in BriefingPage.objects.visible_to(None)


def test_editors_preview_a_draft_that_visitors_cannot_see(client_for, draft, facilitator):
    preview = client_for(facilitator).get(f"/admin/pages/{draft.pk}/view_draft/")
    assert preview.status_code == 200
    assert "Drafted by the learning team" in preview.content.decode()
    assert client_for(None).get("/briefings/drafted-by-the-learning-team/").status_code in (
        302,
        404,
    )
