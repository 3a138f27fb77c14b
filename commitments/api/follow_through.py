"""The follow-through of UPR recommendations for the API and the bundle: each state's facts read
once, for however many of its recommendations are listed (commitments/promises.py derives)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from commitments.models import State, Treaty, UprRecommendation
from commitments.promises import FollowThroughResult, PromiseFacts, of_recommendation


class FollowThroughs:
    """The follow-through of recommendations on one date, reading each state's facts once:
    the facts of all the states asked about at once load in nine queries, however many."""

    def __init__(self, on: datetime.date, today: datetime.date):
        self.on = on
        self.today = today
        self.facts: dict[int, PromiseFacts] = {}
        self.treaties: list[Treaty] | None = None

    def load(self, state_ids: Iterable[int]) -> None:
        missing = set(state_ids) - set(self.facts)
        if not missing:
            return
        if self.treaties is None:
            self.treaties = list(Treaty.objects.all())
        for state in State.objects.for_scorecard().filter(pk__in=missing):
            self.facts[state.pk] = PromiseFacts.from_state(state, self.treaties, self.today)

    def __call__(self, recommendation: UprRecommendation) -> FollowThroughResult:
        self.load([recommendation.state_id])
        return of_recommendation(recommendation, self.facts[recommendation.state_id], self.on)

    def annotate(self, recommendations: Iterable[UprRecommendation]) -> list[UprRecommendation]:
        rows = list(recommendations)
        self.load(row.state_id for row in rows)
        for row in rows:
            row.follow_through = self(row)
        return rows
