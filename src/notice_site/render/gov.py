"""What a Chinese government website shows and declares on every page.

The guidelines for government websites (《政府网站发展指引》, 国办发〔2017〕47号) ask
every page to say who runs the site (主办单位), its 网站标识码, its ICP filing number
(linked to the ministry's filing site), its public-security filing number (linked to
the public-security filing site), how to reach it, and where to report an error
(我为政府网站找错); national checks read a set of identity <meta> tags from each page.

site.yaml holds them (`owner`, and `identity`: `site_code`, `icp`, `police`,
`contact`, `report_errors`); folder/identity.py reads and checks them, one message each.
`footer` gives the lines every page's footer shows (overrides/partials/copyright.html),
`site_meta` and `page_meta` the <meta> tags (overrides/partials/tm-gov-meta.html writes
them, the one place that does). A field left empty is left out everywhere.

The filing numbers are identifiers registered as written: they are shown as written
in both scripts (a reader checks them letter for letter on the filing sites); the
owner and the contact line are text, and take the script of the page.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from notice_site.folder.identity import Identity

# Where a reader checks a filing number.
ICP_SITE = "https://beian.miit.gov.cn/"
POLICE_SITE = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"


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
        if identity.contact_is_address:
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
