from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "anjian.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from anjian.core import signals  # noqa: F401  (login/logout audit receivers)
        from anjian.core.validators import install_natural_unique_messages

        install_natural_unique_messages()

        from django.db.models.signals import post_migrate

        from anjian.core.search import ensure_indexes

        # A SQLite table rebuild drops its triggers: put the search index's back (core.search).
        post_migrate.connect(ensure_indexes, sender=self, dispatch_uid="core.search.ensure")

        from anjian.core.seeding import reseed_empty_tables

        # A flush empties what the data migrations seeded: put it back (core.seeding).
        post_migrate.connect(reseed_empty_tables, dispatch_uid="core.seeding.reseed")
