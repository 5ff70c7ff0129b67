"""``dekvep impact [--programme SLUG] [--format json|table]``: the programme's figures."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from dekvep.core.models import Programme
from dekvep.impact.figures import all_figures, summary
from dekvep.impact.presenters import formatted


class Command(BaseCommand):
    help = "Print the impact figures of a programme, computed from its records."

    def add_arguments(self, parser):
        parser.add_argument("--programme", help="programme slug (default: the newest programme)")
        parser.add_argument("--format", choices=("json", "table"), default="json")
        parser.add_argument("--language", choices=("tr", "en"), default="tr", help="table labels")

    def handle(self, *args, **options):
        programme = self._programme(options["programme"])
        values = summary(programme)
        if options["format"] == "json":
            document = {"programme": programme.slug, **values}
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
            return
        with translation.override(options["language"]):
            self._table(programme, values)

    def _programme(self, slug):
        if slug:
            programme = Programme.objects.filter(slug=slug).first()
            if programme is None:
                raise CommandError(f"No programme with the slug {slug!r}.")
            return programme
        programme = Programme.objects.order_by("-starts_on", "-id").first()
        if programme is None:
            raise CommandError("There is no programme yet (run `dekvep demo` or create one).")
        return programme

    def _table(self, programme, values):
        self.stdout.write(f"{programme.name} ({programme.slug})")
        rows = [
            (
                f.key,
                str(f.label) + ("" if f.wired else " *"),
                formatted(values[f.key], f.decimals),
                str(f.unit_label),
            )
            for f in all_figures()
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for key, label, value, unit in rows:
            cells = (key.ljust(widths[0]), label.ljust(widths[1]), value.rjust(widths[2]), unit)
            self.stdout.write("  ".join(cells))
        if any(not f.wired for f in all_figures()):
            self.stdout.write(str(_("* no records to compute this figure from yet")))
