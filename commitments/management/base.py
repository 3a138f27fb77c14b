"""What the project's management commands share."""

from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand


class DescribedCommand(BaseCommand):
    """A command whose `help` is several paragraphs, which `--help` prints as written."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs["formatter_class"] = RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)
