"""A stored, weighted search document on each resource, kept by PostgreSQL itself.

``search_vector`` holds title (weight A), description (B) and theme names (C) in the English
configuration, with a GIN index, so library search reads matching rows straight from the
index instead of joining Wagtail's index table (benchmarks/library_search.py). Triggers keep
it right on every write, whoever makes it (the services, the Wagtail admin, bulk loads):
a resource's own insert or update of its text; adding or removing themes; renaming a theme.

Also enables pg_trgm (typo tolerance in site search: hub.core.text_search) with a trigram
index on titles. SQLite is left alone: its search is the fallback in hub.core.text_search.
"""

from django.db import migrations

import django.contrib.postgres.search

FORWARD = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE OR REPLACE FUNCTION library_resource_search_document() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.description, '')), 'B')
        || setweight(to_tsvector('english', coalesce((
            SELECT string_agg(theme.name, ' ')
            FROM themes_theme theme
            JOIN library_resource_themes link ON link.theme_id = theme.id
            WHERE link.resource_id = NEW.id
        ), '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER library_resource_search_document
    BEFORE INSERT OR UPDATE OF title, description, search_vector ON library_resource
    FOR EACH ROW EXECUTE FUNCTION library_resource_search_document();

CREATE OR REPLACE FUNCTION library_resource_themes_changed() RETURNS trigger AS $$
BEGIN
    -- Setting it to NULL runs the resource's own trigger, which works it out again.
    UPDATE library_resource SET search_vector = NULL
    WHERE id IN (SELECT resource_id FROM changed_links);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER library_resource_themes_added
    AFTER INSERT ON library_resource_themes REFERENCING NEW TABLE AS changed_links
    FOR EACH STATEMENT EXECUTE FUNCTION library_resource_themes_changed();
CREATE TRIGGER library_resource_themes_removed
    AFTER DELETE ON library_resource_themes REFERENCING OLD TABLE AS changed_links
    FOR EACH STATEMENT EXECUTE FUNCTION library_resource_themes_changed();

CREATE OR REPLACE FUNCTION library_theme_renamed() RETURNS trigger AS $$
BEGIN
    IF NEW.name IS DISTINCT FROM OLD.name THEN
        UPDATE library_resource SET search_vector = NULL
        WHERE id IN (SELECT resource_id FROM library_resource_themes WHERE theme_id = NEW.id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER library_theme_renamed
    AFTER UPDATE OF name ON themes_theme
    FOR EACH ROW EXECUTE FUNCTION library_theme_renamed();

UPDATE library_resource SET search_vector = NULL;

CREATE INDEX IF NOT EXISTS library_resource_search_vector_gin
    ON library_resource USING gin (search_vector);
CREATE INDEX IF NOT EXISTS library_resource_title_trgm
    ON library_resource USING gin (title gin_trgm_ops);

ANALYZE library_resource;
"""

BACKWARD = """
DROP INDEX IF EXISTS library_resource_title_trgm;
DROP INDEX IF EXISTS library_resource_search_vector_gin;
DROP TRIGGER IF EXISTS library_theme_renamed ON themes_theme;
DROP FUNCTION IF EXISTS library_theme_renamed();
DROP TRIGGER IF EXISTS library_resource_themes_removed ON library_resource_themes;
DROP TRIGGER IF EXISTS library_resource_themes_added ON library_resource_themes;
DROP FUNCTION IF EXISTS library_resource_themes_changed();
DROP TRIGGER IF EXISTS library_resource_search_document ON library_resource;
DROP FUNCTION IF EXISTS library_resource_search_document();
DROP EXTENSION IF EXISTS pg_trgm;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0005_consent_review_due_work"),
        ("themes", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forward, backward),
    ]
