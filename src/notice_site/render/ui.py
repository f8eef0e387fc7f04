"""Our own interface strings: in Simplified, and in Traditional as written for readers in
Taiwan and Hong Kong.

The Traditional strings are a reviewed table of their own (TRADITIONAL), not the
converter's output: s2tw changes character forms, and our strings also need the
wording those readers expect (連結, not 鏈接; 開放資料, not 開放數據; 開啟, not 打開).
The converter only stands in for a string missing from the table, and a test
names every such string. The notice's own override table never rewords the
notice; this table is for our words only.

Nothing here names a notice: the strings that speak of it take its issuer,
short title, attachment title and number of measures from its measures.yaml
({issuer}, {short_title}, {attachment_title}, {total}), filled in once per
edition by `strings`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from notice_site.model import languages
from notice_site.model.notice import Notice
from notice_site.model.tree import ARTICLE, UNNUMBERED

# Keys are used by the templates in overrides/ and src/notice_site/render/templates/.
# {issuer}, {short_title}, {attachment_title} and {total} are the notice's (see
# NOTICE_FIELDS); other placeholders in braces are filled later with str.format,
# never in the same string.
STRINGS: dict[str, str] = {
    "measure_label": ARTICLE,
    # a citation of the one provision of a notice whose text numbers none
    "measure_unnumbered": UNNUMBERED,
    "measure_of": "共 {count} 条",
    "measure_count": "{count} 条措施",
    "clauses": "条文",
    "clause_link": "链接到第 {ref} 句",
    # A button's accessible name starts with its visible label (WCAG 2.5.3, label in name).
    "copy_link": "复制链接",
    "copy_citation": "复制引用",
    "copy_link_of": "复制链接（第 {ref} 句）",
    "copy_citation_of": "复制引用（第 {ref} 句）",
    "copied": "已复制",
    "draft": "草稿",
    "draft_banner": "草稿：本网站依据导入的原文生成，供编辑核对，尚未完成编辑，不是正式发布的版本。",
    "status_in_force": "现行有效",
    "status_amended": "已修改",
    "status_replaced": "已被替代",
    "status_repealed": "已废止",
    "status_banner_amended": "本文件发布后已被修改，本站所载为其发布时的文本。",
    "status_banner_replaced": "本文件已被替代，不再有效。替代它的文件：",
    "status_banner_repealed": "本文件已废止，不再有效。",
    "replaces": "本文件替代：",
    "library_intro": "本站发布的全部 {count} 份文件，各自注明现行有效与否。",
    "library_owner": "本站由{owner}主办。",
    "no_longer_in_force": "（不再有效）",
    "moved": "本页已移至：",
    "no_longer_in_force_title": "不再有效",
    "library_filter_status": "按状态筛选：",
    "library_filter_issuer": "按发文机关筛选：",
    "library_filter_year": "按年份筛选：",
    "library_filter_theme": "按主题筛选：",
    "library_column_title": "文件",
    "library_column_date": "日期",
    "library_column_status": "状态",
    # The government site's identity in every footer (gov.py) and the reading tools in
    # every header: 字号 (text size), 高对比度, and 朗读 on measure pages.
    "gov_identity": "网站信息",
    "gov_owner": "主办单位",
    "gov_site_code": "网站标识码",
    "gov_contact": "联系我们",
    "gov_report_errors": "我为政府网站找错",
    "tools": "阅读辅助",
    "text_size": "字号",
    "text_size_normal": "标准",
    "text_size_large": "大",
    "text_size_xlarge": "特大",
    "high_contrast": "高对比度",
    "read_aloud": "朗读",
    "read_aloud_stop": "停止朗读",
    "copy_failed": "复制失败，请手动复制",
    "citation": "{document}（{number}）{label}第 {k} 句（{ref}）：{text} {url}",
    # Tables (model.tree.Table): a row's reference (附件2序号23, 附件2第23行), the table it is in
    # when a provision holds it, its citation (filled in by tables.js: {ref} {text} {url}).
    "row_numbered": "序号{n}",
    "row_at": "第{n}行",
    "table_in_measure": "{label}所附“{caption}”",
    "row_link": "链接到{ref}",
    "row_citation": "{document}（{number}）{ref}：{text} {url}",
    "table_region": "表格：{caption}（可左右滚动）",
    "row_tools": "链接",
    "table_filter": "在表中查找（编号、名称）",
    "table_filter_status": "显示 {shown} / {rows} 行",
    "themes": "主题",
    "themes_title": "按主题浏览",
    "themes_intro": "每条措施归入一个或多个主题。选择主题，查看相关的全部措施。",
    "related": "相关措施",
    "divisions": "所在部分",
    "departments": "责任部门",
    "filter_departments": "按责任部门筛选：",
    "same_theme": "同一主题的其他措施",
    "elsewhere": "本站其他文件中同一主题的措施",
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
    "preamble": "{kind}",
    "attachment": "附件",
    # The notice's own line, as the official text writes it (a half-width colon).
    "attachment_line": "附件:{attachment_title}",
    "home": "首页",
    "not_found": "找不到这个页面",
    "not_found_text": "这个网址没有页面。请从首页查找，或使用搜索。",
    "back_home": "返回首页",
    "copyright": "本站文本来自{issuer}公开发布的{kind}，以原文为准。",
    "downloads": "下载",
    "download_booklet": "下载全文（PDF）",
    "download_measure": "下载本条（PDF）",
    "download_division": "下载本部分（PDF）",
    "download_document": "下载本附件（PDF）",
    "offline_title": "离线版",
    "download_offline": "下载离线版（ZIP）",
    "offline_intro": "离线版是整个网站（简体、繁体两种文字，含两本 PDF 全文）的压缩包：解压后用浏览器打开其中的 index.html，不联网也能阅读和检索。",
    "page_url": "本页网址",
    "edition_zh-Hans": "简体中文版",
    "edition_zh-Hant": "繁体中文版",
    "about": "关于本文件",
    "interpretation": "政策解读",
    "interpretation_intro": "本文件的官方政策解读。解读中提到的条款链接到该条。",
    "interpretation_explains": "本条的政策解读",
    "interpretation_explains_division": "政策解读中的说明",
    "about_intro": "本站逐条发布下列{kind}所附的{short_title}，每条措施一页，每句一个可链接的编号。",
    "about_script": "简体中文文本与原文逐字一致；繁体中文文本由简体自动转换（OpenCC s2tw，并经人工审校的少量修正），只改字形和标点（引号写作「」『』），从不改动措辞，以简体原文为准。",
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
    "field_division": "该句所在的部分，从上到下（以 › 分隔）",
    # PDFs
    "contents": "目录",
    "permalink": "永久链接",
    "theme_index": "主题索引",
    "scan_to_open": "用手机扫描二维码，打开本条措施的网页",
}


# Reviewed Traditional wording, accepted in Taiwan and in Hong Kong alike: 連結, 資料,
# 資訊, 開啟, 儲存格, 壓縮檔, 離線, QR 碼, 依主題; punctuation 「」『』 and ：.
TRADITIONAL: dict[str, str] = {
    "measure_label": "第{numeral}條",
    "measure_unnumbered": "正文",
    "measure_of": "共 {count} 條",
    "measure_count": "{count} 條措施",
    "clauses": "條文",
    "clause_link": "連結到第 {ref} 句",
    "copy_link": "複製連結",
    "copy_citation": "複製引用",
    "copy_link_of": "複製連結（第 {ref} 句）",
    "copy_citation_of": "複製引用（第 {ref} 句）",
    "copied": "已複製",
    "draft": "草稿",
    "draft_banner": "草稿：本網站依據匯入的原文產生，供編輯核對，尚未完成編輯，不是正式發布的版本。",
    "status_in_force": "現行有效",
    "status_amended": "已修改",
    "status_replaced": "已被替代",
    "status_repealed": "已廢止",
    "status_banner_amended": "本文件發布後已被修改，本站所載為其發布時的文本。",
    "status_banner_replaced": "本文件已被替代，不再有效。替代它的文件：",
    "status_banner_repealed": "本文件已廢止，不再有效。",
    "replaces": "本文件替代：",
    "library_intro": "本站發布的全部 {count} 份文件，各自註明現行有效與否。",
    "library_owner": "本站由{owner}主辦。",
    "no_longer_in_force": "（不再有效）",
    "moved": "本頁已移至：",
    "no_longer_in_force_title": "不再有效",
    "library_filter_status": "依狀態篩選：",
    "library_filter_issuer": "依發文機關篩選：",
    "library_filter_year": "依年份篩選：",
    "library_filter_theme": "依主題篩選：",
    "library_column_title": "文件",
    "library_column_date": "日期",
    "library_column_status": "狀態",
    "gov_identity": "網站資訊",
    "gov_owner": "主辦單位",
    "gov_site_code": "網站標識碼",
    "gov_contact": "聯絡我們",
    "gov_report_errors": "我為政府網站找錯",
    "tools": "閱讀輔助",
    "text_size": "字號",
    "text_size_normal": "標準",
    "text_size_large": "大",
    "text_size_xlarge": "特大",
    "high_contrast": "高對比度",
    "read_aloud": "朗讀",
    "read_aloud_stop": "停止朗讀",
    "copy_failed": "複製失敗，請手動複製",
    "citation": "{document}（{number}）{label}第 {k} 句（{ref}）：{text} {url}",
    "row_numbered": "序號{n}",
    "row_at": "第{n}行",
    "table_in_measure": "{label}所附「{caption}」",
    "row_link": "連結到{ref}",
    "row_citation": "{document}（{number}）{ref}：{text} {url}",
    "table_region": "表格：{caption}（可左右捲動）",
    "row_tools": "連結",
    "table_filter": "在表中查找（編號、名稱）",
    "table_filter_status": "顯示 {shown} / {rows} 行",
    "themes": "主題",
    "themes_title": "依主題瀏覽",
    "themes_intro": "每條措施歸入一個或多個主題。選擇主題，即可查看相關的全部措施。",
    "related": "相關措施",
    "divisions": "所在部分",
    "departments": "責任部門",
    "filter_departments": "依責任部門篩選：",
    "same_theme": "同一主題的其他措施",
    "elsewhere": "本站其他文件中同一主題的措施",
    "previous": "上一條",
    "next": "下一條",
    "pagination": "上一條與下一條措施",
    "source": "出處",
    "document_title": "文件",
    "issuer": "發文機關",
    "number": "文號",
    "official_notice": "{issuer}網站上的原文",
    "measures": "{short_title}",
    "measures_index": "措施一覽",
    "measures_index_intro": "{short_title}的全部條目。可依主題篩選下表。",
    "filter": "依主題篩選",
    "filter_all": "全部",
    "filter_shown": "顯示 {shown} / {count} 條",
    "column_number": "序號",
    "column_title": "措施",
    "column_themes": "主題",
    "preamble": "{kind}",
    "attachment": "附件",
    "attachment_line": "附件：{attachment_title}",
    "home": "首頁",
    "not_found": "找不到這個頁面",
    "not_found_text": "這個網址沒有頁面。請從首頁查找，或使用搜尋。",
    "back_home": "返回首頁",
    "copyright": "本站文本來自{issuer}公開發布的{kind}，以原文為準。",
    "downloads": "下載",
    "download_booklet": "下載全文（PDF）",
    "download_measure": "下載本條（PDF）",
    "download_division": "下載本部分（PDF）",
    "download_document": "下載本附件（PDF）",
    "offline_title": "離線版",
    "download_offline": "下載離線版（ZIP）",
    "offline_intro": "離線版是整個網站（簡體、繁體兩種文字，含兩本 PDF 全文）的壓縮檔：解壓縮後以瀏覽器開啟其中的 index.html，離線也能閱讀和搜尋。",
    "page_url": "本頁網址",
    "edition_zh-Hans": "簡體中文版",
    "edition_zh-Hant": "繁體中文版",
    "about": "關於本文件",
    "interpretation": "政策解讀",
    "interpretation_intro": "本文件的官方政策解讀。解讀中提到的條款連結到該條。",
    "interpretation_explains": "本條的政策解讀",
    "interpretation_explains_division": "政策解讀中的說明",
    "about_intro": "本站逐條發布下列{kind}所附的{short_title}，每條措施一頁，每句都有可連結的編號。",
    "about_script": "簡體中文文本與原文逐字一致；繁體中文文本由簡體自動轉換（OpenCC s2tw，並經人工審校的少量修正），只改字形和標點（引號寫作「」『』），從不改動措辭，以簡體原文為準。",
    "about_links": "每條措施都有固定的網址，其中每一句另有網址（在措施網址後加上 #c 和句序號），長期有效，可放心引用。例如：",
    "open_data": "開放資料",
    "open_data_intro": "全文以結構化資料提供，可自由下載使用：",
    "open_data_json": "JSON：文件資訊、主題，以及每條措施及其各句、主題、相關措施和網址。",
    "open_data_csv": "CSV（UTF-8，含 BOM，Excel 可直接開啟）：每句一行。以 =、+、-、@ 開頭的儲存格前加上英文單引號，以免試算表將其當作公式執行。",
    "open_data_schema": "JSON 的結構說明（JSON Schema）。",
    "open_data_fields": "CSV 各欄",
    "field_measure": "措施序號（1–{total}）",
    "field_clause": "句序號（從 1 起）",
    "field_ref": "引用編號，如 13.3",
    "field_title": "措施標題",
    "field_themes": "主題代碼，以空格分隔",
    "field_text": "該句原文",
    "field_url": "該句的網址",
    "field_division": "該句所在的部分，從上到下（以 › 分隔）",
    # PDFs
    "contents": "目錄",
    "permalink": "永久連結",
    "theme_index": "主題索引",
    "scan_to_open": "以手機掃描 QR 碼，開啟本條措施的網頁",
}

# The reviewed table of each script that is not the source's.
TABLES: dict[str, dict[str, str]] = {languages.TRADITIONAL.code: TRADITIONAL}

NOTICE_FIELDS = ("issuer", "short_title", "attachment_title", "total", "kind")
# The strings only a notice with tables shows (search's fold table leaves them out for a
# notice without, whose index stays as it was).
TABLE_STRINGS = frozenset(
    {
        "row_numbered",
        "row_at",
        "table_in_measure",
        "row_link",
        "row_citation",
        "table_region",
        "row_tools",
        "table_filter",
        "table_filter_status",
        "download_division",
        "download_document",
    }
)
_NOTICE_FIELD = re.compile(r"\{(" + "|".join(NOTICE_FIELDS) + r")\}")


def untranslated(language: str) -> list[str]:
    """Keys of our strings that the reviewed table of `language` lacks (the converter's
    wording would stand in for them)."""
    table = TABLES.get(language)
    return [] if table is None else [key for key in STRINGS if key not in table]


def strings(
    notice: Notice, language: str, convert: Callable[[str], str] | None = None
) -> dict[str, str]:
    """The interface strings of one edition of `notice` (already in the script of
    `language`), with the notice's own fields filled in.

    A script other than the source's takes its reviewed table; a string the table
    lacks is converted (see `untranslated`).
    """
    d = notice.document
    values = {
        "issuer": d.issuer,
        "short_title": d.short_title,
        "attachment_title": d.attachment,
        "total": str(len(notice.measures)),
        "kind": d.kind,
    }

    def fill(text: str) -> str:
        # One pass: a value holding braces is never read as a placeholder.
        return _NOTICE_FIELD.sub(lambda match: values[match.group(1)], text)

    table = TABLES.get(language, {})
    convert = convert or (lambda text: text)
    return {key: fill(table.get(key) or convert(value)) for key, value in STRINGS.items()}
