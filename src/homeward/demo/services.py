"""A synthetic, deterministic demo: staff, teams, agencies and children with believable care histories.

Never real data: every name is drawn from short lists of common names and every history is
generated from the seed. The same seed and reference date give the same demo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from homeward.access import twofactor
from homeward.children.models import (
    AgencyInvolvement,
    Child,
    Episode,
    FamilyMember,
    Household,
    HouseholdMembership,
)
from homeward.children.services import refresh_care_summaries
from homeward.demo.authenticator import DEMO_TWO_FACTOR_KEY, demo_key_hex
from homeward.organisation.models import Agency, AgencyType, Role, StaffProfile, Team

DEMO_PASSWORD = "homeward-demo"
DEMO_TWO_FACTOR_HINT = (
    "manager and admin also enter a code from an authenticator app set up with the key "
    f"{DEMO_TWO_FACTOR_KEY}, or the code printed by: .venv/bin/python -m homeward demo-code"
)
FIRST_CHILD_ID = 100001

GIRLS = [
    "Amelia",
    "Ava",
    "Chloe",
    "Ellie",
    "Grace",
    "Isla",
    "Jade",
    "Lily",
    "Maya",
    "Mia",
    "Olivia",
    "Poppy",
    "Ruby",
    "Sophie",
    "Zara",
    "Aisha",
    "Freya",
    "Hannah",
    "Leah",
    "Nadia",
]
BOYS = [
    "Alfie",
    "Ben",
    "Callum",
    "Daniel",
    "Ethan",
    "Finley",
    "George",
    "Harry",
    "Jack",
    "Kai",
    "Leo",
    "Mason",
    "Noah",
    "Oscar",
    "Reece",
    "Tyler",
    "Yusuf",
    "Kofi",
    "Liam",
    "Ryan",
]
WOMEN = ["Kelly", "Sarah", "Donna", "Lisa", "Michelle", "Gemma", "Amy", "Stacey", "Nicola", "Jodie", "Fatima"]
MEN = ["Dean", "Lee", "Craig", "Wayne", "Darren", "Jason", "Mark", "Gary", "Paul", "Kevin", "Tariq"]
SURNAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Wilson",
    "Evans",
    "Walker",
    "Wright",
    "Robinson",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Clarke",
    "Jackson",
    "Wood",
    "Carter",
    "Turner",
    "Ahmed",
    "Khan",
    "Mensah",
    "Lewis",
    "Harris",
    "Cooper",
    "Ward",
    "Morris",
    "King",
    "Baker",
    "Hill",
    "Moore",
]
ETHNICITIES = ["WBRI"] * 14 + ["WOTH", "MWBC", "MWBA", "MWAS", "MOTH", "APKN", "ABAN", "BAFR", "BCRB", "WIRT"]
FOSTER_PLACEMENTS = ["U6", "U6", "U6", "U4", "U3", "U1"]
OTHER_PLACEMENTS = ["K2", "R1", "R3"]
PLACE_CHANGE_REASONS = ["CARPL", "CREQB", "CREQO", "LAREQ", "CLOSE", "CHILD", "STAND"]


@dataclass(frozen=True)
class DemoStaff:
    username: str
    first_name: str
    last_name: str
    role: Role


STAFF = [
    DemoStaff("worker", "Sam", "Okafor", Role.SOCIAL_WORKER),
    DemoStaff("worker2", "Priya", "Shah", Role.SOCIAL_WORKER),
    DemoStaff("manager", "Helen", "Marsh", Role.TEAM_MANAGER),
    DemoStaff("iro", "David", "Ellis", Role.IRO),
    DemoStaff("health", "Rachel", "Stone", Role.PARTNER),
    DemoStaff("analyst", "Tom", "Reid", Role.ANALYST),
    DemoStaff("admin", "Anne", "Price", Role.ADMINISTRATOR),
    DemoStaff("dataofficer", "Nadia", "Khan", Role.DATA_OFFICER),
]

AGENCIES = [
    ("Northshire Community Health (health visiting and GP liaison)", AgencyType.HEALTH),
    ("Northshire Adult Mental Health Service", AgencyType.ADULT_MENTAL_HEALTH),
    ("Turning Point Northshire (drug and alcohol service)", AgencyType.SUBSTANCE_MISUSE),
    ("Northshire Police Public Protection Unit", AgencyType.POLICE),
    ("Safe Haven Domestic Abuse Service", AgencyType.DOMESTIC_ABUSE),
    ("Northshire Housing Options", AgencyType.HOUSING),
    ("Oakfield Primary School", AgencyType.SCHOOL),
    ("Northshire Adult Social Care", AgencyType.ADULT_SOCIAL_CARE),
    ("National Probation Service (Northshire)", AgencyType.PROBATION),
]


def _case_record_models() -> list[type[models.Model]]:
    """Child and every model that refers to it, directly or through another such model (assessments,
    decisions, …), including many-to-many tables: what "all case records" means, whichever apps exist."""
    found: list[type[models.Model]] = [Child]
    all_models = django_apps.get_models(include_auto_created=True)
    grew = True
    while grew:
        grew = False
        for model in all_models:
            if model in found:
                continue
            targets = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
            if targets & set(found):
                found.append(model)
                grew = True
    return found


def _clear() -> None:
    # Signed records protect what they refer to (an assessment protects its author and the people it
    # assessed), so an ORM delete of the children is refused once the demo has been used. The whole
    # set of case records goes at once instead; foreign keys are checked at commit (load_demo is atomic).
    # The audit trail is kept: it names children by id, not by foreign key.
    for model in reversed(_case_record_models()):
        model._base_manager.all()._raw_delete(model._base_manager.db)  # type: ignore[attr-defined]
    # Accounts are never deleted (their audit events point at them): the demo's own are reset in
    # _staff, their roles made again; accounts an administrator created keep their roles.
    StaffProfile.objects.filter(user__username__in=[s.username for s in STAFF]).delete()
    Agency.objects.filter(involvements__isnull=True, workers__isnull=True).delete()
    Team.objects.filter(children__isnull=True, members__isnull=True).delete()


def _staff(teams: dict[str, Team], health: Agency) -> dict[str, object]:
    User = get_user_model()
    users: dict[str, object] = {}
    for s in STAFF:
        # No superuser: the administrator works through Homeward's own staff pages and policy.
        user = User.objects.filter(username=s.username).first() or User(username=s.username)
        user.first_name, user.last_name = s.first_name, s.last_name
        user.email = f"{s.username}@example.invalid"
        user.is_active, user.is_staff, user.is_superuser = True, False, False
        user.set_password(DEMO_PASSWORD)
        user.save()
        profile = StaffProfile.objects.create(
            user=user,
            role=s.role,
            team=teams["north"]
            if s.username in ("worker", "manager")
            else (teams["south"] if s.username == "worker2" else None),
            agency=health if s.role == Role.PARTNER else None,
            # The demo manager is named a nominated officer, to approve a return home (reg 39).
            nominated_officer=s.role == Role.TEAM_MANAGER,
            phone=f"01632 960{300 + len(users):03d}",
        )
        if s.role == Role.TEAM_MANAGER:
            profile.managed_teams.add(teams["north"])
        _demo_authenticator(user)
        users[s.username] = user
    return users


def _demo_authenticator(user: User) -> None:
    """The demo's published authenticator key for a login that needs two-factor sign-in, so the demo can
    be tried at once (README: Two-factor sign-in); the others have none, and set one up if asked to."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    if twofactor.required_for(user):
        TOTPDevice.objects.create(user=user, name=twofactor.APP_NAME, key=demo_key_hex(), confirmed=True)


class _ChildBuilder:
    """One child's synthetic history, drawn from its own random stream."""

    def __init__(self, rng: random.Random, index: int, today: date) -> None:
        self.rng = rng
        self.index = index
        self.today = today

    def episodes(self, child: Child, scenario: str) -> list[Episode]:
        rng, today = self.rng, self.today
        dob = child.date_of_birth
        cin = rng.choice(["N1"] * 6 + ["N4", "N5", "N3", "N2"])
        periods = {"ongoing": 1, "returned": 1, "re_entered": 2, "twice_returned": 3, "p1": 1}[scenario]
        earliest = max(dob + timedelta(days=30), today - timedelta(days=365 * 6))
        span = (today - earliest).days
        start = earliest + timedelta(days=rng.randint(0, max(1, span // 3)))
        eps: list[Episode] = []
        for p in range(periods):
            last_period = p == periods - 1
            open_ended = last_period and scenario in ("ongoing", "re_entered", "twice_returned", "p1")
            remaining = (today - start).days
            length = (
                remaining if open_ended else rng.randint(min(120, remaining // 2), max(121, remaining // 2))
            )
            end = start + timedelta(days=max(length, 30))
            if end > today:
                end = today
            ls = rng.choice(["V2", "V2", "C1"]) if p == 0 or rng.random() < 0.5 else "V2"
            place = rng.choice(FOSTER_PLACEMENTS if rng.random() < 0.85 else OTHER_PLACEMENTS)
            cursor, rne = start, "S"
            while True:
                step = rng.randint(90, 420)
                next_change = cursor + timedelta(days=step)
                closes_here = next_change >= end
                ep = Episode(
                    child=child,
                    decom=cursor,
                    rne=rne,
                    ls=ls,
                    cin=cin,
                    place=place,
                    place_provider="PR1" if place.startswith("U") else rng.choice(["PR4", "PR5", "PR1"]),
                    home_post="NS1",
                    pl_post=f"NS{rng.randint(2, 9)}",
                )
                if closes_here:
                    if not open_ended:
                        ep.dec = end
                        if scenario == "returned" or not last_period:
                            ep.rec = "E4A" if rng.random() < 0.7 else "E4B"
                        else:
                            ep.rec = "E4A"
                    eps.append(ep)
                    break
                ep.dec, ep.rec = next_change, "X1"
                eps.append(ep)
                # What changes next: placement, legal status, or both.
                change = rng.random()
                if ls == "C1" and change < 0.5:
                    ls, rne = "C2", "L"
                elif ls == "V2" and change < 0.25:
                    ls, rne = "C1", "T"
                    place = rng.choice(FOSTER_PLACEMENTS)
                else:
                    place, rne = rng.choice(FOSTER_PLACEMENTS + OTHER_PLACEMENTS), "P"
                    ep.reason_place_change = rng.choice(PLACE_CHANGE_REASONS)
                if scenario == "p1" and last_period and ls == "C2":
                    place, rne = "P1", "P"
                    ep.reason_place_change = "CARPL"
                cursor = next_change
            if last_period:
                break
            gap = rng.randint(45, 500)
            start = end + timedelta(days=gap)
            if start >= today - timedelta(days=30):
                start = today - timedelta(days=rng.randint(30, 60))
                if start <= end:
                    start = end + timedelta(days=1)
        for ep in eps:
            ep.full_clean()
        return eps


def _name(rng: random.Random, sex: str) -> str:
    return rng.choice(BOYS if sex == "1" else GIRLS)


@transaction.atomic
def load_demo(children: int = 60, seed: int = 1, today: date | None = None, import_903: bool = False) -> str:
    """Replace all case records and demo accounts with a synthetic demo; returns a short summary.

    With `import_903`, a synthetic six-year 903 history is also imported for the leaders' dashboard
    (the demo's own few dozen children are too few to show outcome figures without suppression).
    """
    if children < 1:
        raise ValueError("The demo needs at least one child.")
    today = today or timezone.localdate()
    _clear()
    teams = {
        # Phone numbers in Ofcom's range for drama (01632 960xxx), which no real line uses.
        "north": Team.objects.update_or_create(
            name="Northshire Children in Care (North)", defaults={"phone": "01632 960100"}
        )[0],
        "south": Team.objects.update_or_create(
            name="Northshire Children in Care (South)", defaults={"phone": "01632 960200"}
        )[0],
    }
    agencies = [Agency.objects.get_or_create(name=n, defaults={"agency_type": t})[0] for n, t in AGENCIES]
    health = agencies[0]
    users = _staff(teams, health)

    for i in range(children):
        rng = random.Random(seed * 1_000_003 + i)
        builder = _ChildBuilder(rng, i, today)
        showcase = i == 0
        # Two thirds of children belong to the North team (most allocated to `worker`), the rest to South.
        north = i % 3 != 2
        sex = rng.choice(["1", "2"])
        age_years = rng.randint(13, 15) if showcase else rng.randint(1, 16)
        dob = today - timedelta(days=age_years * 365 + rng.randint(30, 330))
        surname = rng.choice(SURNAMES)
        child = Child.objects.create(
            la_child_id=str(FIRST_CHILD_ID + i),
            first_name=_name(rng, sex),
            last_name=surname,
            date_of_birth=dob,
            sex=sex,
            ethnicity=rng.choice(ETHNICITIES),
            team=teams["north" if north else "south"],
            allocated_worker=users["worker" if north else "worker2"],  # type: ignore[misc]
            iro=users["iro"] if (showcase or rng.random() < 0.5) else None,  # type: ignore[misc]
        )
        roll = rng.random()
        if showcase:
            scenario = "re_entered"
        elif age_years >= 13 and roll < 0.1:
            scenario = "twice_returned"
        elif roll < 0.45:
            scenario = "ongoing"
        elif roll < 0.7:
            scenario = "re_entered"
        elif roll < 0.85:
            scenario = "returned"
        else:
            scenario = "p1"
        Episode.objects.bulk_create(builder.episodes(child, scenario))
        looked_after = scenario != "returned"
        if looked_after and (showcase or rng.random() < 0.35):
            child.return_home_considered_since = today - timedelta(days=rng.randint(14, 120))
            child.save(update_fields=["return_home_considered_since"])
        _family(rng, child, today, new_partner=showcase or rng.random() < 0.4)
        _agencies(rng, child, agencies, today, health_involved=showcase or rng.random() < 0.4)

    from homeward.demo.reunification import add_reunification_demo  # reunification work on top

    add_reunification_demo(today)
    refresh_care_summaries(Child.objects.all(), today)
    if import_903:
        from homeward.outcomes.demo import load_demo_903

        load_demo_903(seed=seed)
    n_worker = Child.objects.filter(allocated_worker=users["worker"]).count()  # type: ignore[misc]
    logins = ", ".join(s.username for s in STAFF)
    return (
        f"Demo loaded (seed {seed}): {children} synthetic children, {n_worker} allocated to 'worker'.\n"
        f"Logins: {logins}. Password for all: {DEMO_PASSWORD}\n{DEMO_TWO_FACTOR_HINT}"
    )


def _family(rng: random.Random, child: Child, today: date, *, new_partner: bool) -> None:
    mothers_home = Household.objects.create(child=child, name="Mother's home", is_proposed_return_home=True)
    mother = FamilyMember.objects.create(
        child=child,
        full_name=f"{rng.choice(WOMEN)} {child.last_name}",
        relationship="mother",
        parental_responsibility=True,
        date_of_birth=child.date_of_birth - timedelta(days=365 * rng.randint(18, 34)),
    )
    HouseholdMembership.objects.create(
        household=mothers_home,
        member=mother,
        started=child.date_of_birth - timedelta(days=rng.randint(100, 900)),
    )
    father = FamilyMember.objects.create(
        child=child,
        full_name=f"{rng.choice(MEN)} {rng.choice(SURNAMES)}",
        relationship="father",
        parental_responsibility=rng.random() < 0.6,
    )
    if rng.random() < 0.4:
        fathers_home = Household.objects.create(child=child, name="Father's home")
        HouseholdMembership.objects.create(
            household=fathers_home,
            member=father,
            started=child.date_of_birth + timedelta(days=rng.randint(0, 900)),
        )
    if new_partner:
        # The case-review finding Homeward exists for: a new partner moves in while the child is in care.
        partner = FamilyMember.objects.create(
            child=child,
            full_name=f"{rng.choice(MEN)} {rng.choice(SURNAMES)}",
            relationship="mothers_partner",
            parental_responsibility=False,
            notes="Moved in with the child's mother recently; not known to children's services before.",
        )
        HouseholdMembership.objects.create(
            household=mothers_home, member=partner, started=today - timedelta(days=rng.randint(20, 200))
        )
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        sib_sex = rng.choice(["1", "2"])
        sibling = FamilyMember.objects.create(
            child=child,
            full_name=f"{_name(rng, sib_sex)} {child.last_name}",
            relationship=rng.choice(["sibling", "half_sibling"]),
            date_of_birth=child.date_of_birth + timedelta(days=rng.randint(-2500, 2500)),
        )
        if rng.random() < 0.6:
            HouseholdMembership.objects.create(
                household=mothers_home,
                member=sibling,
                started=max(sibling.date_of_birth or today, child.date_of_birth),  # type: ignore[type-var]
            )
    if rng.random() < 0.3:
        FamilyMember.objects.create(
            child=child, full_name=f"{rng.choice(WOMEN)} {rng.choice(SURNAMES)}", relationship="grandparent"
        )


def _agencies(
    rng: random.Random, child: Child, agencies: list[Agency], today: date, *, health_involved: bool
) -> None:
    chosen = set(rng.sample(agencies[1:], rng.randint(0, 3)))
    if health_involved:
        chosen.add(agencies[0])
    for agency in sorted(chosen, key=lambda a: a.name):
        AgencyInvolvement.objects.create(
            child=child,
            agency=agency,
            contact_name=f"{rng.choice(WOMEN + MEN)} {rng.choice(SURNAMES)}",
            contact_details=f"0{rng.randint(1000, 1999)} {rng.randint(100000, 999999)}",
            started=today - timedelta(days=rng.randint(30, 900)),
        )
