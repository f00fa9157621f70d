"""City scale (issue 9): indexes that serve the default orderings of the big training tables —
people by name, certificates newest first (read backwards) — so a list's first page is read in
index order instead of sorting every row in reach. Created in SQL: indexes only, no model state."""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS training_person_name_order ON training_person (name, id)",
    "CREATE INDEX IF NOT EXISTS training_certificate_issued_order "
    "ON training_certificate (issued_on, id)",
]
DROP = [
    "DROP INDEX IF EXISTS training_person_name_order",
    "DROP INDEX IF EXISTS training_certificate_issued_order",
]


class Migration(migrations.Migration):
    dependencies = [("training", "0003_kinds_issuers_special_certificates")]

    operations = [migrations.RunSQL(CREATE, DROP, elidable=False)]
