from django.urls import path

from homeward.assessments.views import assessment, evidence, goals, household, missing, risks, sections

app_name = "assessments"

R = "children/<int:child_id>/reunification/"

urlpatterns = [
    path(R, assessment.overview, name="overview"),
    path(R + "start/", assessment.start, name="start"),
    path(R + "household/<int:member_id>/", household.member, name="member"),
    path(R + "carers/<int:member_id>/", household.carer, name="carer"),
    path(R + "risk-and-protective-factors/", sections.risk, name="risk"),
    path(R + "needs/add/", sections.need_add, name="need_add"),
    path(R + "needs/<int:need_id>/remove/", sections.need_remove, name="need_remove"),
    path(R + "child/", sections.child_page, name="child"),
    path(R + "support/", sections.support, name="support"),
    path(R + "child-seen/add/", sections.child_seen_add, name="child_seen_add"),
    path(R + "missing/", missing.missing, name="missing"),
    path(R + "missing/add/", missing.missing_add, name="missing_add"),
    path(R + "agencies/add/", sections.agency_add, name="agency_add"),
    path(R + "sign/", assessment.sign, name="sign"),
    path(R + "new-version/", assessment.new_version, name="new_version"),
    path(R + "versions/", assessment.versions, name="versions"),
    path(R + "versions/<int:assessment_id>/", assessment.version, name="version"),
    path(R + "evidence/", evidence.evidence, name="evidence"),
    path(R + "evidence/add/", evidence.evidence_add, name="evidence_add"),
    path(R + "goals/", goals.goals, name="goals"),
    path(R + "goals/add/", goals.goal_add, name="goal_add"),
    path(R + "goals/<int:goal_id>/review/", goals.goal_review, name="goal_review"),
    path(R + "risk-classifications/", risks.risk_classifications, name="risk_classifications"),
    path(
        R + "risk-classifications/add/",
        risks.risk_classification_add,
        name="risk_classification_add",
    ),
]
