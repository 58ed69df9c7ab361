"""Signing in and out, the django-axes lockout, and changing or resetting a password.

Sign-ins go through the real login view with the test client (never ``client.login``),
because django-axes only counts attempts that come with a request.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import CreateModel
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from alliancehub import config
from alliancehub.accounts.models import User
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"  # the factory's password
NEW_PASSWORD = "a quite different passphrase 42"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Each sign-in attempt hashes a password; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


# The user model ---------------------------------------------------------------------------


def test_user_model_is_the_custom_accounts_user(settings):
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert get_user_model() is User
    assert User._meta.db_table == "accounts_user"


@pytest.mark.django_db
def test_custom_user_is_created_by_the_first_accounts_migration():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    first = loader.get_migration("accounts", "0001_initial")

    creates = [op.name for op in first.operations if isinstance(op, CreateModel)]

    assert first.initial
    assert creates == ["User"]
    assert loader.graph.root_nodes("accounts") == [("accounts", "0001_initial")]


# Sign in ----------------------------------------------------------------------------------


def test_sign_in_page_shows_the_form(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content
    assert b'autocomplete="current-password"' in response.content


def test_sign_in_with_right_password_signs_in_and_goes_home(client, user):
    response = sign_in(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert signed_in_user_id(client) == str(user.pk)


def test_sign_in_follows_next_to_a_page_of_the_site(client, user):
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD, "next": "/organizations/"},
    )

    assert response.status_code == 302
    assert response.url == "/organizations/"


def test_sign_in_ignores_next_pointing_at_another_host(client, user):
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_signed_in_page_shows_the_username_and_sign_out_button(client, user):
    sign_in(client, user.username, PASSWORD)

    response = client.get(reverse("home"))

    assert user.username in response.content.decode()
    assert f'action="{reverse("logout")}"' in response.content.decode()


def test_sign_in_with_wrong_password_shows_error_and_does_not_sign_in(client, user):
    with translation.override("zh-hans"):
        message = AuthenticationForm.error_messages["invalid_login"] % {
            "username": User._meta.get_field("username").verbose_name
        }

    response = sign_in(client, user.username, "wrong password")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="alert alert-danger" role="alert">' in html
    assert escape(message) in html
    assert signed_in_user_id(client) is None


def test_sign_in_error_is_in_the_requested_language(client, user):
    response = sign_in(client, user.username, "wrong password", HTTP_ACCEPT_LANGUAGE="en")

    assert "Please enter a correct username and password." in response.content.decode()


def test_failures_up_to_the_limit_keep_showing_the_form(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, user.username, "wrong password")
        assert response.status_code == 200

    response = sign_in(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)


def test_after_the_failure_limit_even_the_right_password_is_refused_with_429(
    client, user, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "wrong password")

    response = sign_in(client, user.username, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    assert "Too many failed sign-in attempts. Please try again in 15 minutes." in (
        response.content.decode()
    )
    assert signed_in_user_id(client) is None


def test_lockout_message_states_the_configured_cool_off(client, user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=40)
    for _ in range(2):
        sign_in(client, user.username, "wrong password")

    response = sign_in(client, user.username, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    assert "Please try again in 40 minutes." in response.content.decode()


def test_lockout_of_one_account_does_not_block_another(client, user, settings):
    other = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "wrong password")

    response = sign_in(client, other.username, PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(other.pk)


def test_failure_limit_comes_from_the_environment_setting(settings):
    assert settings.AXES_FAILURE_LIMIT == config.LOGIN_FAILURE_LIMIT
    assert settings.AXES_COOLOFF_TIME.total_seconds() == config.LOGIN_COOLOFF_MINUTES * 60


# Sign out ---------------------------------------------------------------------------------


def test_sign_out_by_post_ends_the_session(client, user):
    sign_in(client, user.username, PASSWORD)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert signed_in_user_id(client) is None


def test_sign_out_by_get_is_not_allowed(client, user):
    sign_in(client, user.username, PASSWORD)

    response = client.get(reverse("logout"))

    assert response.status_code == 405
    assert signed_in_user_id(client) == str(user.pk)


# Change password --------------------------------------------------------------------------


def test_password_change_needs_a_signed_in_user(client, db):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_password_change_sets_the_new_password_and_keeps_the_user_signed_in(client, user):
    sign_in(client, user.username, PASSWORD)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get(reverse("password_change_done")).status_code == 200


def test_password_change_with_wrong_old_password_changes_nothing(client, user):
    sign_in(client, user.username, PASSWORD)

    response = client.post(
        reverse("password_change"),
        {"old_password": "not it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_rejects_a_too_common_password(client, user):
    sign_in(client, user.username, PASSWORD)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# Reset password ---------------------------------------------------------------------------

RESET_LINK = re.compile(r"https?://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)")


def test_password_reset_mails_a_link_that_sets_a_new_password(client, user, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": user.email})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [user.email]
    assert user.username in mail.body
    link = RESET_LINK.search(mail.body).group(1)

    # The link stores the token in the session and redirects to the form.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    form_url = form_page.redirect_chain[-1][0]

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert sign_in(client, user.username, NEW_PASSWORD).status_code == 302


def test_password_reset_link_works_only_once(client, user, mailoutbox):
    client.post(reverse("password_reset"), {"email": user.email})
    link = RESET_LINK.search(mailoutbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert b"<form" not in response.content.split(b"<main", 1)[1].split(b"</main>")[0]


def test_password_reset_for_unknown_address_sends_nothing_but_looks_the_same(
    client, db, mailoutbox
):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []
