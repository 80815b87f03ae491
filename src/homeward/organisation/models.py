"""Who works where: the roles people have in Homeward, the teams, the partner agencies, and each
member of staff's profile (role, team, the teams they manage, their agency).

The floor under `access` (which decides, from these, who may see which record) and every practice app."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from homeward.base.concurrency import EditVersioned


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    IRO = "iro", "Independent reviewing officer (IRO)"
    PARTNER = "partner", "Partner agency worker"
    ANALYST = "analyst", "Performance analyst"
    ADMINISTRATOR = "administrator", "Administrator"
    DATA_OFFICER = "data_officer", "Data officer"


class AgencyType(models.TextChoices):
    ADULT_MENTAL_HEALTH = "adult_mental_health", "Adult mental health services"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse service"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    HEALTH = "health", "Health visitor, GP or health"
    SCHOOL = "school", "School or education"
    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse service"
    YOUTH_OFFENDING = "youth_offending", "Youth offending service"
    OTHER = "other", "Other"


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    # Printed on the documents a family keeps (the written agreement), so they know whom to ring. A
    # database default too: rows written by code that predates the column (older migrations) still save.
    phone = models.CharField("Team's phone number", max_length=30, blank=True, default="", db_default="")

    class Meta:
        ordering = ["name"]
        db_table = "access_team"  # made by the access app, where these lived first

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """A partner organisation (e.g. an NHS trust); its workers see only children it is involved with."""

    name = models.CharField(max_length=200, unique=True)
    agency_type = models.CharField(max_length=40, choices=AgencyType.choices)
    # Who the agency is told through when a child it works with moves (an email, never the case file).
    contact_name = models.CharField("Named contact", max_length=200, blank=True)
    contact_email = models.EmailField("Named contact's email address", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        db_table = "access_agency"

    def __str__(self) -> str:
        return self.name


class StaffProfile(EditVersioned):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=20, choices=Role.choices)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    managed_teams = models.ManyToManyField(Team, blank=True, related_name="managers")
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="workers"
    )
    # A manager the administrator has named to approve ceasing to look after a child who has been looked
    # after for 20 working days or more (Care Planning, Placement and Case Review Regulations 2010, reg 39).
    nominated_officer = models.BooleanField("Nominated officer", default=False)
    # Answers subject access requests and reads the retention report: sees everything Homeward holds
    # about one person, whoever's caseload they are on (UK GDPR art. 15). Granted by an administrator.
    data_protection_officer = models.BooleanField("Data protection officer", default=False, db_default=False)
    phone = models.CharField("Work phone number", max_length=30, blank=True, default="", db_default="")

    class Meta:
        db_table = "access_staffprofile"

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"
