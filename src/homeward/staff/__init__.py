"""Managing staff accounts: roles, teams and partner agencies (administrators only)."""
