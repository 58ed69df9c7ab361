"""Who may change an organisation's record (django-rules): platform staff keep the shared
registry; a person who represents an organisation keeps its own profile."""

from typing import Any

import rules


@rules.predicate
def represents(user: Any, organization: Any) -> bool:
    return bool(
        organization is not None and getattr(user, "organization_id", None) == organization.pk
    )


is_registry_staff = rules.is_staff

rules.add_perm("organizations.edit_profile", is_registry_staff | represents)
