"""Posts of the two seed pages rebuilt as PostView objects; texts are read from the seeds."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from app.exporters.types import PostBlock, PostView
from app.publishing.excerpt import ExcerptSource, build_excerpt

SEEDS = Path(__file__).resolve().parents[1] / "../shared/seeds"
DAY_SEED = "002_274c5883fd8f2946.txt"
POSTS_SEED = "000_bb14402a52ee2a10.txt"
DAY_HEADING = "10. Januar 2022"
TASS_HEADINGS = {
    "Umfang der Militärübungen",
    "Anzahl der US-Truppen",
    "NATO-Politik",
    "Diplomatische Sanktionen",
    "Proteste in Kasachstan",
    "Sicherheitsverhandlungen",
}


def content_lines(text: str, *, keep_nbsp: bool = False) -> list[str]:
    """Non-blank lines, outer whitespace stripped; no-break spaces as spaces unless keep_nbsp."""
    return [(ln if keep_nbsp else ln.replace("\xa0", " ")).strip() for ln in text.splitlines() if ln.strip()]


def read_seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def post(**fields: object) -> PostView:
    """A PostView with empty defaults for what a shape does not use."""
    base: dict[str, object] = dict(
        id=1,
        title="",
        outlet=None,
        source_url=None,
        source_label=None,
        original_url=None,
        original_label=None,
        subtitle=None,
        byline=None,
        published_at=datetime(2022, 1, 10, 11, 0, tzinfo=UTC),
        blocks=[],
        read_more=False,
        read_more_url=None,
        full_original_line=None,
        credit=None,
        categories=[],
        tags=[],
        slug="seed",
        status="published",
        zone=ZoneInfo("Europe/Berlin"),
    )
    base.update(fields)
    return PostView(**base)  # type: ignore[arg-type]


def split_title(line: str, *, keep_nbsp: bool = False) -> tuple[str, str | None]:
    """ "Title (Outlet)" → ("Title", "Outlet"); "Title\u00a0(Outlet)" stays one title with keep_nbsp."""
    line = (line if keep_nbsp else line.replace("\xa0", " ")).strip()
    if line.endswith(")") and " (" in line:
        title, outlet = line[:-1].rsplit(" (", 1)
        return title, outlet
    return line, None


def excerpt_blocks(paragraphs: list[str], *, extra_after: bool = False) -> list[PostBlock]:
    """Blocks built by the excerpt builder from approved segments, all selected."""
    segments = [ExcerptSource(1, 0, "title", "Titel", True)]
    for i, text in enumerate(paragraphs, start=1):
        kind = "heading" if text in TASS_HEADINGS or text == "Das verworrene hybride Netz" else ("paragraph")
        segments.append(ExcerptSource(i + 1, i, kind, text, True))
    selected = [s.id for s in segments[1:]]
    if extra_after:  # the source goes on after the last quoted paragraph
        segments.append(ExcerptSource(999, 999, "paragraph", "Nicht zitiert.", True))
    return build_excerpt(segments=segments, selected_ids=selected).blocks


def day_chunks(*, keep_nbsp: bool = False) -> list[list[str]]:
    """The day page's posts as lists of content lines (day heading and page chrome removed)."""
    lines = content_lines(read_seed(DAY_SEED), keep_nbsp=keep_nbsp)
    lines = lines[lines.index(DAY_HEADING) : lines.index("%d Bloggern gefällt das:")]
    chunks: list[list[str]] = []
    for line in lines:
        if line == DAY_HEADING:
            chunks.append([])
        else:
            chunks[-1].append(line)
    return chunks


def _shape(i: int, chunk: list[str], when: datetime, keep_nbsp: bool = False) -> PostView:
    title, outlet = split_title(chunk[0], keep_nbsp=keep_nbsp)
    rest = chunk[1:]
    fields: dict[str, object] = dict(id=i + 1, title=title, outlet=outlet, published_at=when)
    if rest and rest[-2:-1] == ["Weiterlesen"]:  # german-foreign-policy teaser
        fields.update(blocks=excerpt_blocks(rest[:-2]), read_more=True, source_url=rest[-1])
    elif rest and rest[0].startswith("Übersetzung"):  # credit line, link to original at the end
        fields.update(credit=rest[0], blocks=excerpt_blocks(rest[1:-1]), full_original_url=rest[-1])
    elif rest and rest[0].startswith("https://"):  # source link, then the (translated) text
        fields.update(source_url=rest[0], blocks=excerpt_blocks(rest[1:]))
    elif rest:  # a note ("VIDEO") and the link
        fields.update(blocks=excerpt_blocks(rest[:-1]), full_original_url=rest[-1])
    return post(**fields)


def day_posts(*, keep_nbsp: bool = False) -> list[PostView]:
    """Every post of the 10 January 2022 archive page, newest first as the page lists them."""
    start = datetime(2022, 1, 10, 22, 0, tzinfo=UTC)
    chunks = enumerate(day_chunks(keep_nbsp=keep_nbsp))
    return [_shape(i, c, start - timedelta(minutes=10 * i), keep_nbsp) for i, c in chunks]


def page_posts(*, keep_nbsp: bool = False) -> tuple[list[PostView], list[str]]:
    """The RT DE post (ENGLISH: line) and The Cradle post of the other seed, with expected lines."""
    lines = content_lines(read_seed(POSTS_SEED), keep_nbsp=keep_nbsp)
    end = lines.index("Original Artikel in Engl. und in dt. Übersetzung hier:")
    expected = lines[: end + 1]
    title, outlet = split_title(lines[0], keep_nbsp=keep_nbsp)
    source, original = lines[1].split(" ENGLISH: ")
    rt = post(
        id=1,
        title=title,
        outlet=outlet,
        source_url=source,
        original_label="ENGLISH:",
        original_url=original,
        headline=lines[2],
    )
    body = lines[8:end]
    body[-1] = body[-1].removesuffix(" (…)")
    cradle = post(
        id=2,
        title=lines[3],
        source_label="Quelle:",
        source_url=lines[4].split(" ", 1)[1],
        headline=lines[5],
        subtitle=lines[6],
        byline=lines[7],
        blocks=excerpt_blocks(body, extra_after=True),
        full_original_line=lines[end],
    )
    return [rt, cradle], expected


def with_fixes(lines: list[str]) -> list[str]:
    """The seed day page with its bracketed omission mark written as the blog writes it now.

    The author's "…" ("fügte der Verwaltungsbeamte hinzu. …") stays "…": only a bracketed mark
    ("<…>") is an omission the typography writes "(…)".
    """
    return [line.replace("Es gibt Dinge, <…> denen", "Es gibt Dinge, (…) denen") for line in lines]


def expected_day(*, keep_nbsp: bool = False) -> list[str]:
    """The seed day archive's content lines, from the day heading to the page footer."""
    lines = content_lines(read_seed(DAY_SEED), keep_nbsp=keep_nbsp)
    return with_fixes(lines[lines.index(DAY_HEADING) : lines.index("%d Bloggern gefällt das:")])
