from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from homeward.access import twofactor
from homeward.access.policy import Capability, has_capability, role_of
from homeward.organisation.models import Role


def access(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    role = role_of(user)
    # Between the password and the second step of signing in, no page but that step opens: no menu.
    if twofactor.pending(request):
        return {
            "service_name": settings.SERVICE_NAME,
            "service_phase": settings.SERVICE_PHASE,
            "user_role": role,
            "user_role_label": Role(role).label if role else "",
            "nav": {},
        }
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "user_role": role,
        "user_role_label": Role(role).label if role else "",
        "nav": {
            "caseload": has_capability(user, Capability.CASELOAD),
            "outcomes": has_capability(user, Capability.OUTCOMES),
            "case_data": has_capability(user, Capability.SYNC_CASE_DATA),
            "missing_from_extract": has_capability(user, Capability.MISSING_FROM_EXTRACT),
            "manage_users": has_capability(user, Capability.MANAGE_USERS),
            "subject_access": has_capability(user, Capability.SUBJECT_ACCESS),
            "rulebook": has_capability(user, Capability.RULEBOOK),
            "api_tokens": has_capability(user, Capability.API_TOKENS),
            "own_sign_in": has_capability(user, Capability.OWN_SIGN_IN),
        },
    }
