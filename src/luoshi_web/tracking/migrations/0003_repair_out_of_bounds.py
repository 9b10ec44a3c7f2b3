"""Rows out of the bounds of issue 10, from before they were checked, repaired so that the check
constraints of the next migration can be added: an unusable number becomes unknown (NULL), an
unusable year or date the nearest bound (years 1949…2100, decimals below 10²¹, percentages 0…100).
Such rows could only break every page that showed them. A migration of its own: PostgreSQL cannot
alter a table in the transaction that updated it.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('tracking', '0002_progress_newest_index'),
    ]

    operations = [
        migrations.RunSQL(
            [
                'UPDATE tracking_commitment SET year = NULL WHERE year < 1949 OR year > 2100',
                'UPDATE tracking_commitment SET value = NULL WHERE value <= -1e21 OR value >= 1e21',
                'UPDATE tracking_commitment SET value_max = NULL WHERE value_max <= -1e21 OR value_max >= 1e21',
                'UPDATE tracking_historicalcommitment SET year = NULL WHERE year < 1949 OR year > 2100',
                'UPDATE tracking_historicalcommitment SET value = NULL WHERE value <= -1e21 OR value >= 1e21',
                'UPDATE tracking_historicalcommitment SET value_max = NULL WHERE value_max <= -1e21 OR value_max >= 1e21',
                'UPDATE tracking_milestone SET planned_value = NULL WHERE planned_value <= -1e21 OR planned_value >= 1e21',
                "UPDATE tracking_milestone SET due = '1949-01-01' WHERE due < '1949-01-01'",
                "UPDATE tracking_milestone SET due = '2100-12-31' WHERE due > '2100-12-31'",
                'UPDATE tracking_historicalmilestone SET planned_value = NULL WHERE planned_value <= -1e21 OR planned_value >= 1e21',
                "UPDATE tracking_historicalmilestone SET due = '1949-01-01' WHERE due < '1949-01-01'",
                "UPDATE tracking_historicalmilestone SET due = '2100-12-31' WHERE due > '2100-12-31'",
                "UPDATE tracking_assignment SET deadline = '1949-01-01' WHERE deadline < '1949-01-01'",
                "UPDATE tracking_assignment SET deadline = '2100-12-31' WHERE deadline > '2100-12-31'",
                "UPDATE tracking_historicalassignment SET deadline = '1949-01-01' WHERE deadline < '1949-01-01'",
                "UPDATE tracking_historicalassignment SET deadline = '2100-12-31' WHERE deadline > '2100-12-31'",
                'UPDATE tracking_progressreport SET value = NULL WHERE value <= -1e21 OR value >= 1e21',
                'UPDATE tracking_progressreport SET percent_done = NULL WHERE percent_done < 0 OR percent_done > 100',
                "UPDATE tracking_progressreport SET as_of = '1949-01-01' WHERE as_of < '1949-01-01'",
                "UPDATE tracking_progressreport SET as_of = '2100-12-31' WHERE as_of > '2100-12-31'",
                'UPDATE tracking_historicalprogressreport SET value = NULL WHERE value <= -1e21 OR value >= 1e21',
                'UPDATE tracking_historicalprogressreport SET percent_done = NULL WHERE percent_done < 0 OR percent_done > 100',
                "UPDATE tracking_historicalprogressreport SET as_of = '1949-01-01' WHERE as_of < '1949-01-01'",
                "UPDATE tracking_historicalprogressreport SET as_of = '2100-12-31' WHERE as_of > '2100-12-31'",
            ],
            migrations.RunSQL.noop,
        ),
    ]
