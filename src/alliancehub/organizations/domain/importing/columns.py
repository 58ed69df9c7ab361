"""The columns an import understands, by the headers people give them."""

from django.utils.translation import gettext_lazy

from ....common.text import fold

#: Column headers understood, by field; matched after ``fold`` (case, width, script).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "名称", "单位名称", "组织名称", "企业名称", "机构名称", "chinese name"),
    "name_en": ("name_en", "english name", "英文名称", "英文名"),
    "credit_code": ("credit_code", "统一社会信用代码", "信用代码", "unified social credit code"),
    "kind": ("kind", "type", "类型", "机构类型", "单位类型"),
    "region": ("region", "地区", "所在地区", "行政区划", "行政区划代码", "region code"),
    "industry": ("industry", "行业", "行业代码", "所属行业", "industry code"),
    "size": ("size", "规模", "企业规模"),
    "founded_on": ("founded_on", "founded", "成立日期", "成立时间"),
    "website": ("website", "网站", "网址", "官网"),
    "description": ("description", "简介", "描述", "介绍"),
    "contact_name": ("contact_name", "contact", "联系人"),
    "contact_title": ("contact_title", "联系人职务", "职务"),
    "contact_phone": ("contact_phone", "phone", "联系电话", "电话"),
    "contact_email": ("contact_email", "email", "e-mail", "邮箱", "电子邮箱"),
}
COLUMN_LABELS = {
    "name": gettext_lazy("Name"),
    "name_en": gettext_lazy("English name"),
    "credit_code": gettext_lazy("Unified social credit code"),
    "kind": gettext_lazy("Kind"),
    "region": gettext_lazy("Region"),
    "industry": gettext_lazy("Industry class"),
    "size": gettext_lazy("Size"),
    "founded_on": gettext_lazy("Founded on"),
    "website": gettext_lazy("Website"),
    "description": gettext_lazy("Description"),
    "contact_name": gettext_lazy("Contact"),
    "contact_title": gettext_lazy("Contact's title"),
    "contact_phone": gettext_lazy("Contact's phone"),
    "contact_email": gettext_lazy("Contact's e-mail"),
}
_HEADER_LOOKUP = {fold(alias): field for field, aliases in COLUMNS.items() for alias in aliases}
