from pathlib import Path

from django.core.management.base import BaseCommand

from commitments.exporters import COLUMNS, export_dataset

HELP = f"""Write the whole dataset to DIR as the CSV files that `load_dataset DIR` reads.

Files: {", ".join(COLUMNS)}. Every row names its source (source_url, source_as_of, confidence,
source_title, source_publisher, source_notes). Rows are sorted on their natural keys and dates are
YYYY-MM-DD, so two exports of the same data are byte-identical and a diff shows what changed.
Existing files of those names in DIR are replaced; other files are left alone.
"""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        kwargs["formatter_class"] = RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", help="folder to write the CSV files to (created if needed)"
        )

    def handle(self, directory, **options):
        counts = export_dataset(Path(directory))
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} rows")
        self.stdout.write(self.style.SUCCESS(f"Exported the dataset to {directory}."))
