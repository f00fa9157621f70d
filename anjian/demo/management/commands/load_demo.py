"""``manage.py load_demo``: build or refresh the demo world, then list its accounts."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from anjian.accounts import roles
from anjian.demo import world


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = [
        "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    head = "  ".join(_pad(h, widths[i]) for i, h in enumerate(headers)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    return "\n".join([head, rule, *lines])


class Command(BaseCommand):
    help = (
        "Load the demo world (江海区, its public bodies and one account per role). "
        "Idempotent: running it again changes nothing. The shared password comes from "
        f"DEMO_PASSWORD, or is “{world.DEFAULT_PASSWORD}”. Not for production data."
    )

    def handle(self, *args, **options):
        try:
            loaded = world.load()
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc

        for name, created, updated, unchanged in loaded.summary():
            self.stdout.write(
                f"{name}: {created} created, {updated} updated, {unchanged} unchanged"
            )
        self.stdout.write("")
        rows = []
        for user in loaded.users.values():
            region = user.home_region
            rows.append(
                [
                    user.username,
                    "、".join(roles.role_label(code) for code in user.role_codes),
                    str(user.organization) if user.organization_id else "—",
                    region.name if region else "—",
                ]
            )
        self.stdout.write(format_table(["username", "role", "organization", "jurisdiction"], rows))
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Every demo account signs in with the password: {loaded.password}")
        )
