"""``manage.py evaluation_report --list`` (id, accident, date) and
``manage.py evaluation_report ID --output FILE.docx [--public]``: the evaluation report generated
from the records, as the download gives it (the public version with ``--public``)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from anjian.evaluations.models import Evaluation
from anjian.evaluations.report.gather import gather
from anjian.evaluations.report.word import layout


class Command(BaseCommand):
    help = "Write an evaluation report (Word) generated from the records, or list the evaluations."

    def add_arguments(self, parser):
        parser.add_argument("id", nargs="?", type=int, help="The evaluation's id.")
        parser.add_argument(
            "--list", action="store_true", help="List the evaluations: id, accident, date."
        )
        parser.add_argument("--output", "-o", help="The .docx file to write.")
        parser.add_argument(
            "--public", action="store_true", help="The public version (personal data masked)."
        )

    def handle(self, *args, **options):
        if options["list"]:
            rows = Evaluation.objects.select_related("accident").order_by("id")
            for evaluation in rows:
                when = evaluation.accident.occurred_at.date().isoformat()
                self.stdout.write(f"{evaluation.pk}\t{evaluation.accident.name}\t{when}")
            return
        if options["id"] is None:
            raise CommandError(_("Give an evaluation's id, or --list."))
        if not options["output"]:
            raise CommandError(_("Give the file to write with --output."))
        evaluation = (
            Evaluation.objects.select_related("accident", "organizer")
            .filter(pk=options["id"])
            .first()
        )
        if evaluation is None:
            raise CommandError(_("No evaluation with id %(id)s.") % {"id": options["id"]})
        document = layout(gather(evaluation, public=options["public"]))
        path = Path(options["output"])
        if path.suffix.lower() != ".docx":
            path = path.with_suffix(".docx")
        try:
            path.write_bytes(document.to_bytes())
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": path, "error": error}
            ) from None
        self.stdout.write(str(path))
