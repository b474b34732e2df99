"""Independent reader for tests: visible text lines of HTML (blocks and <br> break lines)."""

import lxml.html

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "article", "header", "div", "li", "body"}


def _walk(el: lxml.html.HtmlElement, out: list[str]) -> None:
    if el.tag in ("head", "script", "style"):
        return
    if el.tag in BLOCKS or el.tag == "br":
        out.append("\n")
    out.append(el.text or "")
    for child in el:
        _walk(child, out)
        out.append(" " if child.tail and child.tail.isspace() else child.tail or "")
    if el.tag in BLOCKS:
        out.append("\n")


def html_lines(markup: str) -> list[str]:
    """Non-blank visible lines of an HTML fragment or document."""
    if markup.lstrip().lower().startswith("<!doctype"):
        root = lxml.html.document_fromstring(markup.encode())
    else:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    out: list[str] = []
    _walk(root, out)
    lines = "".join(out).replace("\xa0", " ").splitlines()
    return [" ".join(line.split()) for line in lines if line.strip()]
