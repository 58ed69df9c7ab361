import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters and cached figures must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Tasks run synchronously, uploads go to a temporary folder, static files unhashed."""
    settings.TASKS_IN_PROCESS_MODE = "sync"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False
    settings.LANGUAGE_CODE = "zh-hans"
    # Hashing with the production hasher costs half a second per test user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, username="secretariat")


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_api(staff):
    client = APIClient()
    client.force_authenticate(staff)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def sanyuan(db):
    return OrganizationFactory(
        name="绍兴三元石化有限公司",
        name_en="Shaoxing Sanyuan Petrochemical Co., Ltd.",
        region_id="330600",
    )
