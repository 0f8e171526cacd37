import pytest

from hub.questions import services as questions


@pytest.fixture
def question(member):
    """A question asked by ``member`` (who therefore follows it)."""
    return questions.ask_question(
        author=member,
        title="How do you keep parents' WhatsApp groups safe?",
        body="Our parent champions run a group and we worry about photos being shared.",
    )
