"""Manage staff pages (administrators only). Thin: access by decorator, rules in services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from homeward.access import twofactor
from homeward.access.decorators import requires
from homeward.access.policy import Capability
from homeward.base.forms import GovUKForm
from homeward.base.pages import Edit, Save, form_page, posted
from homeward.base.people import name_of
from homeward.organisation.models import Role, StaffProfile
from homeward.plans.forms import ConfirmForm
from homeward.staff import selectors, services
from homeward.staff.forms import (
    AddAccountForm,
    AgencyForm,
    ChangeAccountForm,
    PasswordForm,
    RoleFilterForm,
    TeamForm,
)
from homeward.staff.selectors import AccountRow

manage_users = requires(Capability.MANAGE_USERS)


def _form_page(
    request: HttpRequest,
    form: GovUKForm,
    save: Save,
    context: dict[str, Any],
    edit: Edit | None = None,
) -> HttpResponse:
    """A form in Manage staff: `save` returns (message, where to go next); Cancel goes back."""
    page = dict(context)
    return form_page(
        request,
        form,
        save,
        title=page.pop("title"),
        submit=page.pop("submit"),
        back=page.pop("back"),
        caption=page.pop("caption", "Manage staff"),
        cancel=True,
        edit=edit,
        context=page,
    )


def _row(user_id: int) -> AccountRow:
    row = selectors.account(user_id)
    if row is None:
        raise Http404("No such account")
    return row


@manage_users
def staff_list(request: HttpRequest) -> HttpResponse:
    filter_form = RoleFilterForm(request.GET or None)
    valid = filter_form.is_valid()
    role = filter_form.cleaned_data.get("role", "") if valid else ""
    search = filter_form.cleaned_data.get("q", "").strip() if valid else ""
    rows = selectors.account_rows(role or None, search)
    role_label = "No role" if role == "none" else (Role(role).label if role else "")
    return render(
        request,
        "staff/list.html",
        {
            "rows": rows,
            "filter_form": filter_form,
            "role": role,
            "role_label": role_label,
            "search": search,
            "filtered": bool(role or search),
        },
    )


@manage_users
def account_add(request: HttpRequest) -> HttpResponse:
    form = AddAccountForm(posted(request))

    def save(data: dict[str, Any]) -> tuple[str, str]:
        user = services.create_account(
            request,
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            password=data["password"],
            placement=services.Placement(
                role=data["role"],
                team=data.get("team"),
                managed_teams=data.get("managed_teams") or (),
                agency=data.get("agency"),
                nominated_officer=bool(data.get("nominated_officer")),
                data_protection_officer=bool(data.get("data_protection_officer")),
                phone=data.get("phone") or "",
            ),
        )
        return f"Account added for {name_of(user)} ({user.get_username()}).", reverse(
            "staff:account", args=[user.pk]
        )

    return _form_page(
        request,
        form,
        save,
        {"title": "Add a staff account", "submit": "Add account", "back": reverse("staff:list")},
    )


@manage_users
def account(request: HttpRequest, account_id: int) -> HttpResponse:
    row = _row(account_id)
    return render(
        request,
        "staff/account.html",
        {
            "row": row,
            "account": row.user,
            "profile": row.profile,
            "is_self": row.user.pk == request.user.pk,
            "two_factor": twofactor.describe(row.user),
            "two_factor_set_up": twofactor.is_set_up(row.user),
            "two_factor_required": twofactor.required_for(row.user),
        },
    )


@manage_users
def account_change(request: HttpRequest, account_id: int) -> HttpResponse:
    row = _row(account_id)
    user = row.user
    edit = Edit(current=lambda: selectors.saved_profile(user), values=_account_values)
    form = ChangeAccountForm(
        posted(request), initial=edit.initial({"is_active": "yes" if user.is_active else "no"})
    )

    def save(data: dict[str, Any]) -> tuple[str, str]:
        services.change_account(
            request,
            user,
            placement=services.Placement(
                role=data["role"],
                team=data.get("team"),
                managed_teams=data.get("managed_teams") or (),
                agency=data.get("agency"),
                nominated_officer=bool(data.get("nominated_officer")),
                data_protection_officer=bool(data.get("data_protection_officer")),
                phone=data.get("phone") or "",
            ),
            is_active=data["is_active"],
            edit_version=data["edit_version"],
        )
        return f"Account of {name_of(user)} changed.", reverse("staff:account", args=[user.pk])

    return _form_page(
        request,
        form,
        save,
        {
            "title": f"Change {name_of(user)}'s account",
            "caption": user.get_username(),
            "submit": "Save changes",
            "back": reverse("staff:account", args=[user.pk]),
        },
        edit=edit,
    )


def _account_values(profile: StaffProfile) -> dict[str, Any]:
    return {
        "is_active": "yes" if profile.user.is_active else "no",
        "role": profile.role,
        "team": profile.team_id,
        "managed_teams": [t.pk for t in profile.managed_teams.all()],
        "agency": profile.agency_id,
        "nominated_officer": profile.nominated_officer,
        "data_protection_officer": profile.data_protection_officer,
        "phone": profile.phone,
    }


@manage_users
def account_password(request: HttpRequest, account_id: int) -> HttpResponse:
    user = _row(account_id).user
    form = PasswordForm(posted(request))

    def save(data: dict[str, Any]) -> tuple[str, str]:
        services.reset_password(request, user, data["password"])
        return (
            f"Password of {name_of(user)} reset. Give them the new password in person or by phone.",
            reverse("staff:account", args=[user.pk]),
        )

    return _form_page(
        request,
        form,
        save,
        {
            "title": f"Reset {name_of(user)}'s password",
            "caption": user.get_username(),
            "submit": "Reset password",
            "back": reverse("staff:account", args=[user.pk]),
        },
    )


@manage_users
def account_unlock(request: HttpRequest, account_id: int) -> HttpResponse:
    row = _row(account_id)
    if request.method == "POST":
        services.unlock(request, row.user)
        messages.success(request, f"{name_of(row.user)} can sign in again.")
        return redirect("staff:account", account_id=row.user.pk)
    return render(request, "staff/unlock.html", {"row": row, "account": row.user})


@manage_users
def teams(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/teams.html", {"teams": selectors.teams()})


@manage_users
def team_add(request: HttpRequest) -> HttpResponse:
    form = TeamForm(posted(request))

    def save(data: dict[str, Any]) -> tuple[str, str]:
        team = services.add_team(request, name=data["name"], phone=data.get("phone") or "")
        return f"Team {team.name} added.", reverse("staff:teams")

    return _form_page(
        request, form, save, {"title": "Add a team", "submit": "Add team", "back": reverse("staff:teams")}
    )


@manage_users
def agencies(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "staff/agencies.html",
        {"agencies": selectors.agencies()},
    )


@manage_users
def agency_add(request: HttpRequest) -> HttpResponse:
    form = AgencyForm(posted(request))

    def save(data: dict[str, Any]) -> tuple[str, str]:
        agency = services.add_agency(request, name=data["name"], agency_type=data["agency_type"])
        return f"Agency {agency.name} added.", reverse("staff:agencies")

    return _form_page(
        request,
        form,
        save,
        {"title": "Add a partner agency", "submit": "Add agency", "back": reverse("staff:agencies")},
    )


@manage_users
def two_factor_reset(request: HttpRequest, account_id: int) -> HttpResponse:
    """Take away someone's authenticator app and recovery codes (a lost phone); audited."""
    user = _row(account_id).user

    def save(data: dict[str, Any]) -> tuple[str, str]:
        twofactor.reset(request, user)
        return (
            f"Two-factor sign-in of {name_of(user)} reset: they set up a new app when they next sign in.",
            reverse("staff:account", args=[user.pk]),
        )

    return _form_page(
        request,
        ConfirmForm(posted(request)),
        save,
        {
            "title": f"Reset {name_of(user)}'s two-factor sign-in",
            "caption": user.get_username(),
            "submit": "Reset two-factor sign-in",
            "back": reverse("staff:account", args=[user.pk]),
            "intro": (
                "Their authenticator app and recovery codes stop working at once, and any session "
                f"they signed in with them must sign in again. Now: {twofactor.describe(user)}. "
                "Check it is them asking (in person or by phone) before you reset it."
            ),
        },
    )


own_sign_in = requires(Capability.OWN_SIGN_IN)


@own_sign_in
def own_two_factor(request: HttpRequest) -> HttpResponse:
    """Your two-factor sign-in: whether it is set up, and how many recovery codes are left."""
    user = request.user
    assert isinstance(user, User)
    return render(
        request,
        "staff/two_factor.html",
        {
            "set_up": twofactor.is_set_up(user),
            "required": twofactor.required_for(user),
            "left": twofactor.recovery_codes_left(user),
        },
    )


@own_sign_in
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Make new recovery codes (the old ones stop working); they are shown once, on the next page."""
    user = request.user
    assert isinstance(user, User)
    if not twofactor.is_set_up(user):
        raise Http404("Two-factor sign-in is not set up")

    def save(data: dict[str, Any]) -> tuple[str, str]:
        twofactor.keep_new_codes(request, twofactor.regenerate_recovery_codes(request))
        back = reverse("staff:two_factor")
        return "New recovery codes made: the old ones no longer work.", (
            f"{reverse('recovery_codes_new')}?{urlencode({'next': back})}"
        )

    return form_page(
        request,
        ConfirmForm(posted(request)),
        save,
        title="Make new recovery codes",
        caption="Two-factor sign-in",
        submit="Make new recovery codes",
        back=reverse("staff:two_factor"),
        cancel=True,
        intro=(
            f"You have {twofactor.recovery_codes_left(user)} unused recovery codes. New ones replace them: "
            "the old ones stop working. The new codes are shown once."
        ),
    )
