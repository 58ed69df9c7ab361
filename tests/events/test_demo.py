"""The demo forum of seed 001: what the article gives, recorded once."""

from datetime import date

import pytest
from django.apps import apps
from django.utils import timezone, translation

from alliancehub.accounts import demo as accounts_demo
from alliancehub.chains.domain import templates
from alliancehub.events import demo
from alliancehub.events.domain.ranking import ranking
from alliancehub.events.domain.reports import news_draft
from alliancehub.events.enums import BodyRole, EventKind
from alliancehub.events.models import Event, Speaker
from alliancehub.organizations import demo as organizations_demo


@pytest.fixture
def loaded(db):
    organizations_demo.load()
    accounts_demo.load()
    templates.load_all()
    demo.load()
    return Event.objects.get(title=demo.FORUM_TITLE)


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for label in ["events", "accounts", "alliances", "common"]
        for model in apps.get_app_config(label).get_models()
    }


def test_loading_the_demo_again_adds_nothing(loaded):
    before = _row_counts()

    demo.load()

    assert _row_counts() == before


def test_the_forum_is_recorded_as_the_article_gives_it(loaded):
    forum = loaded

    assert forum.kind == EventKind.FORUM
    assert forum.alliance.slug == "jd-returnees"
    assert timezone.localtime(forum.starts_at).date() == date(2021, 6, 3)
    assert forum.theme == "比学赶超新四化 勇攀高峰铸氢城"
    assert forum.venue == "上海市嘉定区安亭镇"
    bodies = [(b.role, b.display_name, b.organization_id is not None)
              for b in forum.bodies.order_by("role", "order")]  # fmt: skip
    assert sorted(bodies) == sorted([
        (BodyRole.GUIDING_UNIT, "中共嘉定区委统战部", True),
        (BodyRole.GUIDING_UNIT, "嘉定区侨联", True),
        (BodyRole.GUIDING_UNIT, "嘉定区安亭镇人民政府", True),
        (BodyRole.ORGANIZER, "嘉定区归国留学人员联合会", True),
        (BodyRole.ORGANIZER, "上海同济经济园区发展有限公司", True),
    ])  # fmt: skip


def test_the_keynote_is_zhang_yanfeng_on_hydrogen_and_fuel_cells(loaded):
    keynote = Speaker.objects.get(session__event=loaded, keynote=True)

    assert keynote.name == "张焰峰"
    assert keynote.organization.name == "上海燃料电池汽车商业化促进中心"
    assert keynote.talk == "氢能和燃料电池产业发展概况"


def test_the_roadshow_has_five_pitches_four_named_and_one_marked_as_demo_data(loaded):
    show = loaded.parts.get(kind=EventKind.ROADSHOW).roadshow

    pitches = [row.pitch for row in ranking(show)]

    presenters = [p.project.organization.name for p in pitches if p.project.organization]
    assert len(pitches) == 5
    assert presenters == ["海德韦尔(太仓)能源科技有限公司", "畔星科技(浙江)有限公司",
                          "湖南张家界氢维星系科技有限责任公司"]  # fmt: skip
    assert pitches[3].project.title == "分布式离网水制氢项目"
    assert pitches[3].project.link.code == "production.electrolysis"
    assert "演示数据" in pitches[4].project.title
    assert all(p.assignments.filter(judge__username="judge").exists() for p in pitches)


def test_the_news_draft_of_the_demo_forum_states_the_record(loaded):
    with translation.override("zh-hans"):
        draft = news_draft(loaded)

    assert draft.title == demo.FORUM_TITLE
    assert "比学赶超新四化 勇攀高峰铸氢城" in draft.text
    assert "中共嘉定区委统战部、嘉定区侨联、嘉定区安亭镇人民政府" in draft.text
    assert "张焰峰" in draft.text
    assert "氢能和燃料电池产业发展概况" in draft.text
    assert "分布式离网水制氢项目" in draft.text


def test_the_demo_loads_without_the_registry_naming_bodies_in_free_text(db):
    demo.load()

    forum = Event.objects.get(title=demo.FORUM_TITLE)
    assert forum.bodies.filter(organization__isnull=True).count() == 5
    assert forum.bodies.get(role=BodyRole.GUIDING_UNIT, order=1).name == "中共嘉定区委统战部"
