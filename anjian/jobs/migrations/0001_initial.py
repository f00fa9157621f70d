import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import anjian.jobs.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.CreateModel(
            name="Job",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("export", "Excel export"), ("import", "Excel import")],
                        max_length=8,
                        verbose_name="kind",
                    ),
                ),
                (
                    "model",
                    models.CharField(
                        help_text="app_label.model_name", max_length=100, verbose_name="model"
                    ),
                ),
                ("ledger", models.CharField(blank=True, max_length=200, verbose_name="ledger")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("checked", "Checked, waiting for confirmation"),
                            ("rejected", "Checked, has bad rows"),
                            ("done", "Done"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "commit",
                    models.BooleanField(default=False, verbose_name="write after checking"),
                ),
                ("total", models.PositiveIntegerField(default=0, verbose_name="rows in all")),
                ("done", models.PositiveIntegerField(default=0, verbose_name="rows done")),
                ("payload", models.JSONField(blank=True, default=dict, verbose_name="payload")),
                (
                    "file",
                    models.FileField(blank=True, upload_to="jobs/%Y/%m/", verbose_name="file"),
                ),
                (
                    "file_name",
                    models.CharField(blank=True, max_length=200, verbose_name="file name"),
                ),
                ("message", models.TextField(blank=True, verbose_name="message")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
                ),
                (
                    "expires_at",
                    models.DateTimeField(
                        db_index=True,
                        default=anjian.jobs.models._expiry,
                        verbose_name="expires at",
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="excel_jobs",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
                    ),
                ),
            ],
            options={
                "verbose_name": "Excel job",
                "verbose_name_plural": "Excel jobs",
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(fields=["owner", "-created_at"], name="jobs_job_owner_created")
                ],
            },
        ),
    ]
