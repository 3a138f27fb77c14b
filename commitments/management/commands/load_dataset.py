from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from commitments.importers import FILES, DatasetError, load_dataset
from commitments.management.base import DescribedCommand

HELP = f"""Load the sourced dataset from DIR (default: data/asean/).

DIR holds one UTF-8 CSV file per table, each with a header row: {", ".join(FILES)}.
data/asean/README.md describes every column. Dates are YYYY-MM-DD; where a source gives less, the
date is the first day of the period and the *_precision column says day, month, year or unknown.
sources.csv is the register of sources: one row per source (url, title, publisher, kind, the date
it speaks for, and for a copy the document it copies). Every fact row names its source by
source_url and, where the file has the column, source_as_of, and says how directly the source
records it (confidence). Without sources.csv, each row may describe its own source (source_title,
source_publisher, source_kind, source_notes). institution_observations.csv, engagements.csv,
upr_recommendations.csv, national_mechanisms.csv and regional_events.csv are optional; other files
in DIR are not read. In engagements.csv a recorded vote (kind unga_vote) is the `vote` column
(yes, no, abstain) or, without that column, the first word of `notes`. A UPR recommendation is
matched on its state, cycle, document, paragraph and target. `export_dataset DIR` writes the
database in this format.

Every row is validated with the same rules as the admin and the API. Errors are reported with file
and row number, and when there is any error nothing is written. Loading is idempotent: rows are
matched on their natural keys, and a second run reports that nothing changed. Rows in the database
that are not in the files are kept.
"""


class Command(DescribedCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            default=str(Path(settings.BASE_DIR) / "data" / "asean"),
            help="folder with the CSV files (default: data/asean/)",
        )

    def handle(self, directory, **options):
        try:
            report = load_dataset(Path(directory))
        except DatasetError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(
                f"{len(exc.errors)} error(s) in {directory}; nothing was written."
            ) from None
        for line in report.lines():
            self.stdout.write(line)
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Loaded {directory}."))
        else:
            self.stdout.write(f"Nothing changed: the database already matches {directory}.")
