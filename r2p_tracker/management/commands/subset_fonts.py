from pathlib import Path

from django.core.management.base import BaseCommand

from r2p_tracker import fonts


class Command(BaseCommand):
    help = (
        "Subset the Noto Sans Khmer and Thai faces (Regular, Bold) to their scripts and write "
        "them as WOFF2 to static/fonts/. The sources default to Debian's fonts-noto-core "
        "(/usr/share/fonts/truetype/noto/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, default=fonts.NOTO_DIR)
        parser.add_argument("--target", type=Path, default=None)

    def handle(self, *args, source: Path, target: Path | None, **options):
        for path in fonts.subset_all(source, target):
            self.stdout.write(f"{path.name}: {path.stat().st_size} bytes")
