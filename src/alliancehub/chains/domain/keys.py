"""Links named the way the API and the forms name them: ``chain:code``."""

from collections.abc import Iterable

from ..models import Link


def links_by_key(keys: Iterable[str], *, retired: bool = False) -> tuple[list[Link], list[str]]:
    """The links named by ``keys`` (each once, in the keys' order) and the keys that name no
    link. Retired links count as not found unless ``retired``."""
    wanted = list(dict.fromkeys(keys))
    pairs = {key: tuple(key.partition(":")[::2]) for key in wanted}
    found_links = Link.objects.filter(
        chain__slug__in={slug for slug, _code in pairs.values()},
        code__in={code for _slug, code in pairs.values()},
    ).select_related("chain")
    if not retired:
        found_links = found_links.filter(retired=False)
    found = {link.key: link for link in found_links}
    return [found[key] for key in wanted if key in found], [k for k in wanted if k not in found]
