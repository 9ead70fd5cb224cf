from django.urls import URLPattern, URLResolver, path

from vestnik.accounts import views

app_name = "accounts"
urlpatterns: list[URLPattern | URLResolver] = [
    path("altcha/challenge", views.altcha_challenge, name="altcha_challenge"),
    path("profile/", views.profile, name="profile"),
    path("profile/avatar/", views.avatar, name="avatar"),
    path("avatar/<int:user_id>.svg", views.default_avatar, name="default_avatar"),
    path("delete/", views.delete, name="delete"),
    path("delete/relogin/", views.relogin, name="relogin"),
    path("deleted/", views.deleted, name="deleted"),
    path("restore/<str:token>/", views.restore, name="restore"),
    path("export/", views.export, name="export"),
    path("policy/", views.accept_policy, name="accept_policy"),
]
