"""The public page a space's QR label opens: ``/s/<label_token>/``, no sign-in."""

from django.urls import path

from anjian.spaces import views

app_name = "spaces_public"

urlpatterns = [path("<str:token>/", views.PublicSpaceView.as_view(), name="space")]
