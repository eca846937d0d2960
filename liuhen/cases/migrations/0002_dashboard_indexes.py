"""Dashboard reads without visiting every case: CaseDue carries its case's agency; indexes for an
agency's newest cases and for acts awaiting approval (bench/case_pages.py, docs/benchmarks.md)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="casedue",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="agencies.agency",
            ),
        ),
        migrations.RunSQL(
            "UPDATE cases_casedue SET agency_id = "
            "(SELECT agency_id FROM cases_case WHERE cases_case.id = cases_casedue.case_id)",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="casedue",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="agencies.agency",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["agency", "-opened_at", "-id"], name="case_agency_opened"),
        ),
        migrations.AddIndex(
            model_name="caseevent",
            index=models.Index(fields=["status", "recorded_at", "id"], name="case_event_status_at"),
        ),
        migrations.AddIndex(
            model_name="casedue",
            index=models.Index(fields=["agency", "due_at", "id"], name="case_due_agency_at"),
        ),
    ]
