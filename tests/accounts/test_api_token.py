"""``POST /api/v1/auth/token/``: a username and password for a token, and using that token."""

from unittest.mock import ANY

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token

from alliancehub.organizations.models import Organization
from tests.factories import UserFactory

TOKEN_URL = "/api/v1/auth/token/"
ORGANIZATIONS_URL = "/api/v1/organizations/"
PASSWORD = "correct horse battery staple"  # the factory's password


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Each sign-in attempt hashes a password; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The request throttle counts in the cache, which outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


def obtain_token(api, username, password=PASSWORD, **extra):
    return api.post(TOKEN_URL, {"username": username, "password": password}, **extra)


def test_token_request_returns_only_the_users_token(api, user):
    response = obtain_token(api, user.username)

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}


def test_token_request_returns_the_same_token_every_time(api, user):
    first = obtain_token(api, user.username).json()

    second = obtain_token(api, user.username).json()

    assert first == second
    assert Token.objects.filter(user=user).count() == 1


def test_token_request_accepts_a_form_post(api, user):
    response = api.post(TOKEN_URL, {"username": user.username, "password": PASSWORD}, format=None)

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}


def test_token_request_with_wrong_password_is_a_400_with_a_message(api, user):
    response = obtain_token(api, user.username, "wrong", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert not Token.objects.exists()


def test_token_request_without_credentials_names_the_missing_fields(api, db):
    response = api.post(TOKEN_URL, {}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {
        "username": ["This field is required."],
        "password": ["This field is required."],
    }


def test_token_request_for_inactive_user_is_refused(api, db):
    inactive = UserFactory(is_active=False)

    response = obtain_token(api, inactive.username, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert not Token.objects.exists()


def test_token_authenticates_a_staff_write(api, staff):
    key = obtain_token(api, staff.username).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    response = api.post(
        ORGANIZATIONS_URL,
        {
            "name": "绍兴三元石化有限公司",
            "name_en": "Shaoxing Sanyuan Petrochemical Co., Ltd.",
            "kind": "enterprise",
            "region": "330600",
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body == {
        "id": ANY,
        "name": "绍兴三元石化有限公司",
        "name_en": "Shaoxing Sanyuan Petrochemical Co., Ltd.",
        "name_is_rendering": False,
        "name_en_is_rendering": False,
        "credit_code": None,
        "kind": "enterprise",
        "region": "330600",
        "region_name": ANY,
        "industry": None,
        "size": "",
        "high_tech": None,
        "founded_on": None,
        "website": "",
        "description": "",
        "contacts": [],
        "created_at": ANY,
        "updated_at": ANY,
    }
    assert Organization.objects.get(pk=body["id"]).created_by == staff


def test_token_of_a_non_staff_user_may_read_but_not_write(api, user):
    key = obtain_token(api, user.username).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    read = api.get(ORGANIZATIONS_URL)
    write = api.post(ORGANIZATIONS_URL, {"name": "某某有限公司"}, HTTP_ACCEPT_LANGUAGE="en")

    assert read.status_code == 200
    assert write.status_code == 403
    assert write.json() == {"detail": "You do not have permission to perform this action."}
    assert not Organization.objects.exists()


def test_invalid_token_is_a_401_json_error(api, staff):
    api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")

    response = api.post(ORGANIZATIONS_URL, {"name": "某某有限公司"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Invalid token."}
    assert not Organization.objects.exists()


def test_write_without_credentials_is_a_401(api, db):
    response = api.post(ORGANIZATIONS_URL, {"name": "某某有限公司"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_token_requests_are_locked_out_after_the_failure_limit(api, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert obtain_token(api, user.username, "wrong").status_code == 400

    locked = obtain_token(api, user.username, "wrong", HTTP_ACCEPT_LANGUAGE="en")
    right_password = obtain_token(api, user.username, HTTP_ACCEPT_LANGUAGE="en")

    for response in (locked, right_password):
        assert response.status_code == 429
        assert response["Content-Type"] == "application/json"
        assert response.json() == {
            "detail": "Too many failed sign-in attempts. Please try again in 15 minutes."
        }
    assert not Token.objects.exists()


def test_token_requests_are_throttled_whatever_the_username(api, db):
    # Different usernames dodge the per-account lockout; the per-address throttle still applies.
    statuses = [obtain_token(api, f"guess{n}", "wrong").status_code for n in range(21)]

    assert statuses[:20] == [400] * 20
    assert statuses[20] == 429
