"""Benchmark: the alerts after the return for 5,000 children in monitoring, worked out set-wise.

python bench/monitoring_alerts.py

Builds a throwaway SQLite database in a temporary folder (or uses DATABASE_URL if set, e.g. a
PostgreSQL test database, which it fills and leaves): two teams, 5,000 children each in an open
monitoring period after a return home, with visits, engagement with support services and people in
the home they returned to. Then times `homeward.monitoring.alerts.alerts_for` for all of them and for
one team's children (a manager's team view), several rounds interleaved, and prints the median time
and the queries made (CaptureQueriesContext). It fails if the number of queries grows with the number
of children: the same for one team as for all, and for 10 children as for 5,000. Then the same for
My work (`homeward.mywork.selectors.my_work`) of a manager of one team and of a manager of both, whose
team view lists every child in monitoring with their alerts.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CHILDREN, TEAMS, ROUNDS, SEED = 5_000, 2, int(os.environ.get("BENCH_ROUNDS", "5")), 2026

_tmp = tempfile.TemporaryDirectory(prefix="homeward-bench-")
os.environ.setdefault("HOMEWARD_VAR_DIR", _tmp.name)
os.environ.setdefault("HOMEWARD_ALLOW_INSECURE_KEY", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.site.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from homeward.children.models import Child, Episode, FamilyMember, Household, HouseholdMembership  # noqa: E402
from homeward.monitoring import alerts  # noqa: E402
from homeward.monitoring.models import (  # noqa: E402
    Engagement,
    MonitoringPeriod,
    PeriodKind,
    ServiceEngagement,
    Visit,
)
from homeward.mywork import selectors as mywork  # noqa: E402
from homeward.organisation.models import Role, StaffProfile, Team  # noqa: E402
from homeward.plans.models import SupportPlan, SupportService  # noqa: E402

TODAY = date(2026, 6, 30)


def build() -> list[Team]:
    rng = random.Random(SEED)
    teams = [Team.objects.create(name=f"Bench team {t}") for t in range(TEAMS)]
    children = Child.objects.bulk_create(
        Child(
            la_child_id=f"B{i:07d}",
            first_name="Bench",
            last_name=f"Child {i}",
            date_of_birth=TODAY - timedelta(days=rng.randint(400, 6000)),
            sex=rng.choice("12"),
            ethnicity="WBRI",
            team=teams[i % TEAMS],
        )
        for i in range(CHILDREN)
    )
    started = {c.pk: TODAY - timedelta(days=rng.randint(20, 330)) for c in children}
    Episode.objects.bulk_create(
        Episode(
            child=c,
            decom=started[c.pk] - timedelta(days=300),
            rne="S",
            ls="C2",
            cin="N1",
            place="U1",
            dec=started[c.pk],
            rec=rng.choice(["E4A", "E4B"]),
        )
        for c in children
    )
    periods = MonitoringPeriod.objects.bulk_create(
        MonitoringPeriod(
            child=c,
            kind=PeriodKind.RETURN_HOME,
            started_on=started[c.pk],
            ends_on=started[c.pk] + timedelta(days=365),
            visit_days_before_review=28,
            visit_days_after_review=28,
            cadence="Every 4 weeks (a local default)",
            cadence_source="bench",
            started_by_name="Bench",
        )
        for c in children
    )
    visits = []
    for p in periods:
        for k in range(rng.randint(0, (TODAY - p.started_on).days // 21)):
            visits.append(
                Visit(
                    period=p,
                    visited_on=p.started_on + timedelta(days=7 + 21 * k),
                    child_seen=rng.random() < 0.95,
                    seen_alone=rng.random() < 0.6,
                    seen_away_from_home=rng.random() < 0.4,
                    raises_concern=rng.random() < 0.03,
                    recorded_by_name="Bench",
                )
            )
    Visit.objects.bulk_create(visits, batch_size=2_000)
    plans = SupportPlan.objects.bulk_create(
        SupportPlan(child=c, months=12, contingency="Back to foster care" if rng.random() < 0.8 else "")
        for c in children
    )
    services = SupportService.objects.bulk_create(
        SupportService(
            plan=plan,
            service=f"Service {s}",
            provided_by="Bench",
            ends_on=TODAY + timedelta(days=rng.randint(-30, 400)) if rng.random() < 0.5 else None,
        )
        for plan in plans
        for s in range(2)
    )
    by_child = {p.child_id: p for p in periods}
    plan_child = {plan.pk: plan.child_id for plan in plans}
    statuses = [Engagement.ATTENDED] * 7 + [Engagement.MISSED] * 2 + [Engagement.DISENGAGED]
    ServiceEngagement.objects.bulk_create(
        (
            ServiceEngagement(
                period=by_child[plan_child[s.plan_id]],
                service=s,
                status=rng.choice(statuses),
                on=by_child[plan_child[s.plan_id]].started_on + timedelta(days=10 * k + 5),
                recorded_by_name="Bench",
            )
            for s in services
            for k in range(rng.randint(0, 6))
        ),
        batch_size=2_000,
    )
    homes = Household.objects.bulk_create(
        Household(child=c, name="Mother's home", is_proposed_return_home=True) for c in children
    )
    people = FamilyMember.objects.bulk_create(
        FamilyMember(child=c, full_name=f"Adult {i}", relationship=rel)
        for c in children
        for i, rel in enumerate(("mother", "mothers_partner"))
    )
    HouseholdMembership.objects.bulk_create(
        HouseholdMembership(
            household=homes[n // 2],
            member=person,
            started=started[person.child_id] + timedelta(days=rng.randint(-900, 60) if n % 2 else -2_000),
        )
        for n, person in enumerate(people)
    )
    print(
        f"{CHILDREN:,} children in monitoring: {len(visits):,} visits, {ServiceEngagement.objects.count():,} "
        f"engagements, {HouseholdMembership.objects.count():,} household members",
        flush=True,
    )
    return teams


def timed(child_ids: object) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        found = alerts.alerts_for(child_ids, TODAY)  # type: ignore[arg-type]
        seconds = time.perf_counter() - t0
    return seconds, len(queries.captured_queries), sum(len(a) for a in found.values())


def managers(teams: list[Team]) -> tuple[User, User]:
    """A manager of the first team, and one of both."""
    made = []
    for name, managed in (("bench-one-team", teams[:1]), ("bench-both-teams", teams)):
        user = User.objects.create_user(name, first_name="Bench", last_name="Manager")
        profile = StaffProfile.objects.create(user=user, role=Role.TEAM_MANAGER, team=managed[0])
        profile.managed_teams.set(managed)
        made.append(user)
    return made[0], made[1]


def timed_my_work(user: User) -> tuple[float, int, int]:
    user = User.objects.select_related("profile").get(pk=user.pk)  # a fresh request's user
    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        sections, shown = mywork.my_work(user, TODAY)
        seconds = time.perf_counter() - t0
    return seconds, len(queries.captured_queries), sum(len(s.items) for s in sections)


def main() -> None:
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    teams = build()
    print(f"built in {time.perf_counter() - t0:.1f} s on {connection.vendor}", flush=True)
    everyone = list(Child.objects.order_by("pk").values_list("pk", flat=True))
    team = list(Child.objects.filter(team=teams[0]).order_by("pk").values_list("pk", flat=True))
    runs: dict[str, list[tuple[float, int, int]]] = {"all": [], "team": []}
    for _ in range(ROUNDS):  # interleaved, so a slow moment of the machine falls on both
        runs["all"].append(timed(everyone))
        runs["team"].append(timed(team))
    few = timed(everyone[:10])
    for name, ids in (("all", everyone), ("team", team)):
        seconds = statistics.median(r[0] for r in runs[name])
        queries, found = runs[name][0][1], runs[name][0][2]
        print(
            f"alerts_for {name:>4} ({len(ids):,} children): median {seconds * 1000:.0f} ms, {ROUNDS} rounds, "
            f"{queries} queries, {found:,} alerts"
        )
    print(f"alerts_for  10 children: {few[1]} queries")
    counts = {r[1] for rs in runs.values() for r in rs} | {few[1]}
    assert len(counts) == 1, f"the number of queries grew with the number of children: {sorted(counts)}"

    one, both = managers(teams)
    work: dict[str, list[tuple[float, int, int]]] = {"one team": [], "both teams": []}
    for _ in range(ROUNDS):
        work["one team"].append(timed_my_work(one))
        work["both teams"].append(timed_my_work(both))
    for name, rows in work.items():
        seconds = statistics.median(r[0] for r in rows)
        print(
            f"My work, manager of {name:>10}: median {seconds * 1000:.0f} ms, {ROUNDS} rounds, "
            f"{rows[0][1]} queries, {rows[0][2]:,} items"
        )
    ratio = statistics.median(b[0] / a[0] for a, b in zip(work["one team"], work["both teams"], strict=True))
    print(f"My work, both teams / one team (paired, median of {ROUNDS}): {ratio:.2f}")
    work_counts = {r[1] for rows in work.values() for r in rows}
    assert len(work_counts) == 1, f"My work's queries grew with the number of children: {sorted(work_counts)}"


if __name__ == "__main__":
    main()
