"""A notice folder's official interpretation (政策解读), read and checked: the optional
`interpretation` mapping of measures.yaml.

    interpretation:
      title: 《…的公告》解读
      source_url: https://…          # optional
      published: 2024-09-20          # optional
      sections:
        - heading: 一、背景说明
          paragraphs:
            - 当前，…
      closing:                       # optional: the departments that wrote it
        - （口岸监管司、重庆海关）

Every problem is one DataError naming the line and the place (interpretation, section
2, paragraph 3), as for the rest of the file.
"""

from __future__ import annotations

from notice_site.folder.yaml_file import Reader, YamlMap
from notice_site.model.interpretation import Interpretation, Section

FIELDS = ("title", "sections")
OPTIONAL = ("closing", "source_url", "published")


def read_interpretation(r: Reader, top: YamlMap) -> Interpretation:
    place = "interpretation"
    m = r.fields(top[place], place, top.lines[place], FIELDS, OPTIONAL)
    items = r.seq(m, "sections", place)
    sections = []
    for i, item in enumerate(items, 1):
        where = f"{place}, section {i}"
        s = r.fields(item, where, items.lines[i - 1], ("heading", "paragraphs"))
        # "" for the paragraphs before the first heading, where the text has them
        heading = "" if s["heading"] == "" else r.text(s, "heading", where)
        sections.append(Section(heading, r.texts(s, "paragraphs", where, "paragraph")))
    url = r.text(m, "source_url", place) if m.get("source_url") else ""
    return Interpretation(
        r.text(m, "title", place),
        tuple(sections),
        r.texts(m, "closing", place, "closing paragraph") if "closing" in m else (),
        r.url(m, "source_url", place, url),
        r.date(m, "published", place) if "published" in m else "",
    )
