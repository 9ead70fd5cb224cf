from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, path, re_path

from vestnik.news import feeds, views
from vestnik.news.sitemaps import SITEMAPS

app_name = "news"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("live/", views.live, name="live"),
    path("news/<slug:slug>/", views.article, name="article"),
    # Any non-empty code reaches the view, so a malformed one is a clean 404.
    re_path(r"^s/(?P<code>[^/]{1,64})/?$", views.short_url, name="short"),
    re_path(
        r"^s/(?P<code>[^/]{1,64})/share/(?P<network>[a-z]{1,20})/$",
        views.share,
        name="share",
    ),
    path("section/<slug:slug>/", views.section, name="section"),
    path("section/<slug:slug>/rss/", feeds.SectionRssFeed(), name="section_rss"),
    path("section/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section_atom"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("tag/<slug:slug>/rss/", feeds.TagRssFeed(), name="tag_rss"),
    path("tag/<slug:slug>/atom/", feeds.TagAtomFeed(), name="tag_atom"),
    path("search/", views.search, name="search"),
    path("multimedia/", views.multimedia, name="multimedia"),
    path("multimedia/<slug:slug>/", views.gallery, name="gallery"),
    path("feeds/rss/", feeds.SiteRssFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.SiteAtomFeed(), name="feed_atom"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/<str:version>/", views.privacy_version, name="privacy_version"),
    path("community-standards/", views.community_standards, name="community_standards"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
