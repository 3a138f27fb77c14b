"""Filters shared by the API and the pages: one definition per resource."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_AS_OF = datetime.date(1945, 1, 1)


class AsOfForm(forms.Form):
    """The `as_of` date of a page or API answer: any day from 1945 to today (default: today)."""

    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text=_("A date as YYYY-MM-DD, from 1945-01-01 to today."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2015-01-01.")},
    )

    def clean_as_of(self) -> datetime.date:
        today = timezone.localdate()
        value = self.cleaned_data.get("as_of") or today
        if value < EARLIEST_AS_OF or value > today:
            raise forms.ValidationError(
                _("Choose a date from %(first)s to %(today)s."),
                code="out_of_range",
                params={"first": EARLIEST_AS_OF.isoformat(), "today": today.isoformat()},
            )
        return value
