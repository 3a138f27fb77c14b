# Dates where Django formats them, shared by the languages whose pages write ISO 8601 dates
# (docs/translating.md, "Dates and numbers"): month names come from Django's catalogue of each
# language, years are Gregorian, and ISO comes first among the accepted input formats.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "j F Y, G:i"
SHORT_DATETIME_FORMAT = "Y-m-d G:i"
TIME_FORMAT = "G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
NUMBER_GROUPING = 3
