"""The publishing site's identity as a government website (site.yaml `identity`): its
网站标识码, ICP and public-security filing numbers, contact line and 找错 address, read and
checked with one message per malformed field (render/gov.py shows them on every page)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

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
    def contact_is_address(self) -> bool:
        """The contact line is a web address (the footer links it)."""
        return bool(_URL.fullmatch(self.contact))

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
    """site.yaml's `identity` mapping, checked by `r` (load.Reader: an unknown field, a
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
