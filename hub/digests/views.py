from django.contrib import messages
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hub.core.headers import allow_styles_of
from hub.digests import services
from hub.digests.forms import PreferenceForm, PreviewForm
from hub.digests.models import DigestDelivery, DigestPreference, DigestRun
from hub.people import roles
from hub.people.decorators import member_required, officer_required
from hub.people.models import User


@member_required
def preferences(request):
    """Each member chooses how often, which day and which sections; saving records consent."""
    preference = DigestPreference.objects.filter(person=request.user).first()
    is_lead = roles.led_partnerships(request.user).exists()
    form = PreferenceForm(
        request.POST if request.method == "POST" else None, is_lead=is_lead, preference=preference
    )
    if request.method == "POST" and form.is_valid():
        services.set_preference(
            request.user,
            frequency=form.cleaned_data["frequency"],
            day_of_week=form.cleaned_data["day_of_week"],
            skipped_sections=form.skipped_sections,
        )
        messages.success(request, "Your digest preferences are saved.")
        return redirect("digests:preferences")
    return render(
        request,
        "digests/preferences.html",
        {
            "form": form,
            "preference": preference,
            "next_day": services.next_send_day(preference) if preference else None,
            "is_officer": roles.is_officer(request.user),
        },
    )


@csrf_exempt  # RFC 8058: mail apps POST here with no session and no CSRF token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Works signed out. GET asks to confirm (link checkers must not unsubscribe anyone);
    POST, from the page's button or a mail app's one-click, unsubscribes."""
    try:
        member, delivery = services.read_unsubscribe_token(token)
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError):
        return render(request, "digests/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        services.unsubscribe(member, delivery)
        return render(request, "digests/unsubscribed.html", {"member": member})
    return render(request, "digests/unsubscribe_confirm.html", {"member": member})


@officer_required
def preview(request):
    """Any member's next digest, exactly as it would be sent to them."""
    form = PreviewForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        member = User.objects.filter(email__iexact=form.cleaned_data["member"]).first()
        if member is None:
            form.add_error("member", "Nobody on the hub has that email address.")
        else:
            period, digest, rendered = services.preview(member)
            preference = DigestPreference.objects.filter(person=member).first()
            context.update(
                member=member,
                period=period,
                digest=digest,
                rendered=rendered,
                preference=preference,
                gets_email=services.eligible_people().filter(pk=member.pk).exists(),
            )
    response = render(request, "digests/preview.html", context)
    rendered = context.get("rendered")
    if rendered:
        # The srcdoc iframe inherits this page's strict policy: let the email's own styles in.
        allow_styles_of(response, rendered.html)
    return response


@officer_required
def run_list(request):
    runs = services.run_report(DigestRun.objects.all())[:100]
    return render(request, "digests/run_list.html", {"runs": runs})


@officer_required
def run_detail(request, pk):
    run = get_object_or_404(services.run_report(DigestRun.objects.all()), pk=pk)
    failed = (
        run.deliveries.filter(
            status__in=[DigestDelivery.Status.FAILED, DigestDelivery.Status.UNKNOWN]
        )
        .select_related("member")
        .order_by("member__display_name")[:200]
    )
    return render(request, "digests/run_detail.html", {"run": run, "failed": failed})
