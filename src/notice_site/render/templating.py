"""The Jinja environments that turn our data into page sources, feeds and PDFs: autoescaped,
strict about undefined names. Each package keeps its templates in its own `templates/`."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jinja2


@cache
def environment(package: str, folder: str = "templates") -> jinja2.Environment:
    """Templates of `package` (in its folder `folder`): Markdown and HTML, text from data
    always escaped."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def front_matter(meta: dict[str, Any]) -> str:
    """A page source's front matter: one line of JSON, which YAML reads (a value can never
    close it early, as YAML's own `...` after a bare string would)."""
    return f"---\n{json.dumps(meta, ensure_ascii=False, sort_keys=True)}\n---\n\n"
