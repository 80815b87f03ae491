"""Who may open the site-wide pages (format: tests/access/test_policy_matrix.py)."""

from __future__ import annotations

EVERYONE_200 = {login: 200 for login in ("worker", "worker2", "manager", "iro", "health", "analyst", "admin")}

EXPECTATIONS: dict[str, dict[str, int | tuple[int, int]]] = {
    # The start page sends each person to where their work starts: the caseload, the outcome figures,
    # or user management.
    "home": {login: 302 for login in EVERYONE_200},
    "login": {"anonymous": 200, **EVERYONE_200},
    # Signing out is a POST (a GET could be forged by a link); GET is refused.
    "logout": {login: 405 for login in EVERYONE_200},
    "accessibility": {"anonymous": 200, **EVERYONE_200},
    # The rules page and the authority's reunification protocol (page and PDF): every member of the
    # authority's staff; a partner agency sees what is shared with it, not the rulebook.
    "rules": {**EVERYONE_200, "health": 403},
    "protocol": {**EVERYONE_200, "health": 403},
    "protocol_pdf": {**EVERYONE_200, "health": 403},
    # Resetting a forgotten password by email: for anyone (someone signed in may ask too). The matrix
    # opens the link page with a link that does not work, which is a page, not a refusal.
    "password_reset": {"anonymous": 200, **EVERYONE_200},
    "password_reset_done": {"anonymous": 200, **EVERYONE_200},
    "password_reset_confirm": {"anonymous": 200, **EVERYONE_200},
    "password_reset_complete": {"anonymous": 200, **EVERYONE_200},
    # The second step of signing in: once it is done (or for a role that does not need it) each page
    # sends the person on; the recovery codes just made are shown once, to the person signed in
    # (tests/site/test_two_factor.py goes through the steps, and shows no other page opens before them).
    "two_factor": {login: 302 for login in EVERYONE_200},
    "two_factor_recovery": {login: 302 for login in EVERYONE_200},
    "two_factor_set_up": {login: 302 for login in EVERYONE_200},
    "recovery_codes_new": {**EVERYONE_200},
}

URL_KWARGS = {
    "uidb64": lambda child: "MQ",
    "token": lambda child: "not-a-real-token",
}
