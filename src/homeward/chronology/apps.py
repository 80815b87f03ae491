"""The child's chronology: their life and care read from the records Homeward holds, the significant
events a worker adds with their source, and what each event meant for the child."""

from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "homeward.chronology"
    label = "chronology"
    verbose_name = "Chronology"
