"""One page of a long list, as every list page shows it."""

from django.core.paginator import Paginator


def page_of(request, items, per_page, *, paginator=Paginator, **options):
    """The page of ``items`` asked for by ``?page=`` (the last one when the number is too big,
    the first when it is not a number), and the rest of the query string, so the links to
    other pages keep the person's filters."""
    page = paginator(items, per_page, **options).get_page(request.GET.get("page"))
    return page, query_without_page(request)


def query_without_page(request):
    """The request's query string without its ``page``, ready to put before ``&page=``."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
