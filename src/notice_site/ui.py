"""Our own interface strings, written once in Simplified; Traditional comes from the converter.

Nothing here names a notice: the strings that speak of it take its issuer,
short title and number of measures from its measures.yaml ({issuer},
{short_title}, {total}), filled in once per edition by `strings`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from notice_site.model import Notice

# Keys are used by the templates in overrides/ and src/notice_site/templates/.
# {issuer}, {short_title} and {total} are the notice's (see NOTICE_FIELDS); other
# placeholders in braces are filled later with str.format, never in the same string.
STRINGS: dict[str, str] = {
    "measure_label": "第{numeral}条",
    "measure_of": "共 {count} 条",
    "measure_count": "{count} 条措施",
    "clauses": "条文",
    "clause_link": "链接到第 {ref} 句",
    "copy_link": "复制链接",
    "copy_citation": "复制引用",
    "copy_link_of": "复制第 {ref} 句的链接",
    "copy_citation_of": "复制第 {ref} 句的引用",
    "copied": "已复制",
    "copy_failed": "复制失败，请手动复制",
    "citation": "{document}（{number}）{label}第 {k} 句（{ref}）：{text} {url}",
    "themes": "主题",
    "themes_title": "按主题浏览",
    "themes_intro": "每条措施归入一个或多个主题。选择主题，查看相关的全部措施。",
    "related": "相关措施",
    "same_theme": "同一主题的其他措施",
    "previous": "上一条",
    "next": "下一条",
    "pagination": "措施翻页",
    "source": "出处",
    "document_title": "文件",
    "issuer": "发文机关",
    "number": "文号",
    "official_notice": "{issuer}网站上的原文",
    "measures": "{short_title}",
    "measures_index": "措施一览",
    "measures_index_intro": "{short_title}的全部条目。选择主题可筛选下表。",
    "filter": "按主题筛选",
    "filter_all": "全部",
    "filter_shown": "显示 {shown} / {count} 条",
    "column_number": "序号",
    "column_title": "措施",
    "column_themes": "主题",
    "preamble": "通知",
    "attachment": "附件",
    "home": "首页",
    "copyright": "本站文本来自{issuer}公开发布的通知，以原文为准。",
    "downloads": "下载",
    "download_booklet": "下载全文（PDF）",
    "download_measure": "下载本条（PDF）",
    "offline_title": "离线版",
    "download_offline": "下载离线版（ZIP）",
    "offline_intro": "离线版是整个网站（简体、繁体两种文字，含两本 PDF 全文）的压缩包：解压后用浏览器打开其中的 index.html，不联网也能阅读和检索。",
    "page_url": "本页网址",
    "edition_zh-Hans": "简体中文版",
    "edition_zh-Hant": "繁体中文版",
    "about": "关于本文件",
    "about_intro": "本站逐条发布下列通知所附的{short_title}，每条措施一页，每句一个可链接的编号。",
    "about_script": "简体中文文本与原文逐字一致；繁体中文文本由简体自动转换（OpenCC s2tw，并经人工审校的少量修正），只改字形，不改措辞，以简体原文为准。",
    "about_links": "每条措施有固定的网址，其中每一句另有网址（在措施网址后加 #c 和句序号），长期有效，可放心引用。例如：",
    "open_data": "开放数据",
    "open_data_intro": "全文以结构化数据提供，可自由下载使用：",
    "open_data_json": "JSON：文件信息、主题和每条措施及其各句、主题、相关措施和网址。",
    "open_data_csv": "CSV（UTF-8，带 BOM，Excel 可直接打开）：每句一行。以 =、+、-、@ 开头的单元格前加英文单引号，以免表格软件把它当作公式执行。",
    "open_data_schema": "JSON 的结构说明（JSON Schema）。",
    "open_data_fields": "CSV 各列",
    "field_measure": "措施序号（1–{total}）",
    "field_clause": "句序号（从 1 起）",
    "field_ref": "引用编号，如 13.3",
    "field_title": "措施标题",
    "field_themes": "主题代码，以空格分隔",
    "field_text": "该句原文",
    "field_url": "该句的网址",
    # PDFs
    "contents": "目录",
    "permalink": "永久链接",
    "theme_index": "主题索引",
    "scan_to_open": "用手机扫描二维码，打开本条措施的网页",
}


NOTICE_FIELDS = ("issuer", "short_title", "total")
_NOTICE_FIELD = re.compile(r"\{(" + "|".join(NOTICE_FIELDS) + r")\}")


def strings(notice: Notice, convert: Callable[[str], str] | None = None) -> dict[str, str]:
    """The interface strings of one edition of `notice` (already in its script), converted
    when a converter is given, with the notice's own fields filled in."""
    d = notice.document
    values = {"issuer": d.issuer, "short_title": d.short_title, "total": str(len(notice.measures))}

    def fill(text: str) -> str:
        # One pass: a value holding braces is never read as a placeholder.
        return _NOTICE_FIELD.sub(lambda match: values[match.group(1)], text)

    convert = convert or (lambda text: text)
    return {key: fill(convert(value)) for key, value in STRINGS.items()}
