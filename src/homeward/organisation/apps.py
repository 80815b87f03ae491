from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "homeward.organisation"
    label = "organisation"
    verbose_name = "Teams, agencies and staff"
