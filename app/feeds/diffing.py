"""The paragraph-level diff between an article as stored and as fetched again (pure, no database)."""

import difflib
from dataclasses import dataclass
from typing import Literal

Paragraph = tuple[str, str]
"""(kind, text) of one block: title, heading or paragraph."""


@dataclass(frozen=True)
class ParagraphOp:
    """One step from old to new: kept, changed in place, added, or removed."""

    op: Literal["equal", "changed", "added", "removed"]
    old: int | None  # index into the old paragraphs
    new: int | None  # index into the new paragraphs


def diff_paragraphs(old: list[Paragraph], new: list[Paragraph]) -> list[ParagraphOp]:
    """Steps in reading order; a replaced run pairs old and new paragraphs in order as `changed`."""
    ops: list[ParagraphOp] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops += [ParagraphOp("equal", i, j) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        ops += [ParagraphOp("changed", i1 + k, j1 + k) for k in range(paired)]
        ops += [ParagraphOp("removed", i, None) for i in range(i1 + paired, i2)]
        ops += [ParagraphOp("added", None, j) for j in range(j1 + paired, j2)]
    return ops


def has_changes(ops: list[ParagraphOp]) -> bool:
    """Whether any step is not `equal`."""
    return any(o.op != "equal" for o in ops)
