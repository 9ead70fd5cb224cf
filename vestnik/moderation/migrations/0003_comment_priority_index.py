"""The held queue's priority order as an index on the comment table (#14).

`queues.top_score()` (the strongest of the verdict's first three fired rules)
is an expression over the verdict's JSON; sorting the held queue by it read
every held comment. This index holds the same expression, so the console reads
the first page in order (queues._shortlist). The expression is spelled out here
rather than imported, as migrations must not change when the code does;
tests/moderation/test_explain.py checks that the two still match.

Like 0002, the index lives in the console's app and leaves the community app's
model state alone.
"""

from typing import Any

from django.db import migrations, models
from django.db.models import F, FloatField, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Greatest

NAME = "moderation_comment_priority_idx"


def _index() -> models.Index:
    score = Greatest(
        *(
            Coalesce(
                Cast(KT(f"verdict__rules__{i}__score"), FloatField()),
                Value(0.0),
                output_field=FloatField(),
            )
            for i in range(3)
        ),
        output_field=FloatField(),
    )
    return models.Index(
        F("status"), score.desc(), F("created_at"), F("id"), name=NAME
    )


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("community", "Comment"), _index())


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_comment_queue_index"),
        ("community", "0002_discussion_version"),
    ]

    operations = [migrations.RunPython(create, drop)]
