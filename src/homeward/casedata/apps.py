from django.apps import AppConfig


class CaseDataConfig(AppConfig):
    name = "homeward.casedata"
    label = "casedata"
    verbose_name = "Case data from the authority's case system"
