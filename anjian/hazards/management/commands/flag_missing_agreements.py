"""``manage.py flag_missing_agreements [--region CODE] --user USERNAME``: one open management
hazard per tenant without a valid safety agreement (idempotent), as the sub-district's button
does, for the enterprises the user may see (within ``--region`` if given)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from anjian.enterprises.models import Enterprise
from anjian.hazards import services


class Command(BaseCommand):
    help = "Record a management hazard for every tenant without a valid safety agreement."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="who records the hazards")
        parser.add_argument("--region", help="only enterprises within this region code")

    def handle(self, *args, **options):
        user = get_user_model()._base_manager.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']!r}.")
        if not (user.has_perm("hazards.add_hazard") and user.has_perm("hazards.verify_hazard")):
            raise CommandError(f"{user.username} may not record these hazards.")
        reach = Enterprise.objects.restrict(user, "view")
        if options.get("region"):
            reach = reach.filter(region__path__contains=f"/{options['region']}/")
        created = services.flag_missing_agreements(reach, actor=user)
        for hazard in created:
            self.stdout.write(f"{hazard.number} {hazard.enterprise.name}: {hazard.description}")
        self.stdout.write(f"{len(created)} new.")
