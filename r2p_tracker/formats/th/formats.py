# Thai dates and numbers where Django formats them (docs/translating.md, "Dates and numbers").
# Years are Gregorian (Common Era), not Buddhist Era (CE + 543): the sources (the UN Treaty
# Collection, GANHRI) date events in the Gregorian calendar, and the same year in every language
# keeps citations and the date box comparable.
from r2p_tracker.formats.iso_dates import *  # noqa: F403

FIRST_DAY_OF_WEEK = 0  # Sunday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
