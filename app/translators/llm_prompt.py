"""What the `llm` engine says and reads: the article around a batch, the request, the reply check.

Pure text functions, no HTTP: the engine in llm.py sends what these build.
"""

import json
import re
import string
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from app.translators import glossary as glossary_mod
from app.translators.errors import TranslatorMismatch
from app.translators.results import GlossaryTerm

LANGUAGE_NAMES = {
    "de": "German", "en": "English", "ru": "Russian", "uk": "Ukrainian",
    "fr": "French", "es": "Spanish", "it": "Italian", "pl": "Polish",
}  # fmt: skip
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")
_REQUEST = (
    "\nTranslate the {n} segment(s) below from {source} into {target}. Reply with only a JSON object "
    '{{"translations": [{{"id": 1, "text": "…"}}, …]}} holding exactly {n} item(s), ids 1 to {n} in order, '
    "one per segment: never merge, split, drop or add segments."
)
_STRICTER = (
    "Your previous reply did not have exactly {n} translations with ids 1 to {n}. Reply again: one JSON "
    "object, nothing before or after it, one item per segment even for very short segments."
)


def language(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def load_template(path: Path | None) -> str:
    """The system prompt template: the override file, or the one shipped with Werkbank."""
    if path is not None:
        return Path(path).read_text(encoding="utf-8")
    return resources.files("app.translators").joinpath("prompts/llm_system.txt").read_text(encoding="utf-8")


def system_prompt(template: str, source: str, target: str) -> str:
    """The effective system prompt: the template with $source_language/$target_language filled in."""
    names = {"source_language": language(source), "target_language": language(target)}
    return string.Template(template).safe_substitute(names)


@dataclass
class Article:
    """The article of one translate call: paragraphs in order, where each unit sits, drafts so far."""

    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    where: dict[str, int] = field(default_factory=dict)  # unit → paragraph index
    kinds: dict[int, str] = field(default_factory=dict)  # paragraph index → title | heading | paragraph
    drafts: dict[int, str] = field(default_factory=dict)  # paragraph index → German so far
    terms: tuple[GlossaryTerm, ...] = ()

    def terms_in(self, unit: str) -> list[GlossaryTerm]:
        """Termbase entries that occur in the unit."""
        return [t for t in self.terms if glossary_mod.occurs(t, unit)]

    def neighbours(self, first: int, last: int, budget: int, *, drafts: bool = True) -> tuple[list[int], ...]:
        """Paragraph indices before and after [first, last] within `budget` characters.

        Earlier paragraphs get two thirds of it; their German drafts count too unless `drafts` is
        false (the cache key must not depend on what earlier calls answered). The nearest
        neighbour on each side is always included, even when it alone is over the budget.
        """
        if not budget or first < 0:
            return [], []
        before: list[int] = []
        used = 0
        for index in range(first - 1, -1, -1):
            used += len(self.paragraphs[index]) + (len(self.drafts.get(index, "")) if drafts else 0)
            if used > budget * 2 // 3 and before:
                break
            before.insert(0, index)
        after: list[int] = []
        used = 0
        for index in range(last + 1, len(self.paragraphs)):
            used += len(self.paragraphs[index])
            if used > budget // 3 and after:
                break
            after.append(index)
        return before, after

    def context_key(self, unit: str, budget: int) -> list:
        """What the request says around this unit, from sources only (part of the cache key)."""
        at = self.where.get(unit, -1)
        before, after = self.neighbours(at, at, budget, drafts=False)
        terms = sorted((t.source, t.target) for t in self.terms_in(unit))
        return [self.title, self.kinds.get(at), [self.paragraphs[i] for i in before + after], terms]


def user_message(
    article: Article, texts: list[str], source: str, target: str, *, budget: int, strict: bool
) -> str:
    """The request for one batch: title, neighbouring paragraphs, termbase, then the segments."""
    at = [article.where.get(t, -1) for t in texts]
    known = [i for i in at if i >= 0]
    before, after = article.neighbours(min(known), max(known), budget) if known else ([], [])
    lines = [f"Article title: {article.title}"] if article.title else []
    if before:
        lines.append("\nEarlier paragraphs (context; German draft where there is one):")
        for i in before:
            draft = article.drafts.get(i)
            lines.append(f"- {article.paragraphs[i]}" + (f"\n  German: {draft}" if draft else ""))
    if after:
        lines.append("\nFollowing paragraphs (context only, do not translate):")
        lines += [f"- {article.paragraphs[i]}" for i in after]
    terms = {t for text in texts for t in article.terms_in(text)}
    if terms:
        lines.append("\nTermbase (use exactly these German terms):")
        lines += [f'- "{t.source}" → "{t.target}"' for t in sorted(terms, key=lambda t: t.source)]
    lines.append(_REQUEST.format(n=len(texts), source=language(source), target=language(target)))
    if strict:
        lines.append(_STRICTER.format(n=len(texts)))
    segments = [
        {"id": i + 1, "kind": article.kinds.get(a, "paragraph"), "text": text}
        for i, (text, a) in enumerate(zip(texts, at, strict=True))
    ]
    listed = ",\n".join(json.dumps(item, ensure_ascii=False) for item in segments)
    lines.append(f"\nSegments:\n[\n{listed}\n]")
    return "\n".join(lines)


def parse_outputs(content: str, expected: int) -> list[str]:
    """The translations in a reply, one per segment in order; TranslatorMismatch otherwise."""
    text = _FENCE.sub("", content.strip())
    try:
        data = json.loads(text)
    except ValueError:
        start, end = text.find("{"), text.rfind("}")
        try:
            data = json.loads(text[start : end + 1]) if 0 <= start < end else None
        except ValueError:
            data = None
    items = data.get("translations") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise TranslatorMismatch(f"no JSON list of translations in the reply ({expected} expected)")
    if items and all(isinstance(item, dict) for item in items):
        ids = [_id(item) for item in items]
        if any(i != -1 for i in ids) and sorted(ids) != list(range(1, len(items) + 1)):
            raise TranslatorMismatch(f"the reply's segment ids {ids} are not 1…{len(items)}")
        items = [item.get("text") for item in sorted(items, key=_id)]
    if len(items) != expected:
        raise TranslatorMismatch(f"the reply has {len(items)} translations for {expected} segments")
    if not all(isinstance(item, str) and item.strip() for item in items):
        raise TranslatorMismatch("the reply has an empty or non-text translation")
    return [item.strip() for item in items]


def _id(item: dict) -> int:
    value = item.get("id")
    return value if isinstance(value, int) else -1
