from commitments.management.base import DescribedCommand
from commitments.releases import publish_release

HELP = """Cut a release: store the whole dataset as it is now, for good, under a calendar version.

The release is the zip of /api/v1/dataset.zip (every table as CSV, datapackage.json, the codebook,
CITATION.cff and the licence) named after the release, kept in the database with its SHA-256, its
size and a count of the rows added, changed and deleted since the previous release. It is then
listed at /api/v1/releases/ and served byte for byte at /api/v1/releases/VERSION/dataset.zip, and
the citations on the pages name it.

The version is the UTC date, YYYY.MM.DD; a second release on the same day is YYYY.MM.DD.2. When the
latest release already holds the same data and scoring method, nothing is published.
"""


class Command(DescribedCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument(
            "--notes", default="", help="what this release is, in a sentence or two (optional)"
        )

    def handle(self, notes, **options):
        release = publish_release(notes=notes)
        if release is None:
            self.stdout.write("The latest release already holds this data; nothing was published.")
            return
        self.stdout.write(f"Changes: {release.summary}")
        self.stdout.write(f"SHA-256: {release.sha256} ({release.size} bytes)")
        self.stdout.write(self.style.SUCCESS(f"Published release {release.version}."))
