"""The vocabulary of official text: how a 文号, a date, an issuing authority, an attachment
line and a signature are written. The reader of the document's tree (structure.py), its
checks (refusals.py) and the importer (importer.py) all read with these, so that they never
disagree on what a 文号, a date or a sentence is. Numbering labels (一、 （一） 1. 第一条) are in
model.numerals: the model reads a provision's list items with them too."""

from __future__ import annotations

import datetime
import re

from notice_site.folder.load import CLOSERS, SENTENCE_END
from notice_site.model.notice import KINDS
from notice_site.model.numerals import LABELS, digits_value, label, numeral_value

# What stands between the issuer and the subject in a title: <issuer>关于…的通知,
# <issuer>印发《…》的通知 (the issuer is the text before the first of them).
TITLE_JOINS = ("关于", "印发")
# A title as the customs website prints it: 某署公告2026年第1号（关于…的公告）; groups: the
# issuer, the document's own title.
PUBLISHED_TITLE = re.compile(r"(\S+?)公告\d{4}年第\d+号[（(](.+)[）)]")
# A 文号: 某关发〔2026〕1号 (the year's brackets vary with the typist, so all are
# accepted), or an announcement's 海关总署公告2026年第1号.
DOC_NUMBER = re.compile(
    r"\S*?(?:〔\d{4}〕|\[\d{4}\]|【\d{4}】|（\d{4}）|\(\d{4}\))\d+号"
    r"|\S*公告\d{4}年第\d+号"
)
# A date, in figures or in Chinese numerals (2026年3月1日, 二〇二六年三月一日); groups:
# year, month, day (iso_date reads them).
DATE = re.compile(
    r"([0-9〇零一二三四五六七八九]{4})年([0-9〇零一二三四五六七八九十]{1,3})月"
    r"([0-9〇零一二三四五六七八九十]{1,3})日"
)
# The day a text takes effect: 自2026年3月1日起施行 (实施, 执行, 生效); groups as DATE's.
EFFECTIVE = re.compile(r"自" + DATE.pattern + r"起(?:施行|实施|执行|生效)")
# How the names of issuing authorities end (海关, 总署, 商务部, 市人民政府, 管理委员会…).
AUTHORITY = ("关", "署", "部", "局", "厅", "委", "会", "院", "办", "室", "府", "处", "中心", "所")
# A publication note closing a signature: （此件公开发布）.
NOTE = re.compile(r"[（(]此件[^）)]*[）)]")
# What closes a notice's text: 特此通知。 and its kin, a paragraph of their own.
CLOSING_FORMULAS = ("特此通知。", "特此公告。", "特此通告。", "特此函告。")
# The copies line of the record at a document's foot (版记): 抄送：<the authorities>.
COPIES = re.compile(r"抄送[:：].*")
# The rest of a list of attachments after 附件：1.<title>: 2.<title>, 3、<title>.
LISTED = re.compile(r"\d{1,2}[.．、][^。]{2,60}")
# （负责部门：…；适用范围：…）, （市场监管总局负责）: who is responsible, at a provision's end;
# group 1 or 2: the departments.
DEPARTMENTS = re.compile(
    r"[（(](?:负责部门[：:]([^）)]*?)(?:[；，;,][^）)：:]*[：:][^）)]*)?|([^（()）]{2,60}?)负责)[）)]$"
)
# The file an attachment is, named in the list of attachments: 示例清单.xlsx; group 1: its title.
FILE_NAME = re.compile(r"(.+?)\.(?:docx?|xlsx?|pdf|wps|et|ofd|txt|zip|rar|jpe?g|png)", re.I)
# An attachment line: 附件:<title> (either colon), or 附件 (附件1) alone; group 1: the title.
ATTACHMENT = re.compile(r"附件\s*\d*\s*(?:[:：](.*))?")
# 附件 or 附件1 alone on its line (its colon at most): the label an attached document starts with.
BARE_ATTACHMENT = re.compile(r"附件\s*\d*\s*[:：]?")


def iso_date(match: re.Match[str]) -> str:
    """The date a DATE (or EFFECTIVE) match names, as 2025-11-03; "" if it is no calendar date."""
    values = []
    for part in match.group(1, 2, 3):
        value = int(part) if part.isdigit() else numeral_value(part) or digits_value(part)
        if value is None:
            return ""
        values.append(value)
    try:
        return datetime.date(*values).isoformat()
    except ValueError:
        return ""


def names_authorities(text: str) -> bool:
    """A short line naming an authority (某某海关), or several signing together (海关总署
    财政部 商务部), and no sentence."""
    names = text.split()
    return (
        0 < len(names) <= 8
        and all(len(name) <= 30 and name.endswith(AUTHORITY) for name in names)
        and not re.search(r"[。！？，；：、]", text)
    )


def is_signature_line(text: str) -> bool:
    """A line of a signature block: the authorities signing (names_authorities), a date, a
    note."""
    return names_authorities(text) or bool(DATE.fullmatch(text)) or bool(NOTE.fullmatch(text))


def is_recipients(text: str) -> bool:
    """各省、自治区、直辖市人民政府，国务院各部委、各直属机构：: addressees, then ：."""
    return (
        text.endswith(("：", ":"))
        and len(text) <= 120
        and label(text) is None
        and "如下" not in text
        and text[:-1].endswith((*AUTHORITY, "构", "门", "位", "业", "司", "行", "校", "员"))
    )


def continues_attachments(text: str) -> bool:
    """The list of attachments goes on: 2.<title>, or 附件2：<title> on a line of its own."""
    return bool(LISTED.fullmatch(text)) or (
        bool(ATTACHMENT.fullmatch(text)) and not BARE_ATTACHMENT.fullmatch(text)
    )


def names_kind(title: str) -> bool:
    """A title ends in the kind of document it is (KINDS): …的公告, or, as the customs website
    prints it, 某署公告2026年第1号（关于…的公告）."""
    published = PUBLISHED_TITLE.fullmatch(title)
    return (published.group(2) if published else title).endswith(KINDS)


def listed_title(text: str) -> str:
    """The title a list of attachments gives after 附件：, its number (1.) and the file's
    extension (.xlsx) left out: 1.示例清单.xlsx → 示例清单."""
    text = re.sub(r"^\d{1,2}[.．、]", "", text.strip())
    named = FILE_NAME.fullmatch(text)
    return named.group(1) if named else text


def bad_label(text: str) -> tuple[str, str] | None:
    """A paragraph that starts as a numbering label does but with a numeral that is none
    (三三、, 一十、, 两、): its kind (LABELS) and the label as shown; None for any other text."""
    if label(text) is not None:
        return None
    for kind, pattern in LABELS:
        match = pattern.fullmatch(text)
        if match:
            return kind, match.group(1)
    return None


def title_issuer(title: str) -> str:
    """The issuer a title names before 关于 or 印发 (TITLE_JOINS), or before 公告<year>年第<n>号
    as the customs website prints it; "" if it names none."""
    published = PUBLISHED_TITLE.fullmatch(title)
    if published:
        return published.group(1).strip()
    return re.split("|".join(TITLE_JOINS), title, maxsplit=1)[0].strip()


# What a text says after the departments it names: 商务部、海关总署等按职责分工负责.
DEPARTMENT_TAIL = re.compile(r"(?:等(?:部门|单位)?)?(?:按职责分工|按职责|分别|共同|牵头)*$")


def department_names(departments: str) -> tuple[str, ...]:
    """The departments a provision names as responsible, one by one (商务部、海关总署等按职责
    分工 → 商务部, 海关总署), in its order; the text keeps them as it is."""
    names = []
    for name in re.split(r"[、，,；;]|(?<=[部委局署办行会])(?:和|及)", departments):
        name = DEPARTMENT_TAIL.sub("", name.strip()).strip()
        if name and name not in names:
            names.append(name)
    return tuple(names)


_SENTENCE = re.compile(f"[{SENTENCE_END}][{CLOSERS}]*")


def split_clauses(text: str) -> tuple[str, ...]:
    """The sentences of `text`, each with the closing marks after its 。！？; joined, they are `text`."""
    clauses = []
    start = 0
    for end in _SENTENCE.finditer(text):
        clauses.append(text[start : end.end()])
        start = end.end()
    # Text after the last sentence end stays a clause: the validator names it, and the
    # importer never invents punctuation the official text does not have. A note in
    # brackets there (（负责部门：…）, （市场监管总局负责）) belongs to the sentence before it.
    rest = text[start:]
    if rest and clauses and _TRAILING_NOTE.fullmatch(rest):
        clauses[-1] += rest
    elif rest:
        clauses.append(rest)
    return tuple(clauses)


# A bracketed note ending a paragraph after its last sentence: （负责部门：…；适用范围：…）
_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[）)]")  # (load.TRAILING_NOTE checks it)


# A 文号 as a text cites another document by it, its issuer aside: 公告〔2023〕60号, 署税发
# 〔2023〕60号, 海关总署公告2023年第60号, 海关总署2019年第18号公告, 2023年联合公告第26号.
# Groups: the kind (of the first three forms: 公告, 联合公告, 令), the year, the number.
CITED_NUMBER = re.compile(
    r"(?P<k1>联合公告|公告|令)(?P<y1>\d{4})年第(?P<n1>\d+)号"
    r"|(?P<y2>\d{4})年第(?P<n2>\d+)号(?P<k2>联合公告|公告|令)"
    r"|(?P<y3>\d{4})年(?P<k3>联合公告)第(?P<n3>\d+)号"
    r"|[〔\[【](?P<y4>\d{4})[〕\]】](?P<n4>\d+)号"
)
# The series of numbered documents a 文号 may name, each numbered on its own.
SERIES = ("联合公告", "公告", "令")
# The words an issuer's name in a citation never starts with: what a sentence says before
# it (将海关总署公告…, 对《…》).
_NOT_ISSUER = (
    "现将",
    "根据",
    "按照",
    "依据",
    "同时",
    "将",
    "对",
    "把",
    "经",
    "由",
    "与",
    "和",
    "及",
    "并",
    "原",
)
_CJK = re.compile(r"[\u4e00-\u9fff、]")


def number_key(match: re.Match[str], text: str) -> tuple[str, int, int]:
    """What tells one 文号 from another (a CITED_NUMBER match in `text`): its kind, year and
    number. The kind is 公告, 联合公告 (a series of its own: 2023年联合公告第26号 is not
    海关总署公告2023年第26号) or 令, else the characters before 〔 (署税发, 公告)."""
    for k in "1234":
        if match.group(f"y{k}"):
            year, number = int(match.group(f"y{k}")), int(match.group(f"n{k}"))
            kind = (
                match.group(f"k{k}")
                if k != "4"
                else text[issuer_start(text, match.start()) : match.start()]
            )
            for series in SERIES:
                if kind.endswith(series):
                    kind = series
                    break
            return kind, year, number
    raise ValueError(match.group())


def same_number(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    """Whether two number_keys name one document: the same year and number, and the same
    kind: one series (SERIES), or the characters before 〔, which a citation may write with
    more words before them (署税发, 海关署税发)."""
    if a[1:] != b[1:]:
        return False
    if a[0] in SERIES or b[0] in SERIES:
        return a[0] == b[0]
    return bool(a[0]) and bool(b[0]) and (a[0].endswith(b[0]) or b[0].endswith(a[0]))


def issuer_start(text: str, at: int) -> int:
    """Where the issuer's name before `at` starts (海关总署、农业农村部 before 2023年联合公告
    第26号): the Chinese characters and 、 just before it, after the words a sentence says
    before a name (_NOT_ISSUER); `at` where there are none."""
    start = at
    while start > 0 and at - start < 40 and _CJK.match(text[start - 1]):
        start -= 1
    stripped = True
    while stripped and start < at:
        stripped = False
        for word in _NOT_ISSUER:
            if text.startswith(word, start) and start + len(word) < at:
                start += len(word)
                stripped = True
                break
    while start < at and text[start] == "、":
        start += 1
    return start


def numbers_in(text: str) -> list[tuple[int, int, tuple[str, int, int]]]:
    """The 文号 `text` cites (CITED_NUMBER), each as (start, end, number_key), the start
    taking in the issuer's name before it."""
    return [
        (issuer_start(text, m.start()), m.end(), number_key(m, text))
        for m in CITED_NUMBER.finditer(text)
    ]


def quotations(text: str) -> tuple[list[tuple[int, int, tuple[str, ...]]], int]:
    """The quotations “…” of `text` (its paragraphs joined by line breaks), each as (start,
    end, its words paragraph by paragraph), the quotations nested in it part of its words;
    and where one is left open at the end, where it starts (-1 for none). A quotation
    open at a paragraph's end goes on in the next, whose opening “ only marks that it goes
    on (as official texts quote several paragraphs)."""
    found = []
    at = 0
    while (start := text.find("“", at)) >= 0:
        depth, k, paragraphs, current = 1, start + 1, [], []
        while k < len(text) and depth:
            c = text[k]
            if c == "“" and text[k - 1] == "\n" and depth == 1:
                pass  # the quotation goes on in this paragraph
            elif c == "“":
                depth += 1
                current.append(c)
            elif c == "”":
                depth -= 1
                if depth:
                    current.append(c)
            elif c == "\n":
                paragraphs.append("".join(current))
                current = []
            else:
                current.append(c)
            k += 1
        if depth:
            return found, start
        paragraphs.append("".join(current))
        found.append((start, k, tuple(paragraphs)))
        at = k
    return found, -1
