"""Sign-in lock-out (django-axes): failures are counted per account across addresses, and per address
across accounts, so neither guessing one password from many addresses nor one guess at each of many
accounts from one address gets far.

An address is shared (a council office signs in through one gateway), so it has its own, higher limit
(`AXES_ADDRESS_FAILURE_LIMIT`); an account locks at `AXES_FAILURE_LIMIT`. A successful sign-in forgives
only that person's own mistakes from that address: Django-axes would clear every failure from the
address, so one colleague signing in would wipe the count of an attack on another account.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, Sum
from django.http import HttpRequest
from django.utils import timezone


def _sum(attempts: Any) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


# Set on the request by the sign-in page when a second step is to follow: the password alone does not
# forgive failed tries (wrong codes among them), or signing in again and again would clear them.
SECOND_STEP_TO_FOLLOW = "homeward_second_step_to_follow"


def _forgive(request: HttpRequest, username: str) -> int:
    """Clear this person's own failures from this address (not others' from it, nor theirs elsewhere)."""
    ip_address = getattr(request, "axes_ip_address", None)
    count, _ = AccessAttempt.objects.filter(username=username, ip_address=ip_address).delete()
    return int(count)


class SignInLockout(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The failures that count against this sign-in, on the scale of AXES_FAILURE_LIMIT: an address
        reaches that limit when it reaches its own, AXES_ADDRESS_FAILURE_LIMIT."""
        # AXES_LOCKOUT_PARAMETERS is ["username", "ip_address"]: one set of attempts for each, in order.
        by_account, by_address = self.get_user_attempts(request, credentials)
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.AXES_ADDRESS_FAILURE_LIMIT
        return max(_sum(by_account), _sum(by_address) * limit // address_limit)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        username = get_client_username(request, credentials)
        if not username or getattr(request, SECOND_STEP_TO_FOLLOW, False):
            return 0
        return _forgive(request, username)


def forgive_second_factor(request: HttpRequest) -> int:
    """The second step of a sign-in is done: forgive the person's failed tries from this address, as a
    password sign-in without a second step does."""
    AxesProxyHandler.update_request(request)
    return _forgive(request, request.user.get_username())


def _recent() -> Any:
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts


def _locked_addresses() -> set[str]:
    rows = (
        _recent()
        .exclude(ip_address=None)
        .values("ip_address")
        .annotate(total=Sum("failures_since_start"))
        .filter(total__gte=settings.AXES_ADDRESS_FAILURE_LIMIT)
    )
    return {row["ip_address"] for row in rows}


def locked_out_usernames(usernames: Iterable[str] | None = None) -> set[str]:
    """User names locked out now: by their own account's failures, or because the address they last
    tried from is locked (they are refused there, whatever their password)."""
    attempts = _recent().exclude(username=None)
    if usernames is not None:
        attempts = attempts.filter(username__in=list(usernames))
    by_account = (
        attempts.values("username")
        .annotate(total=Sum("failures_since_start"))
        .filter(total__gte=settings.AXES_FAILURE_LIMIT)
    )
    locked = {row["username"] for row in by_account}
    addresses = _locked_addresses()
    if addresses:
        locked |= set(attempts.filter(ip_address__in=addresses).values_list("username", flat=True))
    return {u for u in locked if u}


def unlock(username: str) -> int:
    """Clear the failures that lock this person out: their account's, from every address, and those of
    each address they tried from that is locked. Returns how many records were cleared."""
    tried_from = set(_recent().filter(username=username).values_list("ip_address", flat=True))
    locked_addresses = _locked_addresses() & {a for a in tried_from if a}
    count, _ = AccessAttempt.objects.filter(
        Q(username=username) | Q(ip_address__in=locked_addresses)
    ).delete()
    return int(count)


def clear_account(username: str) -> int:
    """Clear the account's own failed sign-ins (from every address), not those of any address."""
    count, _ = AccessAttempt.objects.filter(username=username).delete()
    return int(count)
