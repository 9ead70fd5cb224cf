from django.urls import URLPattern, URLResolver, path

from vestnik.moderation.views import account, console, reports, settings, users

app_name = "moderation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", console.home, name="home"),
    path("queue/<slug:queue>/", console.queue, name="queue"),
    path("comments/<int:comment_id>/", console.comment_detail, name="comment"),
    path("comments/<int:comment_id>/approve/", console.approve, name="approve"),
    path("comments/<int:comment_id>/reject/", console.reject, name="reject"),
    path("comments/<int:comment_id>/edit/", console.edit, name="edit"),
    path("comments/<int:comment_id>/feature/", console.feature, name="feature"),
    path("bulk/", console.bulk, name="bulk"),
    path("users/<int:user_id>/", users.user_detail, name="user"),
    path("users/<int:user_id>/block/", users.block, name="block"),
    path("users/<int:user_id>/unblock/", users.unblock, name="unblock"),
    path("users/<int:user_id>/delete/", users.delete_account, name="delete-account"),
    path(
        "users/<int:user_id>/premoderation/lift/",
        users.lift_premoderation,
        name="lift-premoderation",
    ),
    path("appeals/", users.appeals, name="appeals"),
    path("appeals/<int:appeal_id>/", users.appeal_detail, name="appeal"),
    path("appeals/<int:appeal_id>/accept/", users.appeal_accept, name="appeal-accept"),
    path("appeals/<int:appeal_id>/refuse/", users.appeal_refuse, name="appeal-refuse"),
    path("audit/", reports.audit, name="audit"),
    path("transparency/", reports.transparency_full, name="transparency"),
    path(
        "transparency/public/", reports.transparency_public, name="transparency-public"
    ),
    path("settings/", settings.rulebook_settings, name="settings"),
    path(
        "settings/remoderation/",
        settings.remoderation_progress,
        name="remoderation",
    ),
    # The signed-in user's own page: block status, unlock request, notices.
    path("account/", account.account, name="account"),
]
