"""MkDocs hook: what the templates in overrides/ know of the build besides the notice.

- config.extra.script_home: the home of the script being built, from the site's
  root ("" for the source script, "zh-Hant/" for Traditional; the table in
  src/notice_site/model/languages.py). main.html points search at that script's index,
  404.html links that script's home page.
- material_version: the installed Material's version, which main.html's copy of
  Material's site_meta block writes into <meta name="generator"> as Material's
  own base.html does.

And where the process building it keeps compiled templates for every build it makes
(hooks/_builder.py, a library's notices one after another), the environment uses them.
"""

from __future__ import annotations

from importlib.metadata import version

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from notice_site.model import languages

import _mode

MATERIAL_VERSION = version("mkdocs-material")


@event_priority(-150)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority: -150, after static-i18n's on_config (-100) has chosen the script this build
    is for. Runs again for each script static-i18n builds."""
    config.extra["script_home"] = languages.of(_mode.run(config).script).prefix
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: object) -> Environment:
    """Priority: default. Runs once per build, before any template is rendered."""
    env.globals["material_version"] = MATERIAL_VERSION
    templates = _mode.run(config).templates
    if templates is not None:
        env.bytecode_cache = templates
    return env
