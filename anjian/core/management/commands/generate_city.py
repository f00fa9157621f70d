"""``manage.py generate_city [--scale S] [--seed N]``: the synthetic city for benchmarks."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anjian.core import citygen


class Command(BaseCommand):
    help = (
        "Generate a deterministic synthetic city (regions, public bodies, enterprises, parks, "
        "agreements, people, sessions, certificates and every later app's registered records) "
        "into an empty database. Scale 1.0: 6 districts, 60 sub-districts, 600 villages, "
        "50,000 enterprises, 200,000 people, 300,000 certificates. For benchmarks, not production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, scale, seed, batch_size, **options):
        if not 0 < scale <= 10:
            raise CommandError("--scale must lie between 0 and 10.")
        try:
            with transaction.atomic():
                city = citygen.generate(
                    scale=scale, seed=seed, out=self.stdout, batch_size=batch_size
                )
        except citygen.CityExists as exc:
            raise CommandError(str(exc)) from exc
        for label, n in city.created.items():
            self.stdout.write(f"{label}: {n:,}")
        self.stdout.write("Accounts (demo password): " + ", ".join(city.users))
