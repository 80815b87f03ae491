from django.urls import path

from homeward.assessments import views

app_name = "assessments"

R = "children/<int:child_id>/reunification/"

urlpatterns = [
    path(R, views.overview, name="overview"),
    path(R + "start/", views.start, name="start"),
    path(R + "household/<int:member_id>/", views.member, name="member"),
    path(R + "carers/<int:member_id>/", views.carer, name="carer"),
    path(R + "risk-and-protective-factors/", views.risk, name="risk"),
    path(R + "needs/add/", views.need_add, name="need_add"),
    path(R + "needs/<int:need_id>/remove/", views.need_remove, name="need_remove"),
    path(R + "child/", views.child_page, name="child"),
    path(R + "support/", views.support, name="support"),
    path(R + "agencies/add/", views.agency_add, name="agency_add"),
    path(R + "sign/", views.sign, name="sign"),
    path(R + "new-version/", views.new_version, name="new_version"),
    path(R + "versions/", views.versions, name="versions"),
    path(R + "versions/<int:assessment_id>/", views.version, name="version"),
    path(R + "evidence/", views.evidence, name="evidence"),
    path(R + "evidence/add/", views.evidence_add, name="evidence_add"),
    path(R + "goals/", views.goals, name="goals"),
    path(R + "goals/add/", views.goal_add, name="goal_add"),
    path(R + "goals/<int:goal_id>/review/", views.goal_review, name="goal_review"),
    path(R + "risk-classifications/", views.risk_classifications, name="risk_classifications"),
    path(R + "risk-classifications/add/", views.risk_classification_add, name="risk_classification_add"),
]
