"""Where the child lives: moves as 903 facts, the reg 39 checklist, the nominated officer's approval."""

from django.apps import AppConfig


class MovesConfig(AppConfig):
    name = "homeward.moves"
    label = "moves"
    verbose_name = "Moves"

    def ready(self) -> None:
        from homeward.children import panels
        from homeward.moves.panels import moves_panel

        panels.register(moves_panel, order=5)
