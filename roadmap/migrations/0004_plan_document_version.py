from django.db import migrations


class Migration(migrations.Migration):
    """Plan.version was the document's version; Activity.version is a lock counter."""

    dependencies = [("roadmap", "0003_snapshots")]

    operations = [
        migrations.RenameField("plan", "version", "document_version"),
        migrations.RenameField("historicalplan", "version", "document_version"),
    ]
