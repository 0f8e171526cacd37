from django.db import connection
from django.http import JsonResponse


def healthz(request):
    """For the proxy and docker compose: the web process is up and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
