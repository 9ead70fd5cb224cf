from django.urls import path

from vestnik.community import views
from vestnik.community.feeds import ArticleCommentsFeed

app_name = "community"
urlpatterns = [
    path("article/<int:article_id>/", views.thread, name="thread"),
    path("article/<int:article_id>/post/", views.post, name="post"),
    path("article/<int:article_id>/feed/", ArticleCommentsFeed(), name="feed"),
    path("<int:comment_id>/", views.permalink, name="permalink"),
    path("<int:comment_id>/reply/", views.reply_form, name="reply"),
    path("<int:comment_id>/edit/", views.edit, name="edit"),
    path("<int:comment_id>/delete/", views.delete, name="delete"),
    path("<int:comment_id>/react/", views.react, name="react"),
    path("<int:comment_id>/report/", views.report, name="report"),
    path("<int:comment_id>/feature/", views.feature, name="feature"),
]
