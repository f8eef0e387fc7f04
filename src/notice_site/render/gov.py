"""What a Chinese government website shows and declares on every page.

The guidelines for government websites (《政府网站发展指引》, 国办发〔2017〕47号) ask
every page to say who runs the site (主办单位), its 网站标识码, its ICP filing number
(linked to the ministry's filing site), its public-security filing number (linked to
the public-security filing site), how to reach it, and where to report an error
(我为政府网站找错); national checks read a set of identity <meta> tags from each page.

site.yaml holds them (`owner`, and `identity`: `site_code`, `icp`, `police`,
`contact`, `report_errors`); `read_identity` checks them with one message each.
`footer` gives the lines every page's footer shows (overrides/partials/copyright.html),
`site_meta` and `page_meta` the <meta> tags (overrides/partials/tm-gov-meta.html writes
them, the one place that does). A field left empty is left out everywhere.

The filing numbers are identifiers registered as written: they are shown as written
in both scripts (a reader checks them letter for letter on the filing sites); the
owner and the contact line are text, and take the script of the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

# Where a reader checks a filing number.
ICP_SITE = "https://beian.miit.gov.cn/"
POLICE_SITE = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"

FIELDS = ("site_code", "icp", "police", "contact", "report_errors")

# 网站标识码: ten digits (the province's and the site's numbers).
_SITE_CODE = re.compile(r"\d{10}")
# ICP备案号 as the ministry issues it: 琼ICP备05000325号, 京ICP备2021000001号-1.
_ICP = re.compile(r"[\u4e00-\u9fff]ICP备\d{6,12}号(-\d{1,3})?")
# 公安机关备案号: 琼公网安备 46010802000000号 (fourteen digits; the space is optional).
_POLICE = re.compile(r"[\u4e00-\u9fff]公网安备 ?(\d{14})号")
_URL = re.compile(r"https?://[^\s/]+\.[^\s]*")

_EXPECTED = {
    "site_code": ("a 网站标识码", "ten digits, such as 4600000001"),
    "icp": ("an ICP备案号", "as issued, such as 琼ICP备05000325号 or 琼ICP备05000325号-1"),
    "police": ("a 公安机关备案号", "as issued, such as 琼公网安备 46010802000000号"),
    "report_errors": ("a web address", "one starting with https:// (or http://)"),
}


@dataclass(frozen=True)
class Identity:
    """The government-site identity of the publishing site (site.yaml `identity`)."""

    site_code: str = ""
    icp: str = ""
    police: str = ""
    contact: str = ""
    report_errors: str = ""

    @property
    def police_code(self) -> str:
        match = _POLICE.fullmatch(self.police)
        return match.group(1) if match else ""


def problem(key: str, value: str) -> str | None:
    """What is wrong with `value` for the identity field `key` (None when nothing is)."""
    if not value:
        return None
    pattern = {"site_code": _SITE_CODE, "icp": _ICP, "police": _POLICE, "report_errors": _URL}
    if key in pattern and not pattern[key].fullmatch(value):
        name, expected = _EXPECTED[key]
        return f"'{value}' is not {name}: expected {expected}"
    return None


def read_identity(r: Any, value: Any, line: int | None) -> Identity:
    """site.yaml's `identity` mapping, checked by `r` (load._Reader: an unknown field, a
    malformed value, one message each). A number YAML read as one (site_code:
    4600000001) is taken as its digits."""
    if value is None or value == {}:
        return Identity()
    value = r.fields(value, "identity", line, (), FIELDS)
    fields: dict[str, str] = {}
    for key in FIELDS:
        if value.get(key) in (None, ""):
            continue
        raw = value[key]
        place = f"identity, {key}"
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            r.fail(value.lines[key], place, f"expected text, got {raw!r}")
        text = r.check_text(str(raw), value.lines[key], place)
        wrong = problem(key, text)
        if wrong:
            if isinstance(raw, int) and key == "site_code":
                wrong += " (write it in quotes if it starts with 0)"
            r.fail(value.lines[key], place, wrong)
        fields[key] = text
    return Identity(**fields)


def footer(
    owner: str, identity: Identity, ui: dict[str, str], convert: Callable[[str], str]
) -> list[dict[str, str]]:
    """The footer's identity lines in one script (`owner` already in it; `convert` turns
    the contact line into it), in the order government sites show them: each a label, a
    text and, where it leads somewhere, an address."""
    lines = []
    if owner:
        lines.append({"label": ui["gov_owner"], "text": owner, "href": ""})
    if identity.site_code:
        lines.append({"label": ui["gov_site_code"], "text": identity.site_code, "href": ""})
    if identity.icp:
        lines.append({"label": "", "text": identity.icp, "href": ICP_SITE})
    if identity.police:
        href = POLICE_SITE.format(code=identity.police_code)
        lines.append({"label": "", "text": identity.police, "href": href})
    if identity.contact:
        contact = identity.contact
        if _URL.fullmatch(contact):
            lines.append({"label": "", "text": ui["gov_contact"], "href": contact})
        else:
            lines.append({"label": ui["gov_contact"], "text": convert(contact), "href": ""})
    if identity.report_errors:
        lines.append({"label": "", "text": ui["gov_report_errors"], "href": identity.report_errors})
    return lines


def site_meta(site_name: str, site_url: str, identity: Identity) -> dict[str, str]:
    """The site's identity tags, the same on every page of one script."""
    tags = {"SiteName": site_name, "SiteDomain": urlsplit(site_url).netloc}
    if identity.site_code:
        tags["SiteIDCode"] = identity.site_code
    return tags


def page_meta(
    column: str, title: str, date: str, source: str, keywords: list[str]
) -> dict[str, str]:
    """A page's tags: its section (ColumnName), its title, the notice's date (PubDate,
    where it has one, as YYYY-MM-DD: the data holds no time of day), its issuer
    (ContentSource) and its themes (Keywords)."""
    tags = {"ColumnName": column, "ArticleTitle": title}
    if date:
        tags["PubDate"] = date
    tags["ContentSource"] = source
    if keywords:
        tags["Keywords"] = ",".join(keywords)
    return tags


# The order the tags are written in (overrides/partials/tm-gov-meta.html).
META_ORDER = (
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "Keywords",
)
