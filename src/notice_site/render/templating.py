"""The Jinja environments that turn our data into page sources, feeds and PDFs: autoescaped,
strict about undefined names. Each package keeps its templates in its own `templates/`."""

from __future__ import annotations

from functools import cache

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
