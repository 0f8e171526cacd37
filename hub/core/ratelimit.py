"""Rate limits on what people post: questions, answers, briefing responses, invitations and
reports (sign-in, sign-up and password resets are allauth's, ``ACCOUNT_RATE_LIMITS``).

A fixed window per person (or, signed out, per address) in the shared cache, with the rates
in ``settings.HUB_RATE_LIMITS`` ("how many/per": ``"10/h"``). If the cache cannot be reached
the request goes through: a limit is a brake, not a lock. A limited request gets the 429
page in the hub's layout, with what the person wrote shown back so nothing is lost.
"""

import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
# Fields never shown back on the 429 page.
HIDDEN_FIELDS = ("csrfmiddlewaretoken", "password")


def _rate(scope):
    count, per = settings.HUB_RATE_LIMITS[scope].split("/")
    return int(count), PERIODS[per]


def _who(request):
    if request.user.is_authenticated:
        return f"u{request.user.pk}"
    return f"ip{request.META.get('REMOTE_ADDR', '')}"


def allowed(request, scope):
    """Count this request against ``scope``'s limit; False once the limit is passed."""
    limit, period = _rate(scope)
    window = int(time.time() // period)
    key = f"hub:rate:{scope}:{_who(request)}:{window}"
    try:
        cache.add(key, 0, timeout=period + 5)
        count = cache.incr(key)
    except Exception:  # noqa: BLE001 - no cache, no limit: never refuse because Redis is down
        logger.warning("Rate limit %s not checked: the cache is unavailable", scope)
        return True
    return count <= limit


def too_many_requests(request, retry_after=None):
    """The 429 page, with the person's own words from the form they sent."""
    written = [
        (name, value)
        for name, values in request.POST.lists()
        if not any(hidden in name for hidden in HIDDEN_FIELDS)
        for value in values
        if value.strip()
    ]
    response = render(request, "429.html", {"written": written}, status=429)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def rate_limited(scope):
    """Limit the POSTs a view takes (``settings.HUB_RATE_LIMITS[scope]``); GETs are free."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method == "POST" and not allowed(request, scope):
                return too_many_requests(request, retry_after=_rate(scope)[1])
            return view(request, *args, **kwargs)

        return limited

    return decorator
