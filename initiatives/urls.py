from django.urls import path

from initiatives import history_views, lists_views, views

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("ny/", views.initiative_new, name="new"),
    path("mal/", views.association_goals, name="goals"),
    path("mal/nytt/", views.association_goal_add, name="association_goal_add"),
    path("mal/<int:goal>/andra/", views.goal_edit, name="goal_edit"),
    path("mal/<int:goal>/utfall/", views.outcome_add, name="outcome_add"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/andra/", views.initiative_edit, name="edit"),
    path("<int:pk>/status/", views.initiative_status, name="status"),
    path("<int:pk>/historik/", history_views.initiative_history, name="history"),
    path("<int:pk>/beslut/", views.decision_add, name="decision_add"),
    path("<int:pk>/mal/", views.goal_add, name="goal_add"),
    path("<int:pk>/uppfoljning/", views.follow_up_add, name="follow_up_add"),
    path("<int:pk>/intresseanmalningar/", views.referrals_edit, name="referrals"),
    path("uppfoljning/<int:pk>/antal/", views.head_count_add, name="head_count"),
    path("uppfoljning/<int:pk>/avslut/", views.exits_edit, name="exits"),
    path("uppfoljning/<int:pk>/lage/", views.standings_edit, name="standings"),
]

# Part "groups" of issue 16: the association's own lists, edited in the application.
urlpatterns += [
    path("avslutsanledningar/", lists_views.exit_reasons, name="exit_reasons"),
    path("avslutsanledningar/ny/", lists_views.exit_reason_edit, name="exit_reason_new"),
    path(
        "avslutsanledningar/<int:pk>/andra/", lists_views.exit_reason_edit, name="exit_reason_edit"
    ),
    path(
        "avslutsanledningar/<int:pk>/ta-bort/",
        lists_views.exit_reason_remove,
        name="exit_reason_remove",
    ),
    path("malgrupper/", lists_views.priority_groups, name="priority_groups"),
    path("malgrupper/ny/", lists_views.priority_group_edit, name="priority_group_new"),
    path("malgrupper/<int:pk>/andra/", lists_views.priority_group_edit, name="priority_group_edit"),
    path(
        "malgrupper/<int:pk>/ta-bort/",
        lists_views.priority_group_remove,
        name="priority_group_remove",
    ),
]
