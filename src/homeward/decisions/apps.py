"""Decisions at the gates D1–D3: proposal with an answer to every finding, manager sign-off, IRO challenge."""

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "homeward.decisions"
    label = "decisions"
    verbose_name = "Reunification decisions"

    def ready(self) -> None:
        from homeward.children import flags, panels
        from homeward.decisions import stages
        from homeward.decisions.panels import open_challenge_flags, reunification_panel

        stages.register()
        panels.register(reunification_panel, order=10)
        flags.register(open_challenge_flags, order=10)
