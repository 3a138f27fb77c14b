# Khmer dates and numbers where Django formats them (docs/translating.md, "Dates and numbers").
# The public pages write every date as ISO 8601 (YYYY-MM-DD, Gregorian calendar, Western digits)
# in every language: the form the date box takes and citations name. Month names, where a format
# spells them out, come from Django's Khmer catalogue.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "j F Y, G:i"
SHORT_DATETIME_FORMAT = "Y-m-d G:i"
TIME_FORMAT = "G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
