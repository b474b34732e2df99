"""Finding translations again: exact (100), near-exact (99) and fuzzy matches, best first.

Fuzzy lookups never scan the memory: the index (`tm_posting`) is probed with the rarest words of the
text (`tm_word` counts how many units hold each word), the few hundred units sharing most of those
words are the candidates, and only they are scored with rapidfuzz.
"""

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.memory.keys import differences, exact_key, fold_stored, fuzzy_text, index_words, near_key
from app.memory.units import KEPT_LANG
from app.models import TmMatch, TmPosting, TmUnit, TmWord

CANDIDATES = 60  # units scored per lookup
POSTING_BUDGET = 1_500  # index rows a lookup may read: the rarest words first, at least one
MAX_PROBES = 6
MAX_WORDS = 400  # words of one text whose counts are asked for (bound parameters stay few)
FUZZY_CAP = 98  # 99 and 100 mean near-exact and exact, whatever the character score says

Entry = tuple[int, str, TmUnit]  # (score, kind, unit); any object with TmUnit's attributes will do
Scored = dict[int, Entry]  # unit id → (score, kind, unit)


def asked_words(words: set[str]) -> list[str]:
    """The words of a text whose counts are asked for (a huge paragraph: its longest words)."""
    return sorted(words, key=lambda w: (-len(w), w))[:MAX_WORDS]


def choose_probes(counted: list[tuple[str, int]]) -> list[str]:
    """The rarest of the counted words (word, units), within the posting budget."""
    probes, read = [], 0
    for word, units in sorted(counted, key=lambda wu: (wu[1], wu[0])):
        if len(probes) >= MAX_PROBES or (probes and read + units > POSTING_BUDGET):
            break
        probes.append(word)
        read += units
    return probes


def _probes(session: Session, words: set[str]) -> list[str]:
    """The rarest words of the text that the memory holds, within the posting budget.

    A unit that scores 75 or more shares most of the text's words, so it holds some of its rarest
    ones too; common words ("the", "said") would only add thousands of index rows to read.
    """
    if not words:
        return []
    counted = session.exec(
        select(TmWord.word, TmWord.units).where(
            col(TmWord.word).in_(asked_words(words)), col(TmWord.units) > 0
        )
    ).all()
    return choose_probes(list(counted))


def best_units(probes: list[str]):  # noqa: ANN201 - a SQL select
    """The ids of the CANDIDATES units sharing most of the probe words."""
    hits = func.count().label("hits")
    return (
        select(TmPosting.unit_id)
        .where(col(TmPosting.word).in_(probes))
        .group_by(col(TmPosting.unit_id))
        .order_by(hits.desc(), col(TmPosting.unit_id).desc())
        .limit(CANDIDATES)
    )


def _candidates(session: Session, lang: str, text: str) -> list[tuple[int, str]]:
    """(id, source) of the units sharing most of the text's rarest words: one query, plain rows."""
    probes = _probes(session, index_words(text))
    if not probes:
        return []
    best = best_units(probes)
    # The language is compared here, not in SQL: with `source_lang = ?` in the WHERE, SQLite's planner
    # walks the (source_lang, …) index over every unit of the language (~40 ms at 200,000 units)
    # instead of fetching the few candidates by id. Core rows: plain tuples, no ORM identity map.
    query = select(TmUnit.id, TmUnit.source_text, TmUnit.source_lang).where(
        col(TmUnit.id).in_(best.scalar_subquery())
    )
    return [(uid, src) for uid, src, unit_lang in session.connection().execute(query) if unit_lang == lang]


def score(
    text: str,
    candidates: list[tuple[int, str]],
    min_score: int,
    skip: set[int],
    folded: dict[int, str] | None = None,
    wanted: str | None = None,
) -> dict[int, int]:
    """unit id → fuzzy score (capped at 98) of the candidates (id, stored source) scoring ≥ min_score.

    `folded` keeps each stored source's fuzzy form by unit id across calls (a batch of lookups);
    `wanted`: the text's fuzzy form, when the caller has it already.
    """
    from rapidfuzz import fuzz

    wanted = fuzzy_text(text) if wanted is None else wanted
    folded = {} if folded is None else folded
    scores = {}
    for unit_id, source in candidates:
        other = folded.get(unit_id)
        if other is None:
            other = folded[unit_id] = fold_stored(source)
        shorter, total = min(len(wanted), len(other)), len(wanted) + len(other)
        if unit_id in skip or not total or 200 * shorter / total < min_score:  # cannot reach it
            continue
        found = int(fuzz.ratio(wanted, other, score_cutoff=min_score))
        if found >= min_score:
            scores[unit_id] = min(found, FUZZY_CAP)
    return scores


def _fuzzy(session: Session, lang: str, text: str, min_score: int, skip: set[int]) -> dict[int, int]:
    """unit id → fuzzy score (capped at 98) of the candidates scoring at least min_score."""
    return score(text, _candidates(session, lang, text), min_score, skip)


def _same_keys(session: Session, lang: str, text: str) -> list[TmUnit]:
    """Units whose source equals the text once case, numbers and punctuation are folded."""
    query = select(TmUnit).where(TmUnit.source_lang == lang, TmUnit.near_key == near_key(text)).limit(50)
    return list(session.exec(query))


def lookup(
    *, session: Session, lang: str, text: str, min_score: int, limit: int, exclude_segment: int | None = None
) -> list[TmMatch]:
    """Matches for a source text in a language, best (then newest) first, at least min_score."""
    if lang == KEPT_LANG or not text.strip():
        return []
    key = exact_key(text)
    scored: Scored = {}
    for unit in _same_keys(session, lang, text):
        scored[unit.id] = (100, "exact", unit) if unit.exact_key == key else (99, "near", unit)
    if min_score < 99:
        fuzzy = _fuzzy(session, lang, text, min_score, set(scored))
        best = sorted(fuzzy, key=fuzzy.__getitem__, reverse=True)[: limit + 5]  # room for duplicates
        if best:
            for unit in session.exec(select(TmUnit).where(col(TmUnit.id).in_(best))):
                scored[unit.id] = (fuzzy[unit.id], "fuzzy", unit)
    return ranked(scored, text=text, min_score=min_score, limit=limit, exclude_segment=exclude_segment)


def best(scored: Scored, *, min_score: int, limit: int, exclude_segment: int | None) -> list[Entry]:
    """The scored units that are shown: best, then newest first; one per source/German pair; at most limit."""
    order = sorted(scored.values(), key=lambda s: (s[0], s[2].approved_at, s[2].id), reverse=True)
    out: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    for value, kind, unit in order:
        pair = (unit.source_text, unit.target_text)
        if value < min_score or pair in seen or (exclude_segment and unit.segment_id == exclude_segment):
            continue
        seen.add(pair)
        out.append((value, kind, unit))
        if len(out) >= limit:
            break
    return out


def as_match(entry: Entry, text: str) -> TmMatch:
    """A scored unit as the API shows it (a near-exact match lists where it differs from `text`)."""
    value, kind, unit = entry
    return TmMatch(
        score=value,
        kind=kind,
        source_text=unit.source_text,
        target_text=unit.target_text,
        document_id=unit.document_id,
        outlet=unit.outlet,
        approved_at=unit.approved_at,
        approved_by=unit.approved_by,
        differences=differences(unit.source_text, text) if kind == "near" else [],
    )


def ranked(
    scored: Scored, *, text: str, min_score: int, limit: int, exclude_segment: int | None
) -> list[TmMatch]:
    """The scored units as matches: best, then newest first; one per source/German pair."""
    chosen = best(scored, min_score=min_score, limit=limit, exclude_segment=exclude_segment)
    return [as_match(entry, text) for entry in chosen]


def exact_targets(
    *, session: Session, lang: str, texts: Sequence[str] = (), keys: Sequence[str] = ()
) -> dict[str, str]:
    """exact key → the newest approved German text, for the texts (or exact keys) with an exact match."""
    if lang == KEPT_LANG or not (texts or keys):
        return {}
    found: dict[str, str] = {}
    keys = sorted({*keys, *(exact_key(t) for t in texts)})
    for start in range(0, len(keys), 500):
        rows = session.exec(
            select(TmUnit.exact_key, TmUnit.target_text)
            .where(TmUnit.source_lang == lang, col(TmUnit.exact_key).in_(keys[start : start + 500]))
            .order_by(col(TmUnit.approved_at), col(TmUnit.id))
        )
        for key, target in rows:
            found[key] = target  # ordered oldest first: the newest wins
    return found
