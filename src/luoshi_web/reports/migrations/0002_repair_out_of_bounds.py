"""Rows out of the bounds of issue 10, from before they were checked, repaired so that the check
constraints of the next migration can be added: an unusable number becomes unknown (NULL), an
unusable year or date the nearest bound (years 1949…2100, decimals below 10²¹, percentages 0…100).
Such rows could only break every page that showed them. A migration of its own: PostgreSQL cannot
alter a table in the transaction that updated it.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
    ]

    operations = [
        migrations.RunSQL(
            [
                'UPDATE reports_report SET year = 1949 WHERE year < 1949',
                'UPDATE reports_report SET year = 2100 WHERE year > 2100',
                'UPDATE reports_historicalreport SET year = 1949 WHERE year < 1949',
                'UPDATE reports_historicalreport SET year = 2100 WHERE year > 2100',
                'UPDATE reports_importdraft SET year = NULL WHERE year < 1949 OR year > 2100',
            ],
            migrations.RunSQL.noop,
        ),
    ]
