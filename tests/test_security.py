"""The Content-Security-Policy: defined once, sent by nginx, carried by every page; no inline
script for it to allow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.pages import Elements
from support.project import ROOT

from notice_site.render import security


def test_the_policy_has_what_a_government_site_needs() -> None:
    policy = security.POLICY
    assert policy["default-src"] == "'self'"
    for directive in ("script-src", "style-src"):
        assert "unsafe-inline" not in policy[directive] and "unsafe-eval" not in policy[directive]
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == policy["frame-ancestors"] == policy["form-action"] == "'self'"
    assert policy["worker-src"] == "'self'"  # the search worker
    assert "frame-ancestors" not in security.meta() and "frame-ancestors" in security.header()


@pytest.mark.parametrize(("name", "serving"), [("nginx.conf", 4), ("nginx-library.conf", 6)])
def test_nginx_sends_the_same_policy_in_every_location(name: str, serving: int) -> None:
    """Every location that serves files sends the headers (the library's also has one
    that only refuses its redirect map)."""
    conf = (ROOT / "deploy" / name).read_text(encoding="utf-8")
    locations = len(re.findall(r"^\s*location ", conf, re.M))
    policies = re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', conf)
    assert len(policies) == serving == locations - (name == "nginx-library.conf")
    assert set(policies) == {security.header()}
    referrer = f'add_header Referrer-Policy "{security.REFERRER_POLICY}" always;'
    assert conf.count(referrer) == serving
    assert conf.count('add_header X-Content-Type-Options "nosniff" always;') == serving
    assert conf.count("# add_header Strict-Transport-Security") == serving


def test_every_page_carries_the_policy_and_runs_no_inline_code(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        doc = Elements(path.read_text(encoding="utf-8"))
        metas = doc.find("meta", **{"http-equiv": "Content-Security-Policy"})
        assert [m["content"] for m in metas] == [security.meta()], path
        assert doc.find("meta", name="referrer")[0]["content"] == security.REFERRER_POLICY
        for tag, attrs in doc.tags:
            handlers = [name for name in attrs if name.startswith("on")]
            assert not handlers, (path, tag, handlers)
            if tag == "script":
                assert attrs.get("src") or attrs.get("type") == "application/json", (path, attrs)


def test_site_meta_follows_materials_block() -> None:
    """overrides/main.html copies Material's site_meta block: the policy added, the head's
    hreflang links left out (Material fetches a sitemap.xml next to each); the rest the same,
    but for the version Material writes into its generator tag, which ours takes from the
    installed package (hooks/theme.py)."""
    from importlib.metadata import version

    import material

    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    theirs = base.split("{% block site_meta %}\n", 1)[1].split("{% endblock %}", 1)[0]
    generator = f"mkdocs-material-{version('mkdocs-material')}"
    assert theirs.count(generator) == 1
    theirs = theirs.replace(generator, "mkdocs-material-{{ material_version }}")
    theirs = re.sub(
        r"\s*{% if config.extra.alternate is iterable %}.*?{% endif %}", "", theirs, flags=re.S
    )
    ours = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    ours = ours.split("{% block site_meta %}\n", 1)[1].split("{% endblock %}", 1)[0]
    ours = re.sub(r"\s*{% if config.extra.csp %}.*?{% endif %}", "", ours, flags=re.S)
    assert ours.split() == theirs.split()
