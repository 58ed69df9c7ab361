"""Demo events from seed 001: the 2021 hydrogen-energy industry summit forum in Anting, Jiading
(2021-06-03), with its guiding units, organisers, theme and agenda as the article gives them, a
keynote, and the roadshow of the five projects pitched there.

The forum belongs to its organiser, the Jiading District Returned Overseas Scholars Association
(区归联会, whose "海嘉论坛" series it is part of), added as the owning body ``jd-returnees``. What
the article does not give says 演示数据 (demo data): the times of day, the call's dates, the
rubric's weights and scales, and the fifth project (the article counts five, names four). The
agenda follows the article's order of narration. No registrations or scores are invented; a
demo judge (``judge``) is assigned to every pitch so the judging can be tried.

Each step is skipped when its result exists, so loading again adds nothing. Organisations are
looked up by name in the registry (``organizations.demo``); one that is missing is named in
free text.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import translation

from ..accounts.demo import DEMO_USERNAME
from ..accounts.models import AllianceRole, User
from ..alliances.models import Alliance
from ..chains.models import Link
from ..common.domain import audit
from ..common.domain.audit import Source
from ..organizations.models import Organization, Region
from .domain import judging, programme, roadshow
from .enums import BodyRole, EventKind, EventStatus
from .models import Event, Roadshow

SYSTEM = Source.SYSTEM
SHANGHAI = ZoneInfo("Asia/Shanghai")
SLUG = "jd-returnees"
OWNER = "嘉定区归国留学人员联合会"
FORUM_TITLE = "2021氢能源产业高峰论坛暨嘉定区安亭镇新侨驿站揭牌仪式"
ROADSHOW_TITLE = "2021氢能源产业高峰论坛·氢能源企业项目路演"
THEME = "比学赶超新四化 勇攀高峰铸氢城"
VENUE = "上海市嘉定区安亭镇"
STARTS = datetime(2021, 6, 3, 9, 0, tzinfo=SHANGHAI)  # the day is the article's, the hours demo
ENDS = datetime(2021, 6, 3, 17, 0, tzinfo=SHANGHAI)
GUIDING_UNITS = ["中共嘉定区委统战部", "嘉定区侨联", "嘉定区安亭镇人民政府"]
ORGANIZERS = [OWNER, "上海同济经济园区发展有限公司"]

DESCRIPTION = (
    "本次活动由中共嘉定区委统战部、嘉定区侨联、嘉定区安亭镇人民政府指导，嘉定区归国留学人员联合会"
    "和上海同济经济园区发展有限公司共同主办，是区归联会品牌活动“海嘉论坛”系列活动之一。来自政府、"
    "园区、企业、行业协会、投资和金融机构等上百位嘉宾出席论坛，共同参与氢能源方面的交流合作，见证"
    "嘉定区安亭镇新侨驿站揭牌成立。活动聚焦氢能源的前瞻技术和创新力量，搭建氢能源产业创新合作交流平台。"
)
FORUM_NOTE = (
    "据2021-06-03活动报道（繁体中文网页，部分字节损坏）。日期、主题、指导与主办单位、议程内容与"
    "发言人按报道记录；议程顺序按报道叙述顺序，报道未给出各环节时间。活动起止时刻（09:00–17:00）"
    "为演示数据。出席嘉宾“上百位”，报道未给出人数，故不录入报名数据。"
)
ROADSHOW_NOTE = (
    "报道称海德韦尔(太仓)能源科技有限公司、畔星科技(浙江)有限公司、湖南张家界氢维星系科技有限责任公司"
    "（原文作“湖南湖南张家界”）、分布式离网水制氢项目等五家企业代表现场路演，投资人和行业专家点评。"
    "征集起止日期、评分细则的权重与分值范围、路演顺序、第五个项目均为演示数据；报道未公布评分。"
)
# (title, description, speakers: (name, title and affiliation, organisation, talk, keynote))
AGENDA: list[tuple[str, str, list[tuple[str, str, str, str, bool]]]] = [
    ("安亭镇新侨驿站（同济经济园区）揭牌仪式", "为创新开辟新侨工作阵地、打造新侨服务品牌，共同为新侨驿站揭牌。", [
        ("栾旭琛", "上海市侨联基层工作部部长", "上海市侨联", "", False),
        ("钱逸", "嘉定区安亭镇党委委员", "嘉定区安亭镇人民政府", "", False),
    ]),
    ("致辞", "代表区委统战部对活动的举办表示热烈的祝贺。", [
        ("邓惠娟", "代表中共嘉定区委统战部", "中共嘉定区委统战部", "", False),
    ]),
    ("欢迎辞", "", [("郑磊", "嘉定区归国留学人员联合会会长", OWNER, "", False)]),
    ("安亭镇产业环境介绍", "介绍“十四五”时期安亭镇的产业规划，邀请氢能源企业落户安亭。", []),
    ("战略合作协议签约", "嘉定区归国留学人员联合会与上海同济经济园区发展有限公司签署战略合作协议。", []),
    ("主旨演讲", "", [
        ("张焰峰", "博士，上海燃料电池汽车商业化促进中心秘书长、长三角氢能科技研究院院长",
         "上海燃料电池汽车商业化促进中心", "氢能和燃料电池产业发展概况", True),
    ]),
    ("氢能源企业项目路演", "五家企业代表现场进行项目路演，投资人和行业专家提供创业指导和发展前景分析。", []),
]  # fmt: skip
UNNAMED = "报道未公布项目名称与内容；路演展示产品概况、项目运营、市场分析、竞争优势等方面。"
# (title, organisation, chain link code, summary)
PROJECTS: list[tuple[str, str, str, str]] = [
    ("海德韦尔(太仓)能源科技有限公司路演项目", "海德韦尔(太仓)能源科技有限公司", "", UNNAMED),
    ("畔星科技(浙江)有限公司路演项目", "畔星科技(浙江)有限公司", "", UNNAMED),
    ("湖南张家界氢维星系科技有限责任公司路演项目", "湖南张家界氢维星系科技有限责任公司", "", UNNAMED),
    ("分布式离网水制氢项目", "", "production.electrolysis",
     "报道只给出项目名称，未载明路演单位。产业链环节按项目名称归入电解水制氢。"),
    ("第五个路演项目（演示数据）", "", "",
     "演示数据：报道称共有五家企业代表路演，只列出四个名称；本条为占位记录。"),
]  # fmt: skip
# The four aspects the article says the pitches covered; weights and scales are demo data.
CRITERIA = ["产品概况", "项目运营", "市场分析", "竞争优势"]


@transaction.atomic
def load() -> str:
    """Record the seed 001 forum and its roadshow if they are not recorded yet; return a
    summary."""
    with translation.override("zh-hans"):
        alliance = _alliance()
        forum, added_forum = _forum(alliance)
        added_pitches = _roadshow(alliance, forum)
        _roles(alliance)
    return (
        f"events: {int(added_forum)} forum and {added_pitches} pitches added "
        f"(alliance {SLUG}; demo judge: judge / {settings.DEMO_PASSWORD})"
    )


def _alliance() -> Alliance:
    alliance, _created = Alliance.objects.get_or_create(slug=SLUG, defaults={
        "name": OWNER, "name_en": "Jiading District Returned Overseas Scholars Association",
        "region": Region.objects.filter(code="310114").first(), "focus_chains": ["hydrogen"],
        "description": "区归联会团结凝聚归国人员力量，举办品牌活动“海嘉论坛”系列活动。",
    })  # fmt: skip
    return alliance


def _org(name: str) -> Organization | None:
    return Organization.objects.filter(name=name).first() if name else None


def _forum(alliance: Alliance) -> tuple[Event, bool]:
    found = Event.objects.for_alliance(alliance).filter(title=FORUM_TITLE).first()
    if found:
        return found, False
    forum = programme.create_event(
        alliance, kind=EventKind.FORUM, title=FORUM_TITLE, starts_at=STARTS, ends_at=ENDS,
        theme=THEME, venue=VENUE, description=DESCRIPTION, note=FORUM_NOTE,
        status=EventStatus.PUBLISHED, actor=None, source=SYSTEM,
    )  # fmt: skip
    for role, names in ((BodyRole.GUIDING_UNIT, GUIDING_UNITS), (BodyRole.ORGANIZER, ORGANIZERS)):
        for name in names:
            programme.add_body(forum, role, organization=_org(name), name=name, actor=None,
                               source=SYSTEM)  # fmt: skip
    for title, description, speakers in AGENDA:
        session = programme.add_session(forum, title=title, description=description,
                                        actor=None, source=SYSTEM)  # fmt: skip
        for name, person_title, organization, talk, keynote in speakers:
            programme.add_speaker(session, name=name, title=person_title,
                                  organization=_org(organization), talk=talk, keynote=keynote,
                                  actor=None, source=SYSTEM)  # fmt: skip
    return forum, True


def _roadshow(alliance: Alliance, forum: Event) -> int:
    if Event.objects.for_alliance(alliance).filter(title=ROADSHOW_TITLE).exists():
        return 0
    event = programme.create_event(
        alliance, kind=EventKind.ROADSHOW, title=ROADSHOW_TITLE, starts_at=STARTS, ends_at=ENDS,
        theme=THEME, venue=VENUE, part_of=forum, note=ROADSHOW_NOTE,
        status=EventStatus.PUBLISHED, actor=None, source=SYSTEM,
    )  # fmt: skip
    call = roadshow.open_call(event, opens_at=datetime(2021, 5, 1, tzinfo=SHANGHAI),
                              closes_at=datetime(2021, 5, 31, 23, 59, tzinfo=SHANGHAI),
                              actor=None, source=SYSTEM)  # fmt: skip
    for name in CRITERIA:
        roadshow.add_criterion(call, name=name, weight=Decimal(1), scale_min=1, scale_max=10,
                               actor=None, source=SYSTEM)  # fmt: skip
    for title, organization, link, summary in PROJECTS:
        unit = _org(organization)
        project = roadshow.submit_project(
            call, title=title, organization=unit, organization_name="" if unit else organization,
            link=_link(link), summary=summary, submitted_at=datetime(2021, 5, 20, tzinfo=SHANGHAI),
            actor=None, source=SYSTEM,
        )  # fmt: skip
        roadshow.screen_project(project, accept=True, actor=None, source=SYSTEM)
        roadshow.schedule_pitch(project, actor=None, source=SYSTEM)
    return len(PROJECTS)


def _link(code: str) -> Link | None:
    return Link.objects.filter(chain__slug="hydrogen", code=code).first() if code else None


def _roles(alliance: Alliance) -> None:
    """The demo secretariat runs the forum's owner too; the demo judge judges every pitch."""
    demo = User.objects.filter(username=DEMO_USERNAME).first()
    if demo is not None:
        _grant(demo, alliance, AllianceRole.Kind.SECRETARIAT)
    judge = _user("judge", display_name="演示评委 Demo judge")
    _grant(judge, alliance, AllianceRole.Kind.EXPERT)
    call = Roadshow.objects.filter(event__alliance=alliance, event__title=ROADSHOW_TITLE).first()
    for pitch in call.pitches.all() if call else []:
        if not pitch.assignments.filter(judge=judge).exists():
            judging.assign_judge(pitch, judge, actor=None, source=SYSTEM)


def _user(username: str, **defaults: Any) -> User:
    user, created = User.objects.get_or_create(username=username, defaults=defaults)
    if created or not user.check_password(settings.DEMO_PASSWORD):
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _grant(user: User, alliance: Alliance, role: str) -> None:
    grant, created = AllianceRole.objects.get_or_create(user=user, alliance=alliance, role=role)
    if created:
        audit.record(grant, action=audit.Action.CREATE, actor=None, source=SYSTEM,
                     changes={"role": [None, role], "user": [None, user.username]})  # fmt: skip
