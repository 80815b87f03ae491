from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "homeward.staff"
    label = "staff"
