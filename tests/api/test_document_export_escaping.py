"""The document Markdown export shows source HTML and Markdown syntax as text, not as markup."""

import lxml.html
from markdown_it import MarkdownIt

from testkit.htmltext import html_lines
from testkit.samples import EN

TARGETS = [  # by position: title, paragraph, heading, paragraph, paragraph
    "<script>alert(1)</script> & „Zitat“",
    "1. Januar 2022: <img src=x onerror=alert(1)> [klick](javascript:alert(1)) &amp; -5 Grad",
    "# Kein Titel <!-- x -->",
    "> Zitat\n- Punkt\n---\n+ plus",
    "<div onclick=alert(1)>Block</div>",
]


def test_document_markdown_escapes_html_and_block_syntax(translator, editor):
    doc = translator.post(
        "/api/documents",
        json={"text": EN, "outlet": "<b>Outlet</b>", "source_url": "https://gt.example/1?a=1&b=2"},
    ).json()
    for seg, target in zip(doc["segments"], TARGETS, strict=True):
        translator.patch(f"/api/segments/{seg['id']}", json={"target_text": target, "version": 1})
        # Hostile text is no faithful translation: QA errors, approved with a reason.
        forced = {"version": 2, "force": True, "reason": "Testtext"}
        assert editor.post(f"/api/segments/{seg['id']}/approve", json=forced).status_code == 200
    md = translator.get(f"/api/documents/{doc['id']}/export?format=markdown").text
    rendered = MarkdownIt("commonmark").render(md)
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    assert {el.tag for el in root.iter()} == {"div", "h1", "h2", "p"}
    assert root.findtext("h1") == f"{TARGETS[0]} (<b>Outlet</b>)"
    assert root.findtext("h2") == TARGETS[2]
    assert html_lines(rendered) == [
        f"{TARGETS[0]} (<b>Outlet</b>)",
        "https://gt.example/1?a=1&b=2",
        TARGETS[1],
        TARGETS[2],
        *TARGETS[3].splitlines(),
        TARGETS[4],
    ]
    assert "„Zitat“ \\(" not in md and "Januar 2022" in md  # ordinary text stays readable
