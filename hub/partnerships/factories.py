import factory

from hub.partnerships.models import Reply, Thread


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    title = factory.Sequence(lambda n: f"Notice {n}")
    body = "Can anyone cover the Saturday stay and play?"


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    body = "I can do the morning."
