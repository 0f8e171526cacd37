"""The site's time zone, from ``settings.TIME_ZONE`` (Europe/London, with summer time)."""

import zoneinfo

from django.conf import settings

SITE_TIME_ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
