"""Officers file an accepted answer into the library, linked both ways."""

from django.core.exceptions import PermissionDenied
from django.test import override_settings

import pytest

from hub.core.services import ServiceError
from hub.library.models import Resource
from hub.questions import services
from hub.themes.factories import ThemeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_real_base_url")]


@pytest.fixture
def _real_base_url():
    with override_settings(HUB_BASE_URL="https://hub.example.org"):
        yield


def test_officer_files_accepted_answer(question, member, lead, officer, client_for):
    theme = ThemeFactory(name="Digital safeguarding")
    question.themes.add(theme)
    answer = services.post_answer(question, author=lead, body="We use **two admins**.")
    with pytest.raises(ServiceError):
        services.file_answer_in_library(answer, by=officer)  # not accepted yet
    services.accept_answer(answer, by=member)
    for person in (member, lead):
        with pytest.raises(PermissionDenied):
            services.file_answer_in_library(answer, by=person)
    assert client_for(lead).post(f"/questions/answers/{answer.pk}/file/").status_code == 403

    response = client_for(officer).post(f"/questions/answers/{answer.pk}/file/")
    resource = Resource.objects.get()
    assert response.status_code == 302 and response.url == resource.get_absolute_url()
    answer.refresh_from_db()
    assert answer.filed_as == resource and list(resource.filed_answers.all()) == [answer]
    assert resource.title.startswith("From the questions:")
    assert resource.shared_by == lead and list(resource.themes.all()) == [theme]
    assert resource.url.endswith(answer.get_absolute_url())
    assert services.file_answer_in_library(answer, by=officer) == resource  # once only
    page = client_for(member).get(question.get_absolute_url()).content.decode()
    assert resource.get_absolute_url() in page
