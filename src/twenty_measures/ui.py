"""Our own interface strings, written once in Simplified; Traditional comes from the converter."""

from __future__ import annotations

from collections.abc import Callable

# Keys are used by the templates in overrides/ and src/twenty_measures/templates/.
STRINGS: dict[str, str] = {
    "measure_label": "第{numeral}条",
    "measure_of": "共 {count} 条",
    "clauses": "条文",
    "clause_link": "链接到第 {ref} 句",
    "themes": "主题",
    "related": "相关措施",
    "previous": "上一条",
    "next": "下一条",
    "pagination": "措施翻页",
    "source": "出处",
    "document_title": "文件",
    "issuer": "发文机关",
    "number": "文号",
    "official_notice": "海口海关网站上的原文",
    "measures": "二十条措施",
    "preamble": "通知",
    "attachment": "附件",
    "home": "首页",
    # PDFs
    "contents": "目录",
    "permalink": "永久链接",
    "theme_index": "主题索引",
    "scan_to_open": "用手机扫描二维码，打开本条措施的网页",
}


def strings(convert: Callable[[str], str] | None = None) -> dict[str, str]:
    """The interface strings, converted when a converter is given."""
    if convert is None:
        return dict(STRINGS)
    return {key: convert(value) for key, value in STRINGS.items()}
