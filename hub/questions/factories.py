"""Factories for questions, shared by the tests and the benchmark."""

import factory

from hub.people.factories import UserFactory
from hub.questions.models import Answer, Question


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"How do other partnerships handle question {n}?")
    body = "We have tried a few things. What has worked for you?"
    author = factory.SubFactory(UserFactory)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    body = "Here is what we did, and what happened."
    author = factory.SubFactory(UserFactory)
