"""Demo governance of the seed alliances: what each article reports about their councils and
meetings, recorded through the domain functions.

Seed 000: the Shaoxing hydrogen alliance's founding conference adopts its charter and elects the
first council (a chair unit, eight vice-chair units, a secretary-general). Seed 002: the sixth
meeting of the promotion association's first council, presided by its general counsel, adds two
vice-president units. Seed 004: the NEV alliance's founding conference in Hangzhou adopts its
charter and its chair-unit and secretary-general lists; Geely is the rotating chair unit.

People and places keep the form the article gives: the English reports give no characters, and
guessing them would put a wrong name on a real person. Whatever a meeting needs that the article
does not give (vote counts, a term's start, the rotating chair's turn, the two vice-president
units it does not name, the charter texts) says 演示数据 (demo data) in its note, basis or text.
Each step is skipped when its result exists, so loading again adds nothing.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from ..accounts.demo import DEMO_USERNAME
from ..accounts.models import AllianceRole, User
from ..alliances.demo import SX_HYDROGEN_VICE_CHAIRS
from ..alliances.enums import MembershipTier
from ..alliances.models import Alliance
from ..common.domain import audit
from ..common.domain.audit import Source
from ..organizations.domain import registry
from ..organizations.models import Organization, Region
from .domain import charter, council, minutes, voting
from .domain import meeting as meetings
from .enums import Choice, MeetingKind, MeetingStatus, MotionKind, MotionStatus, OfficeKind
from .models import CharterVersion, Meeting, Office, RotationSlot, Term

SYSTEM = Source.SYSTEM
SANYUAN = "绍兴三元石化有限公司"
TENGY = "浙江天洁环境科技股份有限公司"
GEELY = "吉利控股集团"
SHAOXING_NDRC = "绍兴市发展和改革委员会"
HYDROGEN_FOUNDED = date(2021, 11, 10)  # the report's publication date ("recently held")
STIPA_TERM_START = date(2016, 1, 1)  # demo data: the report does not say when the term began
STIPA_MEETING = date(2020, 12, 5)  # "December 5"; the year follows from the report's content
NEV_FOUNDED = date(2021, 5, 24)  # "24日"; month and year are not in the report
NEV_TURN_ENDS = date(2022, 5, 23)  # demo data

HYDROGEN_NOTE = (
    "报道于2021-11-10发布，称“近日”召开成立大会，会议日期取发布日期；报道未提及会场。"
    "出席单位按报道所列理事长、副理事长单位记录；市发改委副主任 Chen Baizhong 出席并讲话。"
    "表决方式与票数为演示数据：报道只说大会审议通过联盟章程等文件并选举产生第一届理事会。"
    "秘书长 Zhang Xingchang 为市供销合作总社二级调研员，姓名按英文报道原文记录。"
    "章程文本为演示数据。"
)
STIPA_NOTE = (
    "报道为英文，只写“December 5”，年份据报道内容（总结2020年工作）推定；会场与人名按英文报道"
    "原文记录，“法律顾问”为报道中 general counsel 的译名。第一届理事会起始日期（2016-01-01）"
    "为演示数据。与会70余人，报道只点名上列单位与人员。会议为两家新增副会长单位授牌，报道未公布"
    "其名称，两家单位为演示占位单位；报道未列出其他理事单位，表决只计常务理事单位天洁一票，"
    "票数为演示数据。"
)
NEV_NOTE = (
    "报道只写“24日”在浙江杭州举行，年月（2021年5月）不见于本篇报道，按演示数据标注。"
    "长三角三省一市经信部门及数十家产业链企业与会，报道只点名吉利控股集团与浙江省经信厅。"
    "表决票数为演示数据：报道只说会议通过联盟章程、理事长单位与秘书长名单。章程文本为演示数据。"
)
# What the articles report of the proceedings beyond attendance and votes (added to the minutes).
HYDROGEN_PROCEEDINGS = [
    "市发改委副主任 Chen Baizhong 出席并讲话，对联盟工作提出三点希望。",
    "大会审议通过《绍兴市氢能产业“双创”联盟章程》等文件。",
    "大会选举产生联盟第一届理事会。",
]
STIPA_PROCEEDINGS = [
    "会长 Shen Lixiong 总结2020年工作并提出2021年工作思路。",
    "常务理事单位天洁董事长 Bian Yu 介绍企业科技创新工作，并代表承办单位致辞。",
    "绍兴、诸暨、越城科协负责人及会员企业代表作交流发言。",
    "会议为两家新增副会长单位授牌。",
]
NEV_PROCEEDINGS = [
    "浙江省经信厅副厅长盛勇军讲话。",
    "会议通过联盟章程、理事长单位名单和秘书长名单。",
    "吉利控股集团资深副总裁张爱群代表轮值理事长单位吉利控股集团发言。",
    "现场宣读《长三角新能源汽车产业链联盟倡议书》，提出联盟未来八项工作方向。",
]
STIPA_OFFICE_BASIS = (
    "据第一届理事会第六次会议报道（2020-12-05时任）；任职起始日期不详，以会议日期记录（演示数据）"
)


def _charter(name: str, *, field: str, purpose: str, leadership: str) -> str:
    return f"""> **演示数据**：本章程为 AllianceHub 演示用的示例文本，并非{name}的真实章程。报道只说成立大会审议通过了联盟章程。

# {name}章程

## 第一章 总则

**第一条** 本联盟名称为{name}。

**第二条** 本联盟是由{field}领域的企业、高校、科研院所等单位自愿组成的非营利性合作组织。

**第三条** 本联盟的宗旨是：{purpose}

## 第二章 成员

**第四条** 认同本章程、在{field}领域开展业务的单位，经申请并由秘书处审核批准，成为成员单位。

**第五条** 成员单位享有选举权、被选举权和表决权，履行执行联盟决议、按时缴纳会费的义务；可以书面申请退出联盟。

## 第三章 组织机构

**第六条** 成员大会是本联盟的最高权力机构，负责制定和修改章程，选举和罢免理事单位。

**第七条** 理事会是成员大会的执行机构，每届任期五年。{leadership}

**第八条** 本联盟设秘书处，负责日常工作；秘书长由理事会选举或聘任。

## 第四章 议事规则

**第九条** 理事会会议须有三分之二以上理事单位出席方能召开；决议须经到会理事单位过半数同意。修改章程须经到会成员单位三分之二以上同意。

## 第五章 附则

**第十条** 本章程经成员大会审议通过之日起生效，由理事会负责解释。
"""


HYDROGEN_CHARTER = _charter(
    "绍兴市氢能产业“双创”联盟",
    field="氢能产业",
    purpose="整合资源，推动氢能产业创新创业，促进产业链上下游合作与信息共享。",
    leadership="理事会设理事长单位一家、副理事长单位若干家。",
)
NEV_CHARTER = _charter(
    "长三角新能源汽车产业链联盟",
    field="新能源汽车产业链",
    purpose="协同推进长三角区域新能源汽车产业服务，加强信息共享与技术交流，延链、固链、强链。",
    leadership="理事会设理事长单位若干家，由理事长单位按理事会确定的顺序轮值。",
)


@transaction.atomic
def load() -> str:
    """Record the seed alliances' governance that is not recorded yet; return a summary."""
    with translation.override("zh-hans"):  # texts the domain composes (minutes, bases)
        added = _hydrogen() + _promotion_association() + _nev()
        users = _users()
    sign_in = "; ".join(users)
    return f"meetings: {added} added; sign-in (password {settings.DEMO_PASSWORD}): {sign_in}"


def _hydrogen() -> int:
    alliance = Alliance.objects.get(slug="sx-hydrogen")
    term = _first_term(alliance, HYDROGEN_FOUNDED)
    if _recorded(term, MeetingKind.FOUNDING_CONFERENCE, 1):
        return 0
    meeting = _schedule(alliance, term, MeetingKind.FOUNDING_CONFERENCE, HYDROGEN_FOUNDED)
    chair, *vice_chairs = units = [_org(name) for name in [SANYUAN, *SX_HYDROGEN_VICE_CHAIRS]]
    for unit in units:
        _attend(meeting, unit, capacity="成员单位主要负责人")
    _attend(meeting, _org(SHAOXING_NDRC), person="Chen Baizhong", capacity="副主任，出席并讲话")
    _carry(meeting, kind=MotionKind.CHARTER, title="审议通过《绍兴市氢能产业“双创”联盟章程》",
           charter_version=_draft(alliance, "绍兴市氢能产业“双创”联盟章程", HYDROGEN_CHARTER))  # fmt: skip
    _elect(meeting, "选举第一届理事会理事长单位", OfficeKind.CHAIR, [(chair, "")])
    _elect(meeting, "选举第一届理事会副理事长单位", OfficeKind.VICE_CHAIR,
           [(unit, "") for unit in vice_chairs])  # fmt: skip
    _elect(meeting, "选举秘书长", OfficeKind.SECRETARY_GENERAL, [(None, "Zhang Xingchang")])
    _close(meeting, HYDROGEN_NOTE, HYDROGEN_PROCEEDINGS)
    return 1


def _promotion_association() -> int:
    alliance = Alliance.objects.get(slug="sx-stipa")
    term = _first_term(alliance, STIPA_TERM_START)
    tengy = _org(TENGY)
    _hold(term, OfficeKind.EXECUTIVE_DIRECTOR, organization=tengy)
    _hold(term, OfficeKind.GENERAL_COUNSEL, person="He Weigang")
    _hold(term, OfficeKind.PRESIDENT, person="Shen Lixiong")
    if _recorded(term, MeetingKind.COUNCIL, 6):
        return 0
    meeting = _schedule(alliance, term, MeetingKind.COUNCIL, STIPA_MEETING, number=6,
                        venue="Zhuji Xiangsheng Century Hotel", presided_by="He Weigang",
                        presiding_title="法律顾问")  # fmt: skip
    _attend(meeting, tengy, person="Bian Yu", capacity="董事长；常务理事单位，会议承办单位")
    _attend(meeting, None, person="Shen Lixiong", capacity="会长")
    _attend(meeting, None, person="He Weigang", capacity="法律顾问，主持会议")
    for name in ["绍兴市科学技术协会", "诸暨市科学技术协会", "越城区科学技术协会"]:
        _attend(meeting, _org(name), capacity="负责人作交流发言")
    newcomers = [
        _placeholder(letter, letter_en) for letter, letter_en in [("甲", "A"), ("乙", "B")]
    ]
    _carry(meeting, kind=MotionKind.TIER_CHANGE, title="增补副会长单位",
           text="会议为两家新增副会长单位授牌。报道未公布两家单位名称，此处为演示占位单位（演示数据）。",
           tier_changes=[(unit, MembershipTier.VICE_CHAIR) for unit in newcomers])  # fmt: skip
    _close(meeting, STIPA_NOTE, STIPA_PROCEEDINGS)
    return 1


def _nev() -> int:
    alliance = Alliance.objects.get(slug="yrd-nev")
    term = _first_term(alliance, NEV_FOUNDED)
    geely = _org(GEELY)
    if not RotationSlot.objects.for_alliance(alliance).filter(organization=geely).exists():
        council.add_rotation_slot(term, geely, starts_on=NEV_FOUNDED, ends_on=NEV_TURN_ENDS,
                                  actor=None, source=SYSTEM,
                                  note="轮值期限为演示数据；报道只说吉利控股集团为轮值理事长单位")  # fmt: skip
    if _recorded(term, MeetingKind.FOUNDING_CONFERENCE, 1):
        return 0
    meeting = _schedule(alliance, term, MeetingKind.FOUNDING_CONFERENCE, NEV_FOUNDED,
                        venue="浙江杭州")  # fmt: skip
    _attend(meeting, geely, person="张爱群", capacity="资深副总裁，代表轮值理事长单位发言")
    _attend(meeting, _org("浙江省经济和信息化厅"), person="盛勇军", capacity="副厅长，讲话")
    _carry(meeting, kind=MotionKind.CHARTER, title="审议通过长三角新能源汽车产业链联盟章程",
           charter_version=_draft(alliance, "长三角新能源汽车产业链联盟章程", NEV_CHARTER))  # fmt: skip
    _carry(meeting, kind=MotionKind.TIER_CHANGE, title="审议通过理事长单位名单",
           text="报道只提及轮值理事长单位吉利控股集团，名单中的其他单位未公布。",
           tier_changes=[(geely, MembershipTier.ROTATING_CHAIR)])  # fmt: skip
    _carry(meeting, title="审议通过秘书长名单", text="报道未公布名单内容。")
    _close(meeting, NEV_NOTE, NEV_PROCEEDINGS)
    return 1


def _first_term(alliance: Alliance, starts_on: date) -> Term:
    term = Term.objects.for_alliance(alliance).filter(number=1).first()
    return term or council.start_term(alliance, starts_on=starts_on, actor=None, source=SYSTEM)


def _recorded(term: Term, kind: str, number: int) -> bool:
    return Meeting.objects.filter(term=term, kind=kind, number=number).exists()


def _org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def _schedule(alliance: Alliance, term: Term, kind: str, day: date, **details: Any) -> Meeting:
    return meetings.schedule_meeting(
        alliance, term=term, kind=kind, held_on=day, actor=None, source=SYSTEM, **details
    )


def _attend(
    meeting: Meeting, unit: Organization | None, *, person: str = "", capacity: str
) -> None:
    meetings.record_attendance(
        meeting, organization=unit, person=person, capacity=capacity, actor=None, source=SYSTEM
    )


def _draft(alliance: Alliance, title: str, text: str) -> CharterVersion:
    return charter.draft_charter(alliance, title=title, text=text, actor=None, source=SYSTEM)


def _elect(
    meeting: Meeting, title: str, office: str, candidates: list[tuple[Organization | None, str]]
) -> None:
    _carry(meeting, kind=MotionKind.ELECTION, title=title, office=office,
           seats=len(candidates), candidates=candidates)  # fmt: skip


def _carry(meeting: Meeting, **motion: Any) -> None:
    """Table the motion and let every unit present vote for it (or for all its candidates): the
    articles report only that it was adopted, so the ballots are demo data."""
    tabled = voting.propose_motion(meeting, actor=None, source=SYSTEM, **motion)
    voting.open_voting(tabled, actor=None, source=SYSTEM)
    candidates = list(tabled.candidates.all())
    for unit in Organization.objects.filter(pk__in=voting.present_ids(meeting)).order_by("pk"):
        voting.cast_vote(tabled, unit, choice="" if candidates else Choice.YES,
                         candidates=candidates or None, actor=None, source=SYSTEM)  # fmt: skip
    closed = voting.close_voting(tabled, actor=None, source=SYSTEM)
    if closed.status != MotionStatus.PASSED:
        raise RuntimeError(f"Demo motion did not pass: {closed.title}")


def _close(meeting: Meeting, note: str, proceedings: list[str]) -> None:
    """Mark the meeting held; draft its minutes, add what the article reports of the
    proceedings, approve them."""
    meetings.update_meeting(
        meeting, {"status": MeetingStatus.HELD, "note": note}, actor=None, source=SYSTEM
    )
    drafted = minutes.draft_minutes(meeting, actor=None, source=SYSTEM)
    reported = "\n".join(f"- {line}" for line in proceedings)
    text = f"{drafted.text}\n## 会议情况（据报道）\n\n{reported}\n\n> {note}\n"
    edited = minutes.edit_minutes(drafted, text=text, actor=None, source=SYSTEM)
    minutes.approve_minutes(edited, actor=None, source=SYSTEM)


def _hold(
    term: Term, kind: str, *, organization: Organization | None = None, person: str = ""
) -> None:
    """The promotion association's offices the report names, from the meeting's day."""
    if Office.objects.filter(
        term=term, kind=kind, organization=organization, person=person
    ).exists():
        return
    council.appoint(term, kind, on=STIPA_MEETING, organization=organization, person=person,
                    basis=STIPA_OFFICE_BASIS, actor=None, source=SYSTEM)  # fmt: skip


def _placeholder(letter: str, letter_en: str) -> Organization:
    """One of the two vice-president units the report counts but does not name."""
    name = f"新增副会长单位{letter}（报道未具名，演示数据）"
    found = registry.find_duplicate(name=name, credit_code=None)
    if found:
        return found[1]
    data = {
        "name": name, "name_en": f"Unnamed new vice-president unit {letter_en} (demo data)",
        "name_en_is_rendering": True, "kind": "other", "region": Region.objects.get(code="330600"),
        "description": "演示数据：报道称绍兴市科技创新促进会第一届理事会第六次会议增补两家副会长单位，"
        "但未公布单位名称；本条为占位记录。",
    }  # fmt: skip
    return registry.create_organization(data, actor=None, source=SYSTEM)


def _users() -> list[str]:
    hydrogen = Alliance.objects.get(slug="sx-hydrogen")
    demo = _user(DEMO_USERNAME, display_name="演示秘书处 Demo secretariat", is_staff=True)
    for alliance in Alliance.objects.filter(slug__in=["sx-hydrogen", "sx-stipa", "yrd-nev"]):
        _grant(demo, alliance, AllianceRole.Kind.SECRETARIAT)
    sanyuan_unit = _org(SANYUAN)
    sanyuan = _user(
        "sanyuan", display_name="绍兴三元石化会员代表（演示）", organization=sanyuan_unit
    )
    _grant(sanyuan, hydrogen, AllianceRole.Kind.MEMBER, organization=sanyuan_unit)
    observer = _user("observer", display_name="政府观察员（演示）")
    _grant(observer, hydrogen, AllianceRole.Kind.OBSERVER)
    return [
        f"{DEMO_USERNAME} (secretariat of sx-hydrogen, sx-stipa, yrd-nev)",
        f"sanyuan (member representative of {SANYUAN} in sx-hydrogen)",
        "observer (government observer of sx-hydrogen)",
    ]


def _user(username: str, **defaults: Any) -> User:
    user, created = User.objects.get_or_create(username=username, defaults=defaults)
    if created or not user.check_password(settings.DEMO_PASSWORD):
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _grant(
    user: User, alliance: Alliance, role: str, organization: Organization | None = None
) -> None:
    grant, created = AllianceRole.objects.get_or_create(
        user=user, alliance=alliance, role=role, defaults={"organization": organization}
    )
    if created:
        audit.record(grant, action=audit.Action.CREATE, actor=None, source=SYSTEM,
                     changes={"role": [None, role], "user": [None, user.username]})  # fmt: skip
