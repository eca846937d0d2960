"""A dashboard's worst cases from one index: CaseCompliance carries its case's agency."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("cases", "0002_dashboard_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="casecompliance",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="agencies.agency",
            ),
        ),
        migrations.RunSQL(
            "UPDATE cases_casecompliance SET agency_id = "
            "(SELECT agency_id FROM cases_case WHERE cases_case.id = cases_casecompliance.case_id)",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="casecompliance",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="agencies.agency",
            ),
        ),
        migrations.AddIndex(
            model_name="casecompliance",
            index=models.Index(
                fields=["agency", "-violations", "-case"], name="case_compliance_agency_worst"
            ),
        ),
    ]
