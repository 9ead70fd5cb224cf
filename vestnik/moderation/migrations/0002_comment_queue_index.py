"""An index for the console's queues on the community app's comment table.

The queues filter comments by status and order or window them by time; the
community app's own indexes all lead with the article. The index lives here, as
plain SQL, because the console is what needs it; the community app's model state
is left untouched (it doesn't know or care about this index).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("community", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX IF NOT EXISTS moderation_comment_queue_idx "
            "ON community_comment (status, created_at)",
            reverse_sql="DROP INDEX IF EXISTS moderation_comment_queue_idx",
        ),
        migrations.RunSQL(
            sql="CREATE INDEX IF NOT EXISTS moderation_report_open_idx "
            "ON community_report (comment_id, resolved_at)",
            reverse_sql="DROP INDEX IF EXISTS moderation_report_open_idx",
        ),
    ]
