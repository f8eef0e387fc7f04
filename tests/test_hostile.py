"""Text from the data is only ever text: markup in a title or clause is shown, never run."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import copy_project, run

TITLE = '<script>alert("t")</script>{{ 7*7 }}**粗体**'
CLAUSE = "<img src=x onerror=alert(1)>[链接](javascript:alert(2)) | a | <!-- material/tags -->{% raw %}。"


def test_markup_in_the_data_is_escaped_everywhere(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "measures.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("    title: 持续压缩通关时间\n", f"    title: '{TITLE}'\n")
    text = text.replace(
        "      - 节假日预约收样检测，优化检测流程，压缩检测时间。\n", f"      - '{CLAUSE}'\n"
    )
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run(["mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in (
        out / "measures" / "13" / "index.html",
        out / "measures" / "15" / "index.html",
        out / "measures" / "index.html",
        out / "index.html",
        out / "zh-Hant" / "measures" / "13" / "index.html",
    ):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
    measure = (out / "measures" / "13" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;{{ 7*7 }}**粗体**" in measure
    assert "<title>十三、&lt;script&gt;" in measure
    clause = (out / "measures" / "15" / "index.html").read_text(encoding="utf-8")
    assert (
        "&lt;img src=x onerror=alert(1)&gt;[链接](javascript:alert(2)) | a | &lt;!-- material/tags --&gt;{% raw %}。"
        in clause
    )
    data_json = json.loads((out / "measures.json").read_text(encoding="utf-8"))
    assert data_json["measures"][12]["title"] == TITLE
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(d["title"] == f"十三、{TITLE}" for d in index["docs"])
