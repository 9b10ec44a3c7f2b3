"""The newest progress report of each assignment, read in index order.

Lists and the dashboard rank each assignment's reports by (as_of, created_at, id), newest first
(``tracking.selectors.newest_progress``); this index holds that order, so the window query reads it
without sorting 24,000 rows. It covers every query the narrower (assignment, -as_of) index served.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("tracking", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="progressreport",
            name="tracking_pr_assignm_d6c727_idx",
        ),
        migrations.AddIndex(
            model_name="progressreport",
            index=models.Index(fields=["assignment", "-as_of", "-created_at", "-id"], name="tracking_progress_newest_idx"),
        ),
    ]
