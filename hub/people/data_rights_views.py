"""Data rights pages: download my data, close my account, and an officer closing someone's
account on their request (with the list of closed accounts, for the record)."""

import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hub.core import data_rights
from hub.core.services import ServiceError, apply_service_error
from hub.people.closing import close_account
from hub.people.decorators import officer_required
from hub.people.forms import CloseAccountForm, CloseSomeonesAccountForm
from hub.people.models import AccountClosure, User

logger = logging.getLogger(__name__)
CLOSURES_PER_PAGE = 50


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    """GET: what the download holds. POST: the zip, built now and streamed (a person's data
    is small, so no task and no stored copy that would need deleting)."""
    if request.method == "POST":
        response = HttpResponse(data_rights.build_zip(request.user), content_type="application/zip")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="my-hub-data-{stamp}.zip"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return render(request, "people/my_data.html")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def close_my_account(request):
    form = CloseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            close_account(
                request.user, keep_contributions=form.cleaned_data["contributions"] == "keep"
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            logout(request)
            return redirect("people:account_closed")
    return render(request, "people/close_account.html", {"form": form})


def account_closed(request):
    return render(request, "people/account_closed.html")


@never_cache
@officer_required
@require_http_methods(["GET", "POST"])
def close_someones_account(request, pk):
    """An officer closes ``pk``'s account because the person asked. GET and a first POST
    ask for the reason and the person's choice; the POST that confirms (``confirmed``)
    closes it through ``close_account(by=officer)`` and logs it."""
    person = get_object_or_404(User, pk=pk)
    if person.pk == request.user.pk:
        return redirect("people:close_account")
    if AccountClosure.objects.filter(account=person).exists():
        messages.info(request, "That account is already closed.")
        return redirect("people:closed_accounts")
    form = CloseSomeonesAccountForm(request.POST or None)
    context = {"form": form, "person": person}
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") != "yes":
            return render(request, "people/close_someones_account_confirm.html", context)
        keep = form.cleaned_data["contributions"] == "keep"
        try:
            closure = close_account(
                person, keep_contributions=keep, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            # Ids only: the person's name and email are gone, and logs are kept too.
            logger.info(
                "Account %s closed on request by officer %s (contributions %s), closure %s",
                person.pk,
                request.user.pk,
                "kept" if keep else "removed",
                closure.pk,
            )
            messages.success(request, "The account is closed and the person's data removed.")
            return redirect("people:closed_accounts")
    return render(request, "people/close_someones_account.html", context)


@never_cache
@officer_required
def closed_accounts(request):
    """The record of closed accounts: when, by whom and why (it names no closed account)."""
    closures = AccountClosure.objects.select_related("closed_by").order_by("-closed_at", "-pk")
    page = Paginator(closures, CLOSURES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "people/closed_accounts.html", {"page": page})
