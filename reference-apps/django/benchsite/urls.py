from django.urls import include, path

urlpatterns = [
    path("", include("bench.urls")),
]

# Errors outside DRF views (unknown routes, a bad Host header, crashes) answer in the
# API's JSON error format too (CONTRACT.md §7).
handler400 = "bench.exceptions.bad_request"
handler403 = "bench.exceptions.permission_denied"
handler404 = "bench.exceptions.page_not_found"
handler500 = "bench.exceptions.server_error"
