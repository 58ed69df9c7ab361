"""Test data builders. Organisations are created through the domain function, as in real use."""

import factory
from django.contrib.auth import get_user_model

from alliancehub.common.domain.audit import Source
from alliancehub.organizations.domain import registry
from alliancehub.organizations.models import Organization, Region
from alliancehub.organizations.validators import CREDIT_CODE_CHARSET, credit_code_check_character


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


def make_credit_code(serial: int, region: str = "330600") -> str:
    """A valid unified social credit code for a company registered in ``region``."""
    body = f"91{region}"
    digits = []
    for _ in range(9):
        serial, rest = divmod(serial, 31)
        digits.append(CREDIT_CODE_CHARSET[rest])
    first17 = body + "".join(reversed(digits))
    return first17 + credit_code_check_character(first17)


class OrganizationFactory(factory.Factory):
    """Builds the data, then registers it with ``registry.create_organization``."""

    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试科技有限公司{n:04d}")
    name_en = factory.Sequence(lambda n: f"Test Technology Co., Ltd. {n:04d}")
    kind = "enterprise"
    region_id = "330681"

    @classmethod
    def _create(cls, model_class, *args, region_id=None, contacts=(), **kwargs):
        if region_id:
            kwargs["region"] = Region.objects.get(code=region_id)
        return registry.create_organization(
            kwargs, actor=kwargs.pop("actor", None), source=Source.SYSTEM, contacts=contacts
        )
