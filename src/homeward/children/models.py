"""The child's record: who the child is, their care episodes in 903 codes, family and household, agencies.

Codes are stored exactly as the SSDA903 return spells them and validated against the one list of
903 codes (`homeward.ssda903.codes`), so Homeward's own episodes export to the 903 unchanged.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible

from homeward.base.concurrency import EditVersioned
from homeward.organisation.models import Agency, Team
from homeward.ssda903 import codes, history


@deconstructible
class CodeValidator:
    """Checks a value against one 903 code list, naming what is allowed when it is not."""

    def __init__(self, column: str) -> None:
        self.column = column

    def __call__(self, value: str) -> None:
        if value and not codes.is_valid(self.column, value):
            allowed = ", ".join(codes.CODE_LISTS[self.column])
            raise ValidationError(f"{value} is not a 903 {self.column} code. Allowed: {allowed}.")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CodeValidator) and other.column == self.column

    def __hash__(self) -> int:
        return hash(self.column)


validate_ls = CodeValidator("LS")
validate_rne = CodeValidator("RNE")
validate_cin = CodeValidator("CIN")
validate_place = CodeValidator("PLACE")
validate_place_provider = CodeValidator("PLACE_PROVIDER")
validate_rec = CodeValidator("REC")
validate_ethnic = CodeValidator("ETHNIC")
validate_sex = CodeValidator("SEX")
validate_reason_place_change = CodeValidator("REASON_PLACE_CHANGE")


class Child(models.Model):
    la_child_id = models.CharField("903 child identifier", max_length=10, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, validators=[validate_sex])
    ethnicity = models.CharField(max_length=4, validators=[validate_ethnic])
    upn = models.CharField("unique pupil number", max_length=13, blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="children")
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="allocated_children",
    )
    iro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_children",
        verbose_name="independent reviewing officer",
    )
    return_home_considered_since = models.DateField(
        null=True, blank=True, help_text="When a return home began to be considered"
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "children"
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="child_name"),
            models.Index(fields=["date_of_birth"], name="child_date_of_birth"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, on: date) -> int:
        dob = self.date_of_birth
        return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))

    def details_903(self) -> history.ChildDetails:
        """The child as a 903 Header row (CHILD is the authority's 903 child id)."""
        return history.ChildDetails(
            self.la_child_id,
            sex=self.sex,
            dob=self.date_of_birth,
            ethnic=self.ethnicity or None,
            upn=self.upn or None,
        )


class CareSummary(models.Model):
    """What the caseload shows of a child's care history, kept in step with the episodes.

    The one care history (`homeward.ssda903.history`) is the definition; this row is its result, written
    by `children.services.refresh_care_summary` whenever a child's episodes change, so that a caseload
    of thousands of children is one indexed query rather than a care history built for each child."""

    child = models.OneToOneField(
        Child, on_delete=models.CASCADE, primary_key=True, related_name="care_summary"
    )
    legal_status = models.CharField(max_length=2, blank=True)  # blank: not looked after
    placement = models.CharField(max_length=2, blank=True)
    in_care_since = models.DateField(null=True, blank=True)
    failed_returns = models.PositiveSmallIntegerField(default=0)
    # The history was read as it stood on this day: a later-dated episode is read again when it comes.
    as_of = models.DateField()
    next_change_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["legal_status"], name="care_summary_legal_status"),
            models.Index(fields=["next_change_on"], name="care_summary_next_change"),
        ]

    def __str__(self) -> str:
        return f"Care summary of {self.child} on {self.as_of:%d/%m/%Y}"


class Episode(models.Model):
    """One 903 episode of care: it starts with a reason (RNE) and, when it ends, a reason it ceased (REC)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="episodes")
    decom = models.DateField("date episode started")
    rne = models.CharField("reason for new episode", max_length=1, validators=[validate_rne])
    ls = models.CharField("legal status", max_length=2, validators=[validate_ls])
    cin = models.CharField("category of need", max_length=2, validators=[validate_cin])
    place = models.CharField("placement type", max_length=2, validators=[validate_place])
    place_provider = models.CharField(
        "placement provider", max_length=3, blank=True, validators=[validate_place_provider]
    )
    dec = models.DateField("date episode ceased", null=True, blank=True)
    rec = models.CharField("reason episode ceased", max_length=3, blank=True, validators=[validate_rec])
    reason_place_change = models.CharField(
        "reason for placement change", max_length=6, blank=True, validators=[validate_reason_place_change]
    )
    home_post = models.CharField("home postcode (district)", max_length=8, blank=True)
    pl_post = models.CharField("placement postcode (district)", max_length=8, blank=True)
    urn = models.CharField("Ofsted unique reference number", max_length=10, blank=True)

    class Meta:
        ordering = ["child", "decom", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dec__isnull=True) | models.Q(dec__gte=models.F("decom")),
                name="episode_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decom:%d/%m/%Y} {self.rne} {self.ls} {self.place}"

    def as_903(self, child_id: str) -> history.Episode:
        """The episode, typed (blanks None), for `homeward.ssda903`."""
        return history.Episode(
            child=child_id,
            decom=self.decom,
            rne=self.rne,
            ls=self.ls,
            cin=self.cin,
            place=self.place,
            place_provider=self.place_provider or None,
            dec=self.dec,
            rec=self.rec or None,
            reason_place_change=self.reason_place_change or None,
            home_post=self.home_post or None,
            pl_post=self.pl_post or None,
            urn=self.urn or None,
        )

    # The codes in words, for pages and documents.
    @property
    def rne_words(self) -> str:
        return codes.REASON_NEW_EPISODE.get(self.rne, self.rne)

    def get_ls_words(self) -> str:
        return codes.LEGAL_STATUS.get(self.ls, self.ls)

    @property
    def cin_words(self) -> str:
        return codes.CATEGORY_OF_NEED.get(self.cin, self.cin)

    @property
    def place_words(self) -> str:
        return codes.PLACEMENT.get(self.place, self.place)

    @property
    def provider_words(self) -> str:
        return codes.PLACE_PROVIDER.get(self.place_provider, self.place_provider)

    @property
    def rec_words(self) -> str:
        return codes.REASON_EPISODE_CEASED.get(self.rec, self.rec)

    def clean(self) -> None:
        if self.dec and self.dec < self.decom:
            raise ValidationError({"dec": "The episode cannot end before it starts."})
        if bool(self.dec) != bool(self.rec):
            raise ValidationError("An episode that has ended needs both the date and the reason it ended.")


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    MOTHERS_PARTNER = "mothers_partner", "Mother's partner"
    FATHERS_PARTNER = "fathers_partner", "Father's partner"
    STEP_PARENT = "step_parent", "Step-parent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    STEP_SIBLING = "step_sibling", "Step-sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    OTHER_RELATIVE = "other_relative", "Other relative"
    FAMILY_FRIEND = "family_friend", "Family friend"
    LODGER = "lodger", "Lodger or other adult in the household"
    OTHER = "other", "Other"


class FamilyMember(EditVersioned):
    """A person in the child's family and household network."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family")
    full_name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    date_of_birth = models.DateField(null=True, blank=True)
    parental_responsibility = models.BooleanField("has parental responsibility", default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["child", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_relationship_display()})"


class Household(models.Model):
    """A home in the child's network, e.g. the mother's home the child might return to."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="households")
    name = models.CharField(max_length=120, help_text="For example: Mother's home")
    is_proposed_return_home = models.BooleanField("the home the child might return to", default=False)

    class Meta:
        ordering = ["child", "-is_proposed_return_home", "name"]

    def __str__(self) -> str:
        return self.name


class HouseholdMembership(models.Model):
    """That a person lived in a household from one date (to another): "a new partner moved in on 3 March"."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(FamilyMember, on_delete=models.CASCADE, related_name="memberships")
    started = models.DateField("moved in")
    ended = models.DateField("moved out", null=True, blank=True)

    class Meta:
        ordering = ["household", "started", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended__isnull=True) | models.Q(ended__gte=models.F("started")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name} in {self.household.name} from {self.started:%d/%m/%Y}"

    def is_current(self, on: date) -> bool:
        return self.started <= on and (self.ended is None or self.ended >= on)


class AgencyInvolvement(models.Model):
    """An agency involved with the child or family, with a named contact."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="agency_involvements")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="involvements")
    contact_name = models.CharField("named contact", max_length=200)
    contact_details = models.CharField("phone or email", max_length=200, blank=True)
    reason = models.CharField("why they are involved", max_length=300, blank=True)
    started = models.DateField()
    ended = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["child", "ended", "agency__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended__isnull=True) | models.Q(ended__gte=models.F("started")),
                name="involvement_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.name} ({self.contact_name})"

    def is_current(self, on: date) -> bool:
        return self.started <= on and (self.ended is None or self.ended >= on)
