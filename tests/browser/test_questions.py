"""Asking a question with the keyboard alone; the questions pages pass axe-core."""

import re

import pytest

from hub.people.factories import PartnershipFactory, member_of
from hub.questions import services
from hub.questions.models import Question
from hub.themes.factories import ThemeFactory

from .conftest import assert_accessible, assert_fits_width, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_a_question_with_the_keyboard_alone(page):
    partnership = PartnershipFactory(name="Fenland Family Futures")
    asker = member_of(partnership, email="asker@example.org", display_name="Asha Asker")
    helper = member_of(partnership, email="helper@example.org", display_name="Hal Helper")
    ThemeFactory(name="Digital safeguarding")
    sign_in(page, asker.email)

    page.goto(page.base_url + "/questions/")
    tab_to(page, r"^\|Ask a question\|")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/questions/ask/$"))

    tab_to(page, r"^id_title\|")
    page.keyboard.type("How do you run safe online groups for parents?")
    page.keyboard.press("Tab")
    page.keyboard.type("We are starting an online group. What **rules** help? ")
    tab_to(page, r"^id_themes_0\|")
    page.keyboard.press("Space")
    # The mention picker: type part of a name, the names are fetched and offered, choose
    # one with the arrow keys and Enter, all from the keyboard.
    tab_to(page, r"^id_body_mention\|")
    page.keyboard.type("hal h")
    option = page.get_by_role("option", name="Hal Helper")
    option.wait_for()
    assert page.locator("#id_body_mention").get_attribute("aria-expanded") == "true"
    assert page.get_by_role("status").filter(has_text="1 name found").count() == 1
    assert_accessible(page)
    page.keyboard.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    helper_id = helper.pk
    assert f"@[Hal Helper]({helper_id})" in page.locator("#id_body").input_value()
    assert page.locator("#id_body_mention").get_attribute("aria-expanded") == "false"
    tab_to(page, r"\|Post your question\|")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/questions/\d+/$"))

    question = Question.objects.get()
    assert question.author == asker and question.themes.get().name == "Digital safeguarding"
    assert page.get_by_role("heading", level=1).inner_text() == question.title
    assert page.locator(".user-content strong").inner_text() == "rules"
    assert page.get_by_role("link", name="@Hal Helper").is_visible()


def test_questions_list_and_question_page_are_accessible(page, phone_page):
    partnership = PartnershipFactory(name="Fenland Family Futures")
    asker = member_of(partnership, email="asker@example.org")
    helper = member_of(partnership, email="helper@example.org")
    theme = ThemeFactory(name="Co-production with parents")
    question = services.ask_question(
        author=asker,
        title="What do you pay parents for their time?",
        body="Our council says *vouchers only*. What do you do?",
        themes=[theme],
    )
    answer = services.post_answer(question, author=helper, body="We pay through a partner.")
    services.accept_answer(answer, by=asker)
    services.ask_question(author=helper, title="Nobody has answered this yet", body="Anyone?")

    for p in (page, phone_page):
        sign_in(p, asker.email)
        for path in ["/questions/", "/questions/?show=unanswered", question.get_absolute_url()]:
            p.goto(p.base_url + path)
            assert_accessible(p)
            assert_fits_width(p)
