from django.conf import settings
from django.urls import path
from rest_framework_simplejwt.views import TokenObtainPairView

from . import views

# PROFILE=tuned: the TechEmpower routes from tuned_views (same statements, cheaper Python).
te = views
if settings.TUNED:
    from . import tuned_views as te

urlpatterns = [
    # TechEmpower-compatible routes (CONTRACT.md §4)
    path("json", te.json),
    path("plaintext", views.plaintext),
    path("db", te.db),
    path("queries", te.queries),
    path("fortunes", te.fortunes),
    path("updates", te.updates),
    path("cached-queries", te.cached_queries),
    # REST resource and authentication (§5, §6)
    path("api/auth/token", TokenObtainPairView.as_view()),
    path("api/me", views.Me.as_view()),
    path("api/articles", views.ArticleList.as_view()),
    # <str:pk>, not <int:pk>: the view authenticates first, so a write without a
    # token is 401 whatever the id, and a non-integer id is then a 404.
    path("api/articles/<str:pk>", views.ArticleDetail.as_view()),
    # Health and metadata (§9)
    path("health", views.health),
]

# Errors outside DRF views (unknown routes, a bad Host header, crashes) answer in the
# API's JSON error format too (CONTRACT.md §7).
handler400 = "bench.exceptions.bad_request"
handler403 = "bench.exceptions.permission_denied"
handler404 = "bench.exceptions.page_not_found"
handler500 = "bench.exceptions.server_error"
