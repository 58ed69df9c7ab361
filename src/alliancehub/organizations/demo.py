"""Demo organisations: the ones named in the sample news articles about the alliances.

Names are as the articles give them. Where an article gives only an English or only a
Chinese name, the other is our rendering and is flagged (``name_is_rendering`` /
``name_en_is_rendering``). Regions are those the articles name, at the precision they give.
Nothing here is invented beyond those renderings.
"""

from ..common.domain.audit import Source
from .domain import registry
from .models import Region

# (Chinese name, English name, which one the article gives: "zh" / "en", kind, region, note)
SEED_ORGANIZATIONS: list[tuple[str, str, str, str, str, str]] = [
    # Seed 000: founding of the Shaoxing hydrogen alliance (English article, 2021-11-10).
    (
        "绍兴市氢能产业“双创”联盟",
        'Shaoxing Hydrogen Energy Industry "Double Innovation" Alliance',
        "en",
        "association",
        "330600",
        "2021年成立的绍兴氢能产业联盟，会上通过联盟章程并选举产生第一届理事会。",
    ),
    (
        "绍兴市发展和改革委员会",
        "Shaoxing Municipal Development and Reform Commission",
        "en",
        "government",
        "330600",
        "指导绍兴市氢能产业“双创”联盟成立。",
    ),
    (
        "绍兴三元石化有限公司",
        "Shaoxing Sanyuan Petrochemical Co., Ltd.",
        "en",
        "enterprise",
        "330600",
        "绍兴市氢能产业“双创”联盟理事长单位。",
    ),
    (
        "上海大学绍兴研究院",
        "Shanghai University Shaoxing Research Institute",
        "en",
        "research_institute",
        "330600",
        "绍兴市氢能产业“双创”联盟副理事长单位。",
    ),
    (
        "中国石化绍兴分公司",
        "Sinopec Shaoxing Branch",
        "en",
        "enterprise",
        "330600",
        "绍兴市氢能产业“双创”联盟副理事长单位。",
    ),
    (
        "绍兴市城市投资集团有限公司",
        "Shaoxing City Investment Group Co., Ltd.",
        "en",
        "enterprise",
        "330600",
        "绍兴市氢能产业“双创”联盟副理事长单位。",
    ),
    (
        "绍兴凤登环保有限公司",
        "Shaoxing Fengdeng Environmental Protection Co., Ltd.",
        "en",
        "enterprise",
        "330600",
        "绍兴市氢能产业“双创”联盟副理事长单位。",
    ),
    (
        "浙江蓝能燃气设备有限公司",
        "Zhejiang Lanneng Gas Equipment Co., Ltd.",
        "en",
        "enterprise",
        "330000",
        "绍兴市氢能产业“双创”联盟副理事长单位。",
    ),
    (
        "浙江清华长三角研究院",
        "Tsinghua Yangtze River Delta Research Institute",
        "en",
        "research_institute",
        "330400",
        "绍兴市氢能产业“双创”联盟副理事长单位。",
    ),
    (
        "绍兴俊吉能源科技有限公司",
        "Shaoxing Junji Energy Technology Co., Ltd.",
        "en",
        "enterprise",
        "330600",
        "绍兴市氢能产业“双创”联盟副理事长单位。",
    ),
    (
        "绍兴宝晶复合材料有限公司",
        "Shaoxing Baojing Composite Materials Co., Ltd.",
        "en",
        "enterprise",
        "330600",
        "绍兴市氢能产业“双创”联盟副理事长单位。",
    ),
    (
        "绍兴市供销合作总社",
        "Shaoxing Municipal Supply and Marketing Corporation",
        "en",
        "other",
        "330600",
        "参与发起绍兴市氢能产业“双创”联盟；联盟秘书长 Zhang Xingchang（英文报道所载姓名）为其二级调研员。",
    ),
    # Seed 001: 2021 hydrogen summit forum in Anting, Jiading (Chinese article, 2021-06-03).
    (
        "中共嘉定区委统战部",
        "United Front Work Department of the CPC Jiading District Committee",
        "zh",
        "government",
        "310114",
        "2021氢能源产业高峰论坛指导单位。",
    ),
    (
        "嘉定区侨联",
        "Jiading District Federation of Returned Overseas Chinese",
        "zh",
        "association",
        "310114",
        "2021氢能源产业高峰论坛指导单位。",
    ),
    (
        "嘉定区安亭镇人民政府",
        "People's Government of Anting Town, Jiading District",
        "zh",
        "government",
        "310114",
        "2021氢能源产业高峰论坛指导单位。",
    ),
    (
        "嘉定区归国留学人员联合会",
        "Jiading District Returned Overseas Scholars Association",
        "zh",
        "association",
        "310114",
        "2021氢能源产业高峰论坛主办单位，会上与上海同济经济园区发展有限公司签署战略合作协议。",
    ),
    (
        "上海同济经济园区发展有限公司",
        "Shanghai Tongji Economic Park Development Co., Ltd.",
        "zh",
        "enterprise",
        "310114",
        "2021氢能源产业高峰论坛主办单位。",
    ),
    (
        "安亭镇新侨驿站",
        "Anting Town New Overseas Chinese Station",
        "zh",
        "other",
        "310114",
        "2021年6月3日在氢能源产业高峰论坛上揭牌。",
    ),
    (
        "上海燃料电池汽车商业化促进中心",
        "Shanghai Fuel Cell Vehicle Commercialization Promotion Center",
        "zh",
        "association",
        "310000",
        "其秘书长张焰峰在2021氢能源产业高峰论坛上作主旨演讲。",
    ),
    (
        "长三角氢能科技研究院",
        "Yangtze River Delta Hydrogen Energy Technology Research Institute",
        "zh",
        "research_institute",
        "310000",
        "参加2021氢能源产业高峰论坛。",
    ),
    (
        "海德韦尔(太仓)能源科技有限公司",
        "Haidewell (Taicang) Energy Technology Co., Ltd.",
        "zh",
        "enterprise",
        "320585",
        "在2021氢能源产业高峰论坛上路演项目。",
    ),
    (
        "畔星科技(浙江)有限公司",
        "Panxing Technology (Zhejiang) Co., Ltd.",
        "zh",
        "enterprise",
        "330000",
        "在2021氢能源产业高峰论坛上路演项目。",
    ),
    (
        "湖南张家界氢维星系科技有限责任公司",
        "Hunan Zhangjiajie Qingwei Xingxi Technology Co., Ltd.",
        "zh",
        "enterprise",
        "430800",
        "在2021氢能源产业高峰论坛上路演“分布式离网水制氢项目”。",
    ),
    (
        "上海市侨联",
        "Shanghai Federation of Returned Overseas Chinese",
        "zh",
        "association",
        "310000",
        "参加2021氢能源产业高峰论坛。",
    ),
    # Seed 002: sixth meeting of the first council of the Shaoxing promotion association (English).
    (
        "绍兴市科技创新促进会",
        "Shaoxing Science and Technology Innovation Promotion Association",
        "en",
        "association",
        "330600",
        "第一届理事会第六次会议在诸暨举行，增补两家副会长单位。",
    ),
    (
        "浙江天洁环境科技股份有限公司",
        "Zhejiang TENGY Environmental Technology Co., Ltd.",
        "en",
        "enterprise",
        "330681",
        "绍兴市科技创新促进会常务理事单位，承办第一届理事会第六次会议。",
    ),
    (
        "绍兴市科学技术协会",
        "Shaoxing Association for Science and Technology",
        "en",
        "association",
        "330600",
        "参加绍兴市科技创新促进会第一届理事会第六次会议。",
    ),
    (
        "诸暨市科学技术协会",
        "Zhuji Association for Science and Technology",
        "en",
        "association",
        "330681",
        "参加绍兴市科技创新促进会第一届理事会第六次会议。",
    ),
    (
        "越城区科学技术协会",
        "Yuecheng Association for Science and Technology",
        "en",
        "association",
        "330602",
        "参加绍兴市科技创新促进会第一届理事会第六次会议。",
    ),
    # Seed 003: Zhejiang photovoltaic "five in one" pilot in Jiaxing (English article).
    (
        "嘉兴市人民政府",
        "Jiaxing Municipal People's Government",
        "en",
        "government",
        "330400",
        "承担浙江省光伏产业“五位一体”创新综合试点。",
    ),
    # Seed 004: founding of the Yangtze River Delta NEV industry-chain alliance (Chinese article).
    (
        "长三角新能源汽车产业链联盟",
        "Yangtze River Delta New Energy Vehicle Industry Chain Alliance",
        "zh",
        "association",
        "330100",
        "在杭州召开成立大会，审议通过联盟章程、理事长单位名单和秘书长名单。",
    ),
    (
        "浙江省经济和信息化厅",
        "Department of Economy and Information Technology of Zhejiang Province",
        "zh",
        "government",
        "330000",
        "指导长三角新能源汽车产业链联盟成立。",
    ),
    (
        "吉利控股集团",
        "Geely Holding Group",
        "zh",
        "enterprise",
        "330100",
        "长三角新能源汽车产业链联盟轮值理事长单位。",
    ),
]


def load() -> str:
    """Add the seed organisations that are not registered yet."""
    added = 0
    for name, name_en, given, kind, region, description in SEED_ORGANIZATIONS:
        data = {
            "name": name,
            "name_en": name_en,
            "name_is_rendering": given == "en",
            "name_en_is_rendering": given == "zh",
            "kind": kind,
            "region": Region.objects.get(code=region),
            "description": description,
        }
        if registry.find_duplicate(name=name, credit_code=None):
            continue
        registry.create_organization(data, actor=None, source=Source.SYSTEM)
        added += 1
    return f"organisations: {added} added, {len(SEED_ORGANIZATIONS) - added} already present"
