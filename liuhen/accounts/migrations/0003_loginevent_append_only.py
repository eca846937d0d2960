from django.db import migrations

from liuhen.ledger.append_only import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [AppendOnly("loginevent")]
