from django.core.management.base import BaseCommand, CommandError

from r2p_tracker import catalogues


class Command(BaseCommand):
    help = (
        "List, per published language, the messages still untranslated or fuzzy in "
        "locale/<code>/LC_MESSAGES/django.po, and say whether its django.mo is stale. Fails "
        "when anything is missing or stale (docs/translating.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", help="language codes; default: all published")

    def handle(self, *args, languages: list[str], **options):
        problems = 0
        for language in languages or catalogues.translated_languages():
            if not catalogues.catalogue(language).exists():
                self.stdout.write(f"{language}: no catalogue; run make messages")
                problems += 1
                continue
            todo = catalogues.missing(language)
            for msgid in todo:
                self.stdout.write(f"{language}: missing: {msgid!r}")
            if catalogues.stale(language):
                self.stdout.write(f"{language}: django.mo is stale; run make messages")
                problems += 1
            problems += len(todo)
            if not todo:
                self.stdout.write(f"{language}: every message translated")
        if problems:
            raise CommandError(f"{problems} problem(s) in the translation catalogues")
