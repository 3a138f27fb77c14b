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
source_publisher, source_kind, source_notes). institution_observations.csv is optional; other files
in DIR are not read. `export_dataset DIR` writes the database in this format.

Every row is validated with the same rules as the admin and the API. Errors are reported with file
and row number, and when there is any error nothing is written. Loading is idempotent: rows are
matched on their natural keys, and a second run reports that nothing changed.

Loading never overwrites what researchers changed in the admin. Rows that are new are added. A row
already in the database whose other cells differ is left as the database has it, and every
differing cell is listed (file, row, column, the file's value, the database's value). --replace
applies the files' values instead and records each change in the history with the reason
"Replaced from the dataset files". Rows in the database that are not in the files are kept. To
bring the admin's changes into the files, run `export_dataset DIR` and commit DIR.
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
        parser.add_argument(
            "--replace",
            action="store_true",
            help="apply the files' values where they differ from the database (kept in history)",
        )

    def handle(self, directory, replace=False, **options):
        try:
            report = load_dataset(Path(directory), replace=replace)
        except DatasetError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(
                f"{len(exc.errors)} error(s) in {directory}; nothing was written."
            ) from None
        for line in report.lines():
            self.stdout.write(line)
        for difference in report.differences:
            self.stdout.write(str(difference))
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Loaded {directory}."))
        elif report.kept:
            self.stdout.write("Nothing was written to the database.")
        else:
            self.stdout.write(f"Nothing changed: the database already matches {directory}.")
        if report.kept:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.differences)} difference(s) between {directory} and the "
                    "database (listed above); the database's values were kept.\n"
                    f"To apply the files' values: manage.py load_dataset --replace {directory}\n"
                    "  (each change is recorded in the history).\n"
                    f"To write the database's values to the files: manage.py export_dataset "
                    f"{directory}"
                )
            )
