"""The synthetic Yangtze River Delta population of the chains demo: a pure, seeded generator.

``generate(links, counties, reserved)`` returns the same organisations for the same input:
each sits on one leaf link of one chain (sometimes a second, next to it), in a county of a
prefecture. Shaoxing (hydrogen), Jiaxing (photovoltaics) and Hangzhou (new-energy vehicles)
follow written profiles, so their maps show strong, weak (one organisation), concentrated
(one or two large ones) and missing links; every other place and chain is drawn at random
around a per-link base. Names are region + trade name + industry word + 有限公司.
"""

import math
import random
from dataclasses import dataclass, field

SEED = 20_240_604
MARKER = "演示数据（合成）"
DESCRIPTION = f"{MARKER}：长三角产业链演示用的虚构单位。"
#: A background cell's expected organisations = BASE × link weight × place weight × affinity.
BASE = 2.5
#: Profile letters: S strong, s fair, W weak (one), C concentrated (one or two large), M missing.
PROFILE_COUNTS = {"S": (9, 22), "s": (4, 8), "W": (1, 1), "C": (1, 2), "M": (0, 0)}
# (prefecture or municipality code, weight, {chain: affinity}); a profiled chain ignores both.
PLACES: list[tuple[str, float, dict[str, float]]] = [
    ("330600", 3.0, {"nev": 0.5, "photovoltaic": 0.5}),  # 绍兴
    ("330400", 3.0, {"hydrogen": 1.2, "nev": 0.5}),  # 嘉兴
    ("330100", 3.0, {"hydrogen": 0.7, "photovoltaic": 1.0}),  # 杭州
    ("330200", 1.6, {"hydrogen": 1.2, "nev": 1.4}),  # 宁波
    ("330500", 0.9, {"photovoltaic": 1.2, "nev": 0.9}),  # 湖州
    ("330300", 0.6, {}),  # 温州
    ("330700", 0.6, {"nev": 1.2}),  # 金华
    ("331000", 0.5, {"photovoltaic": 1.3}),  # 台州
    ("310000", 2.8, {"hydrogen": 1.5, "nev": 1.4, "photovoltaic": 0.8}),  # 上海
    ("320500", 2.2, {"hydrogen": 1.2, "photovoltaic": 1.4}),  # 苏州
    ("320200", 1.3, {"photovoltaic": 1.5, "hydrogen": 0.9}),  # 无锡
    ("320400", 1.3, {"photovoltaic": 1.6, "nev": 1.3}),  # 常州
    ("320100", 1.1, {"nev": 1.2}),  # 南京
    ("320600", 0.7, {"hydrogen": 0.8}),  # 南通
    ("320900", 0.6, {"photovoltaic": 1.5}),  # 盐城
    ("340100", 1.4, {"nev": 1.6, "photovoltaic": 1.2}),  # 合肥
    ("340200", 0.6, {"nev": 1.3}),  # 芜湖
    ("341800", 0.3, {}),  # 宣城
    ("110000", 0.8, {"hydrogen": 1.3}),  # 北京
    ("440300", 0.9, {"nev": 1.5, "photovoltaic": 1.0}),  # 深圳
    ("370200", 0.3, {"hydrogen": 1.0}),  # 青岛
    ("420100", 0.3, {"nev": 1.2}),  # 武汉
    ("510100", 0.3, {"photovoltaic": 1.2}),  # 成都
]
PROFILES: dict[tuple[str, str], dict[str, str]] = {
    ("330600", "hydrogen"): {
        "production.fossil": "W", "production.byproduct": "S", "production.electrolysis": "s",
        "production.electrolyzer": "M", "production.purification": "C",
        "storage.gas_cylinder": "S", "storage.tube_trailer": "s", "storage.liquid": "M",
        "storage.lohc": "M", "storage.solid": "W", "storage.pipeline": "C",
        "refueling.compressor": "W", "refueling.dispenser": "M", "refueling.equipment": "S",
        "refueling.operation": "S", "fuelcell.membrane": "M", "fuelcell.catalyst": "M",
        "fuelcell.gdl": "M", "fuelcell.mea": "W", "fuelcell.bipolar_plate": "S",
        "fuelcell.stack": "C", "fuelcell.bop": "W", "fuelcell.system": "s",
        "application.vehicles": "S", "application.power": "W", "application.chemicals": "S",
        "application.metallurgy": "M", "services": "s",
    },
    ("330400", "photovoltaic"): {
        "silicon.metallurgical": "M", "silicon.polysilicon": "M", "silicon.ingot": "W",
        "silicon.wafer": "s", "silicon.consumables": "C", "cell": "S", "cell.perovskite": "s",
        "cell.paste": "W", "module": "S", "module.glass": "S", "module.encapsulant": "S",
        "module.backsheet": "s", "module.frame": "W", "module.ribbon": "s",
        "module.junction_box": "S", "bos.inverter": "C", "bos.mounting": "s", "bos.storage": "S",
        "plant.utility": "M", "plant.distributed": "S", "plant.epc": "s", "plant.om": "s",
        "grid": "W", "equipment": "S", "services": "s",
    },
    ("330100", "nev"): {
        "materials.lithium": "M", "materials.nickel_cobalt": "M", "materials.rare_earth": "W",
        "battery.cathode": "W", "battery.anode": "M", "battery.electrolyte": "C",
        "battery.separator": "W", "battery.foil": "M", "battery.cell": "S", "battery.bms": "S",
        "battery.pack": "s", "motor": "S", "control": "S", "control.power_semiconductor": "C",
        "electronics.chips": "W", "electronics.cockpit": "S", "electronics.adas": "S",
        "connectivity": "S", "thermal": "s", "body": "W", "vehicle": "s", "charging": "S",
        "recycling": "s", "aftermarket": "S", "services": "s",
    },
}  # fmt: skip
# Industry words per link, (Chinese, English); a link not listed uses its chain's words.
WORDS: dict[str, list[tuple[str, str]]] = {
    "hydrogen": [("氢能科技", "Hydrogen Technology"), ("氢能源", "Hydrogen Energy")],
    "photovoltaic": [("光伏科技", "Photovoltaic Technology"), ("新能源", "New Energy")],
    "nev": [("汽车零部件", "Auto Parts"), ("新能源汽车科技", "NEV Technology")],
    "hydrogen:production.fossil": [("煤化工", "Coal Chemical"), ("气体", "Gases")],
    "hydrogen:production.byproduct": [("石化", "Petrochemical"), ("氯碱化工", "Chlor-Alkali")],
    "hydrogen:production.electrolyzer": [("氢能装备", "Hydrogen Equipment")],
    "hydrogen:production.purification": [("气体分离", "Gas Separation")],
    "hydrogen:storage.gas_cylinder": [("复合材料", "Composites"), ("压力容器", "Pressure Vessel")],
    "hydrogen:storage.tube_trailer": [("能源物流", "Energy Logistics")],
    "hydrogen:storage.liquid": [("深冷技术", "Cryogenic Technology")],
    "hydrogen:storage.solid": [("储氢材料", "Hydrogen Storage Materials")],
    "hydrogen:storage.pipeline": [("管道工程", "Pipeline Engineering")],
    "hydrogen:refueling.compressor": [("流体机械", "Fluid Machinery")],
    "hydrogen:refueling.dispenser": [("加注设备", "Dispensing Equipment")],
    "hydrogen:refueling.equipment": [("燃气设备", "Gas Equipment"), ("阀门", "Valve")],
    "hydrogen:refueling.operation": [("综合能源", "Integrated Energy")],
    "hydrogen:fuelcell.membrane": [("膜材料", "Membrane Materials")],
    "hydrogen:fuelcell.catalyst": [("催化材料", "Catalytic Materials")],
    "hydrogen:fuelcell.gdl": [("碳材料", "Carbon Materials")],
    "hydrogen:fuelcell.bipolar_plate": [("精密金属", "Precision Metal"), ("石墨", "Graphite")],
    "hydrogen:fuelcell.stack": [("燃料电池", "Fuel Cell")],
    "hydrogen:fuelcell.bop": [("动力部件", "Power Components")],
    "hydrogen:fuelcell.system": [("氢能动力", "Hydrogen Power"), ("燃料电池", "Fuel Cell")],
    "hydrogen:application.vehicles": [("氢能汽车", "Hydrogen Vehicle"), ("客车", "Bus")],
    "hydrogen:application.power": [("热电", "Heat and Power")],
    "hydrogen:application.chemicals": [("化工", "Chemical")],
    "hydrogen:application.metallurgy": [("特钢", "Special Steel")],
    "photovoltaic:silicon.metallurgical": [("硅业", "Silicon")],
    "photovoltaic:silicon.polysilicon": [("硅材料", "Silicon Materials")],
    "photovoltaic:silicon.ingot": [("晶体材料", "Crystal Materials")],
    "photovoltaic:silicon.wafer": [("硅片", "Wafer")],
    "photovoltaic:silicon.consumables": [("石英材料", "Quartz Materials")],
    "photovoltaic:cell.paste": [("电子浆料", "Electronic Paste")],
    "photovoltaic:module.glass": [("玻璃", "Glass")],
    "photovoltaic:module.encapsulant": [("胶膜", "Film")],
    "photovoltaic:module.backsheet": [("薄膜材料", "Film Materials")],
    "photovoltaic:module.frame": [("铝业", "Aluminium")],
    "photovoltaic:module.ribbon": [("焊带", "Ribbon")],
    "photovoltaic:module.junction_box": [("电气", "Electric")],
    "photovoltaic:bos.inverter": [("电源技术", "Power Electronics")],
    "photovoltaic:bos.mounting": [("金属结构", "Metal Structures")],
    "photovoltaic:bos.storage": [("储能", "Energy Storage")],
    "photovoltaic:plant.epc": [("电力工程", "Power Engineering")],
    "photovoltaic:plant.om": [("能源服务", "Energy Services")],
    "photovoltaic:grid": [("智能电网", "Smart Grid")],
    "photovoltaic:equipment": [("智能装备", "Intelligent Equipment")],
    "nev:materials.lithium": [("锂业", "Lithium")],
    "nev:materials.nickel_cobalt": [("钴业", "Cobalt")],
    "nev:materials.rare_earth": [("磁材", "Magnetic Materials")],
    "nev:battery.cathode": [("锂电材料", "Battery Materials")],
    "nev:battery.anode": [("碳素", "Carbon")],
    "nev:battery.electrolyte": [("电解液", "Electrolyte")],
    "nev:battery.separator": [("隔膜", "Separator")],
    "nev:battery.foil": [("铜箔", "Copper Foil")],
    "nev:battery.cell": [("锂电", "Lithium Battery"), ("动力电池", "Traction Battery")],
    "nev:battery.bms": [("电子科技", "Electronic Technology")],
    "nev:battery.pack": [("能源科技", "Energy Technology")],
    "nev:motor": [("电机", "Electric Motor"), ("电驱动", "Electric Drive")],
    "nev:control": [("电控", "Electronic Control")],
    "nev:control.power_semiconductor": [("半导体", "Semiconductor")],
    "nev:electronics.chips": [("微电子", "Microelectronics")],
    "nev:electronics.cockpit": [("汽车电子", "Automotive Electronics")],
    "nev:electronics.adas": [("智能驾驶", "Intelligent Driving")],
    "nev:connectivity": [("车联网", "Connected Vehicle")],
    "nev:thermal": [("热管理", "Thermal Management")],
    "nev:body": [("轻量化", "Lightweight"), ("压铸", "Die Casting")],
    "nev:vehicle": [("汽车", "Automobile")],
    "nev:charging": [("充电科技", "Charging Technology")],
    "nev:recycling": [("资源循环", "Resource Recycling")],
    "nev:aftermarket": [("汽车服务", "Automotive Services")],
}
_TRADE_CHARACTERS = (  # a trade name (字号) is two of them; with their pinyin
    "华hua 恒heng 兴xing 达da 鑫xin 源yuan 泰tai 丰feng 盛sheng 瑞rui 祥xiang 宏hong 嘉jia "
    "和he 信xin 诚cheng 博bo 远yuan 辉hui 明ming 德de 安an 康kang 永yong 隆long 昌chang "
    "顺shun 通tong 利li 金jin 天tian 宇yu 海hai 东dong 中zhong 创chuang 联lian 汇hui 聚ju "
    "卓zhuo 越yue 航hang 腾teng 飞fei 龙long 万wan 众zhong 广guang 亿yi 正zheng 元yuan "
    "佳jia 美mei 立li 富fu 晶jing 力li 思si 捷jie 峰feng 威wei 锦jin 凯kai 润run 森sen "
    "荣rong 伟wei 逸yi 澄cheng 沃wo 睿rui 拓tuo 驰chi 骏jun 钧jun 翔xiang 蓝lan 青qing"
)
TRADE = _TRADE_CHARACTERS.split()
SIZES = [("micro", 25), ("small", 45), ("medium", 22), ("large", 8)]


@dataclass
class County:
    code: str
    prefecture: str  # the code of PLACES it belongs to
    prefixes: list[tuple[str, str]]  # place names a company name may start with: (绍兴, Shaoxing)


@dataclass
class DemoOrganization:
    name: str
    name_en: str
    region: str
    kind: str
    size: str
    links: list[str] = field(default_factory=list)  # ``chain:code``
    concentrated: bool = False

    @property
    def description(self) -> str:
        return DESCRIPTION


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def cell_counts(links: dict[str, list[str]], rng: random.Random) -> list[tuple[str, str, str, int]]:
    """(place, chain, link code, organisations) for every place and leaf link."""
    weights = {
        f"{chain}:{code}": rng.choice([0.3, 0.6, 1.0, 1.0, 1.5, 2.0])
        for chain, codes in links.items()
        for code in codes
    }
    cells = []
    for place, weight, affinity in PLACES:
        for chain, codes in links.items():
            profile = PROFILES.get((place, chain))
            for code in codes:
                if profile is not None:
                    low, high = PROFILE_COUNTS[profile.get(code, "s")]
                    count = rng.randint(low, high)
                else:
                    mean = BASE * weights[f"{chain}:{code}"] * weight * affinity.get(chain, 0.6)
                    count = _poisson(rng, mean)
                cells.append((place, chain, code, count))
    return cells


def generate(
    links: dict[str, list[str]], counties: list[County], reserved: set[str], normalize
) -> list[DemoOrganization]:
    """The population for ``links`` (chain slug → leaf codes in template order) over
    ``counties``; ``reserved`` holds normalised names already taken (kept up to date)."""
    rng = random.Random(SEED)
    by_place: dict[str, list[County]] = {}
    for county in counties:
        by_place.setdefault(county.prefecture, []).append(county)
    sizes, size_weights = zip(*SIZES, strict=True)
    organizations = []
    for place, chain, code, count in cell_counts(links, rng):
        profile = PROFILES.get((place, chain))
        level = profile.get(code, "s") if profile else ""
        for _ in range(count):
            county = rng.choice(by_place[place])
            size = "large" if level == "C" else rng.choices(sizes, size_weights)[0]
            organization = _named(rng, county, chain, code, size, reserved, normalize)
            organization.links.append(f"{chain}:{code}")
            organization.concentrated = level == "C"
            # Some sit on the next link too, where no profile fixes that link's figure.
            siblings = links[chain]
            following = siblings[(siblings.index(code) + 1) % len(siblings)]
            if profile is None and rng.random() < 0.15:
                organization.links.append(f"{chain}:{following}")
            organizations.append(organization)
    return organizations


def _named(rng, county, chain, code, size, reserved, normalize) -> DemoOrganization:
    words = WORDS.get(f"{chain}:{code}") or WORDS[chain]
    research = code == "services" and rng.random() < 0.5
    while True:
        word, word_en = rng.choice(words)
        first, second = rng.sample(TRADE, 2)
        trade, trade_en = first[0] + second[0], (first[1:] + second[1:]).capitalize()
        prefix, prefix_en = rng.choice(county.prefixes)
        if research:
            name, name_en = (
                f"{prefix}{trade}{word}研究院",
                f"{trade_en} {word_en} Research Institute",
            )
        else:
            suffix, suffix_en = rng.choice(
                [("有限公司", "Co., Ltd.")] * 5 + [("股份有限公司", "Co., Ltd.")]
            )
            name, name_en = f"{prefix}{trade}{word}{suffix}", f"{trade_en} {word_en} {suffix_en}"
        name_en = f"{prefix_en} {name_en}"
        key = normalize(name)
        if key not in reserved:
            reserved.add(key)
            kind = "research_institute" if research else "enterprise"
            return DemoOrganization(name, name_en, county.code, kind, "" if research else size)
