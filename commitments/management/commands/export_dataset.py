from pathlib import Path

from commitments.exporters import COLUMNS, export_dataset
from commitments.management.base import DescribedCommand

HELP = f"""Write the whole dataset to DIR as the CSV files that `load_dataset DIR` reads.

Files: {", ".join(COLUMNS)}. Every row names its source (source_url, source_as_of, confidence,
source_title, source_publisher, source_notes). Rows are sorted on their natural keys and dates are
YYYY-MM-DD, so two exports of the same data are byte-identical and a diff shows what changed.
Existing files of those names in DIR are replaced; other files are left alone.
"""


class Command(DescribedCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", help="folder to write the CSV files to (created if needed)"
        )

    def handle(self, directory, **options):
        counts = export_dataset(Path(directory))
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} rows")
        self.stdout.write(self.style.SUCCESS(f"Exported the dataset to {directory}."))
