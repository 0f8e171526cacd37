"""Page flows shared by every kind of member content (resources, notes, questions, answers,
noticeboard threads, a framework's indicators and meetings): opening it, saving a form
through a service, showing the form again, and confirming a delete."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from hub.core.services import ServiceError, apply_service_error


def open_or_404(queryset, user, **lookup):
    """The content if ``user`` may open its page (``can_open``), else a plain 404 (no leak)."""
    content = get_object_or_404(queryset, **lookup)
    if not content.can_open(user):
        raise Http404
    return content


def editable_or_403(content, user, refusal):
    """``content`` if ``user`` may change it (its ``can_edit``), else a 403 saying ``refusal``."""
    if not content.can_edit(user):
        raise PermissionDenied(refusal)
    return content


def save_through(request, form, action, done, *, then=None, level=messages.success):
    """For a valid POST, run ``action(cleaned_data)`` (a service call), say ``done`` (if any;
    a function of what the action returned when the words depend on it) at ``level`` and
    redirect to ``then``, by default to what the action returned; a ServiceError lands on the
    form. ``None`` means "show the form again"."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ServiceError as error:
        apply_service_error(form, error)
        return None
    if callable(done):
        done = done(result)
    if done:
        level(request, done)
    return redirect(then or result)


def form_page(request, template, form, status_ok=200, **context):
    """A form's page, answered 400 when the form came back with errors (so assistive tools
    and tests see the failure), else ``status_ok``."""
    context.update(form=form)
    return render(request, template, context, status=400 if form.errors else status_ok)


def confirm_delete(request, content, *, delete, kind, done, then, warning=""):
    """The "Delete this …?" page; on POST, ``delete(content, by=person)`` (the app's service),
    the ``done`` message and a redirect to ``then``."""
    if request.method == "POST":
        delete(content, by=request.user)
        messages.success(request, done)
        return redirect(then)
    return render(
        request,
        "moderation/confirm_delete.html",
        {"content": content, "kind": kind, "warning": warning},
    )
