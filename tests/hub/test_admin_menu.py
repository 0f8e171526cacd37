"""The admin menu offers each person only the links whose pages will let them in."""


def _menu(client_for, person):
    # The admin sidebar is drawn from JSON in the page.
    return client_for(person).get("/admin/").content.decode()


def test_officers_get_the_digest_runs_moderation_and_questions_links(officer, client_for):
    menu = _menu(client_for, officer)
    assert '"url": "/digests/runs/"' in menu
    assert '"url": "/moderation/"' in menu
    assert '"url": "/questions/"' in menu


def test_facilitators_get_questions_but_not_the_officers_links(facilitator, client_for):
    menu = _menu(client_for, facilitator)
    assert '"url": "/questions/"' in menu
    assert '"url": "/digests/runs/"' not in menu
    assert '"url": "/moderation/"' not in menu
