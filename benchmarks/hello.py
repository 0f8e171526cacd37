"""Django's own ceiling on this machine: a one-view Django project, served by the same
gunicorn as the hub in benchmarks/throughput.py (``gunicorn benchmarks.hello``)."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="benchmark-only-not-a-secret",  # noqa: S106
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
)


def hello(request):
    return HttpResponse("<!doctype html><title>Hello</title><p>Hello, world.</p>")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
