"""Subject access and retention: everything Homeward holds about one person, and what is past keeping."""

from django.apps import AppConfig


class SubjectAccessConfig(AppConfig):
    name = "homeward.subjectaccess"
    label = "subjectaccess"
    verbose_name = "Subject access"
