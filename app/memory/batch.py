"""Matches for every segment of a document at once, in a fixed number of queries (not one lookup each).

The same rules as app.memory.matching.lookup — exact and near-exact by key, fuzzy candidates from the
rarest words, scored with rapidfuzz, ranked alike — but each stage asks for all texts together:
near keys in one query per language, word counts in one, the candidates of every text in one UNION ALL, their
sources in one, the winning units in one. A 30-segment document costs five queries, whatever its size.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.memory.keys import exact_key, index_words, near_key
from app.memory.matching import CANDIDATES, Scored, asked_words, choose_probes, ranked, score
from app.memory.units import KEPT_LANG
from app.models import TmMatch, TmUnit, TmWord

CHUNK = 900  # values per IN list: under SQLite's oldest limit on bound parameters (999)
NEAR_PER_KEY = 50  # as a single lookup: at most this many units of one near key are ranked


@dataclass(frozen=True)
class Wanted:
    """One text to find matches for; `key` names it in the answer (e.g. the segment id)."""

    key: int
    lang: str
    text: str
    exclude_segment: int | None = None


def _chunks(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _units_by_near_key(
    session: Session, wanted: Sequence[Wanted], near: dict[int, str]
) -> dict[tuple[str, str], list[TmUnit]]:
    """(language, near key) → its units: one query per source language (the index leads with it)."""
    keys = sorted({(w.lang, near[w.key]) for w in wanted})
    found: dict[tuple[str, str], list[TmUnit]] = {}
    for lang in sorted({lang for lang, _ in keys}):
        for part in _chunks([key for kl, key in keys if kl == lang]):
            query = select(TmUnit).where(TmUnit.source_lang == lang, col(TmUnit.near_key).in_(part))
            for unit in session.exec(query):
                found.setdefault((lang, unit.near_key), []).append(unit)
    return found


def _probes_of(session: Session, wanted: Sequence[Wanted]) -> dict[int, list[str]]:
    """key → the probe words of its text, from one read of the word counts of every text."""
    asked = {w.key: asked_words(index_words(w.text)) for w in wanted}
    words = sorted({word for some in asked.values() for word in some})
    units: dict[str, int] = {}
    for part in _chunks(words):
        query = select(TmWord.word, TmWord.units).where(col(TmWord.word).in_(part), col(TmWord.units) > 0)
        units.update(dict(session.exec(query).all()))
    return {key: choose_probes([(w, units[w]) for w in some if w in units]) for key, some in asked.items()}


def _candidates_of(session: Session, probes: dict[int, list[str]]) -> dict[int, list[int]]:
    """key → ids of the units sharing most of its probe words: one UNION ALL of the per-text selects.

    Written as SQL text with bound words: building thirty SQLAlchemy subqueries cost more CPU than
    the database needed to answer them. Each part is best_units() of app.memory.matching.
    """
    asked = [(key, words) for key, words in probes.items() if words]
    out: dict[int, list[int]] = {}
    for start in range(0, len(asked), 50):  # 50 texts (≤ 300 probe words) per statement
        parts, params = [], {}
        for n, (_, words) in enumerate(asked[start : start + 50]):
            names = [f"w{n}_{i}" for i in range(len(words))]
            params.update(zip(names, words, strict=True))
            inside = ", ".join(f":{name}" for name in names)
            parts.append(
                f"SELECT {n} AS part, unit_id FROM (SELECT unit_id FROM tm_posting WHERE word IN ({inside}) "  # noqa: S608 - only ints and parameter names; words are bound
                f"GROUP BY unit_id ORDER BY count(*) DESC, unit_id DESC LIMIT {CANDIDATES}) AS c{n}"
            )
        for part, unit_id in session.connection().execute(text(" UNION ALL ".join(parts)), params):
            out.setdefault(asked[start + part][0], []).append(unit_id)
    return out


def _sources(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    """unit id → (source language, source text), as plain rows."""
    found: dict[int, tuple[str, str]] = {}
    for part in _chunks(sorted(ids)):
        query = select(TmUnit.id, TmUnit.source_lang, TmUnit.source_text).where(col(TmUnit.id).in_(part))
        found.update({uid: (lang, src) for uid, lang, src in session.connection().execute(query)})
    return found


def scored_many(
    *, session: Session, wanted: Sequence[Wanted], min_score: int, limit: int
) -> dict[int, Scored]:
    """key → its text's scored units, the stage before lookup()'s ranking (none: German or empty)."""
    scored: dict[int, Scored] = {w.key: {} for w in wanted}
    todo = [w for w in wanted if w.lang != KEPT_LANG and w.text.strip()]
    if not todo:
        return scored
    near = {w.key: near_key(w.text) for w in todo}  # normalising is not free: once per text
    by_near = _units_by_near_key(session, todo, near)
    for w in todo:
        key, units = exact_key(w.text), by_near.get((w.lang, near[w.key]), [])
        scored[w.key] = {
            u.id: (100, "exact", u) if u.exact_key == key else (99, "near", u) for u in units[:NEAR_PER_KEY]
        }
    if min_score < 99:
        candidates = _candidates_of(session, _probes_of(session, todo))
        sources = _sources(session, {uid for ids in candidates.values() for uid in ids})
        fuzzy: dict[int, dict[int, int]] = {}
        folded: dict[int, str] = {}  # unit id → its fuzzy form, folded once for all texts
        for w in todo:
            mine = [(uid, sources[uid][1]) for uid in candidates.get(w.key, []) if sources[uid][0] == w.lang]
            found = score(w.text, mine, min_score, set(scored[w.key]), folded)
            fuzzy[w.key] = {
                u: found[u] for u in sorted(found, key=found.__getitem__, reverse=True)[: limit + 5]
            }
        ids = sorted({uid for best in fuzzy.values() for uid in best})
        units = {}
        for part in _chunks(ids):
            units.update({u.id: u for u in session.exec(select(TmUnit).where(col(TmUnit.id).in_(part)))})
        for w in todo:
            scored[w.key].update({uid: (s, "fuzzy", units[uid]) for uid, s in fuzzy[w.key].items()})
    return scored


def lookup_many(
    *, session: Session, wanted: Sequence[Wanted], min_score: int, limit: int
) -> dict[int, list[TmMatch]]:
    """key → matches of its text, best (then newest) first, at least min_score; as lookup() would."""
    scored = scored_many(session=session, wanted=wanted, min_score=min_score, limit=limit)
    return {
        w.key: ranked(
            scored[w.key], text=w.text, min_score=min_score, limit=limit, exclude_segment=w.exclude_segment
        )
        for w in wanted
    }
