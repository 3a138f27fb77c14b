# Khmer dates and numbers where Django formats them (docs/translating.md, "Dates and numbers").
from r2p_tracker.formats.iso_dates import *  # noqa: F403

FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
