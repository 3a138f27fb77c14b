# Thai dates and numbers where Django formats them (docs/translating.md, "Dates and numbers").
# Years are Gregorian (Common Era), not Buddhist Era (CE + 543): the sources (the UN Treaty
# Collection, GANHRI) date events in the Gregorian calendar, and the same year in every language
# keeps citations and the date box comparable. The public pages write dates as ISO 8601.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "j F Y, G:i"
SHORT_DATETIME_FORMAT = "Y-m-d G:i"
TIME_FORMAT = "G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 0  # Sunday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
