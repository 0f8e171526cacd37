"""Full-text search that works for lay people, used by every kind the hub searches.

On PostgreSQL: English stemming ("dads" finds "A dad's first year") over a weighted document
(title A, summary B, body C), either a stored ``tsvector`` column with a GIN index (the
library's ``search_vector``) or one built on the fly for small tables; best match first.
Typing mistakes ("concent") are caught by :func:`correct`, which looks for close words with
pg_trgm among the titles the searcher may see, and the page says "Showing results for ...".

Elsewhere (SQLite, the one-machine set-up): every word must appear in one of the fields,
with a plain English ending taken off ("dads" finds "dad's"), and close words come from
:mod:`difflib` over the titles the searcher may see.

Callers always pass a queryset that is already ``visible_to(person)``: search narrows what
a person may see, and never widens it, and suggestions come only from what they may see.
"""

import difflib
import re

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchVectorField
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import CharField, Expression, F, FloatField, Q, TextField, Value
from django.db.models.functions import Cast
from django.utils.functional import cached_property

CONFIG = "english"
WEIGHTS = ("A", "B", "C", "D")
# A typo is only looked for when a search finds fewer than this many things.
FEW = 3
# How many titles each kind offers when looking for a close word.
SUGGESTION_TITLES = 40
# How close a word must be (pg_trgm word similarity) to be offered as a correction.
WORD_SIMILARITY = 0.4
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def on_postgres():
    return connection.vendor == "postgresql"


def words(query):
    """The query's words, lower case, without punctuation (``"Dad's  forum!"`` -> dad's, forum)."""
    return WORD.findall((query or "").lower())


def _plain_stem(word):
    """A cautious English ending off, for the fallback's substring match."""
    word = word.removesuffix("'s")
    if len(word) > 4 and word.endswith(("ies",)):
        return word[:-3]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class _WebQuery(SearchQuery):
    """``websearch_to_tsquery('english', words)``: Django's ``SearchQuery`` in one node.

    Django's builds a config expression and a value expression for every query and compiles
    each; a search page asks for one per section (twice with ranking), and that tree
    building was a good part of a search's Python time. The SQL is the same.
    """

    output_field = SearchQueryField()

    def __init__(self, text):
        Expression.__init__(self)
        self.text = text
        self.source_expressions = []
        self.extra = {}
        self.config = CONFIG
        self.invert = False

    def resolve_expression(self, *args, **kwargs):
        return self

    def as_sql(self, compiler, connection, function=None, template=None):
        return f"websearch_to_tsquery('{CONFIG}'::regconfig, %s)", [self.text]


def _query(query):
    return _WebQuery(query)


class Document(Expression):
    """A weighted document over ``fields`` (the first is weight A, the next B...), as
    ``setweight(to_tsvector('english', COALESCE(field, '')), 'A') || ...``.

    The same SQL as adding up Django's ``SearchVector``s, written in one node: those made
    a ``Coalesce``, a ``Value`` and (for a StreamField) a ``Cast`` per field each time the
    query was compiled, which a search page did a dozen times.
    """

    output_field = SearchVectorField()

    def __init__(self, *fields):
        super().__init__()
        self.columns = [F(name) for name in fields]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def as_sql(self, compiler, connection):
        parts = []
        params = []
        for column, weight in zip(self.columns, WEIGHTS, strict=False):
            sql, column_params = compiler.compile(column)
            if not isinstance(column.output_field, (CharField, TextField)):
                sql = f"({sql})::text"
            vector = f"to_tsvector('{CONFIG}'::regconfig, COALESCE({sql}, ''))"
            parts.append(f"setweight({vector}, '{weight}')")
            params.extend(column_params)
        return f"({' || '.join(parts)})", params


def document(*fields):
    """A weighted document over ``fields`` (the first is weight A, the next B...)."""
    return Document(*fields)


class Rank(Expression):
    """``ts_rank(document, query)``, as Django's ``SearchRank`` without its argument
    handling."""

    output_field = FloatField()

    def __init__(self, vector, query):
        super().__init__()
        self.vector, self.query = vector, query

    def get_source_expressions(self):
        return [self.vector, self.query]

    def set_source_expressions(self, exprs):
        self.vector, self.query = exprs

    def as_sql(self, compiler, connection):
        vector_sql, vector_params = compiler.compile(self.vector)
        query_sql, query_params = compiler.compile(self.query)
        return f"ts_rank({vector_sql}, {query_sql})", [*vector_params, *query_params]


def matching(queryset, query, *, fields, vector=None, rank=True, then=()):
    """``queryset`` narrowed to what matches ``query``, best first when ``rank``.

    ``fields`` are the searched fields in weight order (title first); on PostgreSQL a stored
    ``vector`` column is used instead of building the document. ``then`` breaks ties.
    Nothing to search for matches nothing.
    """
    terms = words(query)
    if not terms:
        return queryset.none()
    if not on_postgres():
        found = _fallback(queryset, terms, fields)
        return found.order_by(*then) if rank and then else found
    search = _query(" ".join(terms))
    if vector:
        found = queryset.filter(**{vector: search})
    else:
        # An alias, not an annotation: the document is only matched against, never sent back
        # (a long briefing's was several kilobytes a row, built once more to be selected).
        found = queryset.alias(search_document=document(*fields)).filter(search_document=search)
    return best_first(found, query, fields=fields, vector=vector, then=then) if rank else found


def best_first(queryset, query, *, fields, vector=None, then=()):
    """``queryset`` (already matching ``query``) ordered best match first on PostgreSQL
    (title words count most), by ``then`` elsewhere."""
    if not on_postgres():
        return queryset.order_by(*then) if then else queryset
    if vector:
        source = F(vector)
    elif "search_document" in queryset.query.annotations:
        # matching()'s alias: the document already built for the filter, not a second one.
        source = F("search_document")
    else:
        source = document(*fields)
    search = _query(" ".join(words(query)))
    return queryset.annotate(search_rank=Rank(source, search)).order_by("-search_rank", *then)


def _fallback(queryset, terms, fields):
    """Every word (its plain stem) in one of ``fields``; a non-text field (a StreamField) is
    searched as its stored text."""
    names = []
    for n, name in enumerate(fields):
        if isinstance(queryset.model._meta.get_field(name), (CharField, TextField)):
            names.append(name)
        else:
            alias = f"search_text_{n}"
            queryset = queryset.alias(**{alias: Cast(name, TextField())})
            names.append(alias)
    condition = Q()
    for term in terms:
        either = Q()
        for name in names:
            either |= Q(**{f"{name}__icontains": _plain_stem(term)})
        condition &= either
    return queryset.filter(condition)


def similar_titles(queryset, field, query, *, limit=SUGGESTION_TITLES):
    """Up to ``limit`` values of ``field`` in ``queryset`` with a word close to one of the
    query's (pg_trgm's word similarity on PostgreSQL; the newest titles elsewhere, for
    :func:`correct` to compare)."""
    terms = [term for term in words(query) if len(term) >= 3]
    if not terms:
        return []
    titles = queryset.order_by().values_list(field, flat=True)
    if not on_postgres():
        return list(titles[:limit])
    close = Q()
    for term in terms:
        close |= Q(TrigramWordSimilar(F(field), Value(term)))
    # One wrong letter in a short word ("concent") scores about 0.45: below pg_trgm's
    # default of 0.6. Lowered for this query only, so the trigram index still answers it.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL pg_trgm.word_similarity_threshold = {WORD_SIMILARITY:.2f}")
        return list(titles.filter(close)[:limit])


def correct(query, titles):
    """``query`` with each unknown word replaced by the closest word in ``titles``, or
    ``None`` when nothing closer is found. Words already in the titles are kept."""
    vocabulary = {word for title in titles for word in words(title) if len(word) >= 3}
    if not vocabulary:
        return None
    changed = False
    out = []
    for term in words(query):
        if len(term) < 4 or term in vocabulary or _plain_stem(term) in vocabulary:
            out.append(term)
            continue
        close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.75)
        if close and close[0] != term:
            out.append(close[0])
            changed = True
        else:
            out.append(term)
    return " ".join(out) if changed else None


class CappedPaginator(Paginator):
    """A paginator that stops counting past ``cap`` ("more than 1,000 results"), counting
    ``count_queryset`` (the matches without their ranking) rather than the ranked list."""

    def __init__(self, object_list, per_page, *, count_queryset=None, cap=1000, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.count_queryset = count_queryset if count_queryset is not None else object_list

    @cached_property
    def count(self):
        counted = self.count_queryset.order_by()
        if hasattr(counted, "values"):
            counted = counted.values("pk")
        return counted[: self.cap + 1].count()

    @property
    def cap_label(self):
        return f"{self.cap:,}"

    @property
    def capped(self):
        """True when there are more than ``cap`` (the count then says cap + 1)."""
        return self.count > self.cap
