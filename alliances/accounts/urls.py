"""Partner accounts under /partner/ (mounted by zuidwest/partner_urls.py), in Dutch URLs."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.PartnerLoginView.as_view(), name="login"),
    path("uitloggen/", views.PartnerLogoutView.as_view(), name="logout"),
    path("wachtwoord/wijzigen/", views.PasswordChangeView.as_view(), name="password_change"),
    path("wachtwoord/gewijzigd/", views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("wachtwoord/vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path("wachtwoord/vergeten/verstuurd/", views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("wachtwoord/nieuw/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("wachtwoord/ingesteld/", views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("uitnodiging/<str:token>/", views.AcceptInvitationView.as_view(),
         name="invitation_accept"),
    path("organisaties/<slug:slug>/uitnodigen/", views.InviteView.as_view(), name="invite"),
    path("organisaties/<slug:slug>/uitnodigingen/<int:pk>/intrekken/",
         views.WithdrawInvitationView.as_view(), name="invitation_withdraw"),
]
