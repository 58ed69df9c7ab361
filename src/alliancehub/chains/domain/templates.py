"""Loading chain templates (``chains/data/*.yaml``) into the database.

A template is checked whole before anything is written: every link needs a unique code, a
known stage and a Chinese name; a dotted code's parent (``a.b`` → ``a``) must exist; every
``feeds`` target must exist; the supply edges must not form a cycle. A refusal names the
template line. Reloading keeps positions: links are matched by code, a link that left the
template is kept as retired while organisations sit on it.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import opencc
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..enums import Stage
from ..models import Chain, Link, SupplyEdge

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_to_traditional = opencc.OpenCC("s2twp")
LINK_KEYS = {"code", "stage", "zh-hans", "en", "keywords", "feeds"}


@dataclass
class LinkSpec:
    code: str
    stage: str
    name: str
    name_en: str
    keywords: list[str]
    feeds: list[str]
    line: int
    parent: str | None = None


@dataclass
class ChainSpec:
    slug: str
    name: str
    name_en: str
    links: list[LinkSpec] = field(default_factory=list)
    digest: str = ""


def _refuse(path: str, line: int, message: str) -> ValidationError:
    return ValidationError(
        _("{file}, line {line}: {message}").format(file=path, line=line, message=message)
    )


def parse(text: str, path: str = "template") -> ChainSpec:
    """The checked content of one template file; ValidationError naming the line otherwise."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        raise _refuse(path, line, _("not valid YAML.")) from error
    if (
        not isinstance(data, dict)
        or not data.get("slug")
        or not isinstance(data.get("links"), list)
    ):
        raise _refuse(path, 1, _("a template needs a slug, a name and a list of links."))
    assert root is not None  # safe_load gave a mapping, so the document has a root node
    link_nodes = next(value for key, value in root.value if key.value == "links").value
    names = data.get("name") or {}
    spec = ChainSpec(
        str(data["slug"]), str(names.get("zh-hans", data["slug"])), str(names.get("en", ""))
    )
    spec.digest = hashlib.sha256(text.encode()).hexdigest()
    codes: dict[str, int] = {}
    for node, item in zip(link_nodes, data["links"], strict=True):
        line = node.start_mark.line + 1
        if not isinstance(item, dict) or not item.get("code") or not item.get("zh-hans"):
            raise _refuse(path, line, _("a link needs a code and a Chinese name."))
        unknown = sorted(set(item) - LINK_KEYS)
        if unknown:  # e.g. an unquoted comma in a flow mapping splits a name into stray keys
            raise _refuse(
                path,
                line,
                _("unknown field(s) {fields}; quote values that contain commas.").format(
                    fields=", ".join(map(str, unknown))
                ),
            )
        code = str(item["code"])
        if code in codes:
            raise _refuse(path, line, _("the code “{code}” is used twice.").format(code=code))
        if item.get("stage") not in Stage.values:
            raise _refuse(path, line, _("unknown stage “{stage}”.").format(stage=item.get("stage")))
        parent = code.rpartition(".")[0] or None
        if parent is not None and parent not in codes:
            raise _refuse(
                path,
                line,
                _("the parent link “{parent}” is not defined before it.").format(parent=parent),
            )
        codes[code] = line
        spec.links.append(LinkSpec(
            code=code, stage=item["stage"], name=str(item["zh-hans"]), name_en=str(item.get("en", "")),
            keywords=[str(k) for k in item.get("keywords") or []],
            feeds=[str(f) for f in item.get("feeds") or []], line=line, parent=parent,
        ))  # fmt: skip
    for link in spec.links:
        for target in link.feeds:
            if target not in codes:
                raise _refuse(
                    path,
                    link.line,
                    _("“{code}” feeds “{target}”, which is not a link of this chain.").format(
                        code=link.code, target=target
                    ),
                )
    _refuse_cycles(spec, path)
    return spec


def _refuse_cycles(spec: ChainSpec, path: str) -> None:
    """A supply cycle (a feeds b feeds … a) is a mistake in a template: refuse it."""
    graph = {link.code: link.feeds for link in spec.links}
    lines = {link.code: link.line for link in spec.links}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(code: str, trail: list[str]) -> None:
        state[code] = 1
        for target in graph[code]:
            if state.get(target) == 1:
                cycle = (
                    " → ".join([*trail[trail.index(target) :], code, target])
                    if target in trail
                    else f"{code} → {target}"
                )
                raise _refuse(
                    path,
                    lines[code],
                    _("the supply links form a cycle: {cycle}.").format(cycle=cycle),
                )
            if target not in state:
                visit(target, [*trail, code])
        state[code] = 2

    for code in graph:
        if code not in state:
            visit(code, [])


@transaction.atomic
def load(spec: ChainSpec) -> tuple[Chain, bool]:
    """Create or update the chain from ``spec``; returns (chain, changed)."""
    chain, created = Chain.objects.select_for_update().get_or_create(
        slug=spec.slug, defaults={"name": spec.name, "name_en": spec.name_en}
    )
    if not created and chain.source_digest == spec.digest:
        return chain, False
    chain.name, chain.name_en = spec.name, spec.name_en
    chain.name_zh_hant, chain.source_digest = _to_traditional.convert(spec.name), spec.digest
    chain.save()
    existing = {link.code: link for link in Link.objects.filter(chain=chain)}
    kept: dict[str, Link] = {}
    for order, item in enumerate(spec.links):
        link = existing.get(item.code) or Link(chain=chain, code=item.code)
        link.stage, link.name, link.name_en = item.stage, item.name, item.name_en
        link.name_zh_hant = _to_traditional.convert(item.name)
        link.keywords, link.order, link.retired = item.keywords, order, False
        link.parent = kept[item.parent] if item.parent else None
        link.save()
        kept[item.code] = link
    for code, link in existing.items():
        if code in kept:
            continue
        if link.positions.exists():
            link.retired, link.parent = True, None
            link.save(update_fields=["retired", "parent"])
        else:
            link.delete()
    SupplyEdge.objects.filter(chain=chain).delete()
    SupplyEdge.objects.bulk_create(
        [SupplyEdge(chain=chain, source=kept[item.code], target=kept[target])
         for item in spec.links for target in item.feeds]
    )  # fmt: skip
    return chain, True


def load_all(directory: Path = DATA_DIR) -> list[tuple[Chain, bool]]:
    """Every template in ``directory``; all are checked before any is loaded."""
    specs = [
        parse(path.read_text(encoding="utf-8"), path.name)
        for path in sorted(directory.glob("*.yaml"))
    ]
    return [load(spec) for spec in specs]


def effective_feeds(chain: Chain) -> dict[int, set[int]]:
    """Link id → the ids it supplies, a parent also supplying what its children supply."""
    feeds: dict[int, set[int]] = {}
    for source_id, target_id in SupplyEdge.objects.filter(chain=chain).values_list(
        "source_id", "target_id"
    ):
        feeds.setdefault(source_id, set()).add(target_id)
    parents: dict[int, int | None] = dict(
        Link.objects.filter(chain=chain).values_list("id", "parent_id")
    )
    for child, first in parents.items():
        ancestor = first
        while ancestor is not None:
            feeds.setdefault(ancestor, set()).update(feeds.get(child, set()))
            ancestor = parents.get(ancestor)
    return feeds
