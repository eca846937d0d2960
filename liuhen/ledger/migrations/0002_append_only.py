from django.db import migrations

from liuhen.ledger.append_only import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [AppendOnly("ledgerentry"), AppendOnly("ledgercheckpoint")]
