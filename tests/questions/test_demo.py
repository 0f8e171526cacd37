import io

import pytest

from hub.questions.models import Question

pytestmark = pytest.mark.django_db


def test_demo_questions_seed_twice_without_change():
    from hub.core.demo import seed as seed_core
    from hub.questions.demo import seed

    out = io.StringIO()
    seed_core(out, 1)
    seed(out, 1)
    seed(out, 1)
    assert Question.objects.count() == 15
    assert Question.objects.unanswered().count() >= 4
    assert Question.objects.solved().count() >= 5
    assert Question.objects.filter(themes__isnull=False).distinct().count() == 15
