"""Splitting a plain-text article into title, heading and paragraph blocks."""

import re
from dataclasses import dataclass

from app.text.normalize import collapse

_SENTENCE_END = re.compile(r"[.!?…:;\"»“”)\]]$")
# "ЖЕНЕВА, 10 января. /ТАСС/." or "MOSCOW, January 10. /TASS/." alone on a line.
_DATELINE = re.compile(r"^[A-ZА-ЯЁ][\w .\-–]{1,40},\s*\d{1,2}\s+\w+\.?\s*/(ТАСС|TASS|РИА Новости)/\.?$")


@dataclass(frozen=True)
class Block:
    """One future segment: kind is title, heading or paragraph."""

    kind: str
    text: str


def looks_like_title(line: str) -> bool:
    """Short, no final full stop: a headline rather than a sentence."""
    words = line.split()
    return 0 < len(words) <= 25 and len(line) <= 250 and not line.rstrip().endswith((".", ":", ";"))


def looks_like_heading(line: str) -> bool:
    """A short line without final punctuation between paragraphs."""
    words = line.split()
    return 0 < len(words) <= 12 and len(line) <= 100 and not _SENTENCE_END.search(line)


def _lines_of(block: str) -> list[str]:
    """A blank-line separated block: hard-wrapped lines are joined, line-per-paragraph kept."""
    lines = [ln for ln in block.split("\n") if ln.strip()]
    if len(lines) <= 1:
        return lines
    ended = sum(1 for ln in lines[:-1] if _SENTENCE_END.search(ln))
    if ended < (len(lines) - 1) / 2:
        return [" ".join(lines)]
    return lines


def _merge_datelines(lines: list[str]) -> list[str]:
    out: list[str] = []
    pending = ""
    for line in lines:
        if _DATELINE.match(line):
            pending = f"{pending} {line}".strip()
            continue
        out.append(f"{pending} {line}".strip() if pending else line)
        pending = ""
    if pending:
        out.append(pending)
    return out


def split_text(text: str, *, title: str | None = None) -> list[Block]:
    """Blocks of a normalised plain text; the first line becomes the title if it looks like one."""
    lines: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines.extend(collapse(ln) for ln in _lines_of(block))
    lines = _merge_datelines([ln for ln in lines if ln])
    blocks: list[Block] = []
    if title:
        blocks.append(Block("title", collapse(title)))
        if lines and collapse(lines[0]) == collapse(title):
            lines = lines[1:]
    elif len(lines) > 1 and looks_like_title(lines[0]):
        blocks.append(Block("title", lines[0]))
        lines = lines[1:]
    for i, line in enumerate(lines):
        is_last = i == len(lines) - 1
        kind = "heading" if not is_last and looks_like_heading(line) else "paragraph"
        blocks.append(Block(kind, line))
    return dedupe(blocks)


def dedupe(blocks: list[Block]) -> list[Block]:
    """Drop exact repeats of a paragraph (share boxes, pasted twice); headings may repeat."""
    seen: set[str] = set()
    out: list[Block] = []
    for block in blocks:
        if block.kind == "paragraph" and block.text in seen:
            continue
        seen.add(block.text)
        out.append(block)
    return out
