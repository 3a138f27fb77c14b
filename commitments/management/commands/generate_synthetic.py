from django.core.management.base import CommandError
from django.utils import timezone

from commitments.management.base import DescribedCommand
from commitments.synthetic import RealDataPresent, ensure_only_synthetic, generate

HELP = """Fill a separate, empty database with a synthetic dataset for benchmarks.

Every generated row is marked synthetic: sources are published by "Synthetic data (not real)" at
https://synthetic.example/, state names start with "Synthetic", treaty keys with "synthetic_".
States use real ISO 3166 codes. The same --seed gives the same data.

The command refuses to run against a database that holds any non-synthetic data, so it can never
be mixed into the real dataset. Point it at its own database, e.g.

    createdb -h 127.0.0.1 -U postgres r2p_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/r2p_bench python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/r2p_bench \\
        python manage.py generate_synthetic --states 200 --treaties 150 --seed 1
"""


class Command(DescribedCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("--states", type=int, required=True, help="number of states")
        parser.add_argument("--treaties", type=int, required=True, help="number of treaties")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")

    def handle(self, *, states, treaties, seed, **options):
        try:
            ensure_only_synthetic()
            report = generate(states, treaties, seed, timezone.localdate())
        except (RealDataPresent, ValueError) as exc:
            raise CommandError(str(exc)) from None
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {states} synthetic states x {treaties} treaties (seed {seed})."
            )
        )
