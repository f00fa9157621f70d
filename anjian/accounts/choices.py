from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    COMMITTEE = "committee", _("Work-safety committee office")
    BUREAU = "bureau", _("Bureau")
    DEPARTMENT = "department", _("Department")
    SUBDISTRICT_OFFICE = "subdistrict_office", _("Sub-district office")
    VILLAGE_COMMITTEE = "village_committee", _("Village committee")
    SERVICE_AGENCY = "service_agency", _("Service agency")
    GOVERNMENT = "government", _("Government")
    DISCIPLINE_BODY = "discipline_body", _("Discipline inspection body")


class UserStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
