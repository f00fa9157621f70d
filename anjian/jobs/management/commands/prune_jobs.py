"""Delete expired Excel jobs and their files (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from anjian.jobs.models import Job


class Command(BaseCommand):
    help = "Delete Excel jobs past their expiry (EXCEL_JOB_HOURS) with their files."

    def handle(self, *args, **options):
        count = 0
        for job in Job.objects.filter(expires_at__lte=timezone.now()).iterator():
            job.delete()  # removes the file too
            count += 1
        self.stdout.write(f"{count} expired jobs deleted")
