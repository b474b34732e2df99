"""Sample posts and pairs for exporter tests, full of characters that must be escaped."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from app.exporters.types import PostBlock, PostView, SegmentPair

NASTY = 'A <script>alert("x")</script> & <b>fett</b> *stern* [link](http://x) ]]> ende'


def sample_post(**kw: object) -> PostView:
    fields: dict[str, object] = dict(
        id=42,
        title='Nach Kasachstan: "Putin\'s" Plan',
        outlet="The Cradle",
        source_url="https://thecradle.co/a?x=1&y=2",
        source_label="Quelle:",
        original_url=None,
        original_label=None,
        subtitle="Ein Untertitel",
        byline="Von Pepe",
        published_at=datetime(2022, 1, 10, 23, 30, tzinfo=UTC),
        blocks=[
            PostBlock("paragraph", NASTY),
            PostBlock("omission", "(…)"),
            PostBlock("heading", "Das Netz"),
            PostBlock("paragraph", "Zweiter Absatz ..."),
        ],
        read_more=False,
        read_more_url=None,
        full_original_line="Das vollständige Interview hier:",
        full_original_url="https://example.org/full",
        credit="Übersetzung: Linke Zeitung",
        categories=["Kasachstan", "Krieg & Frieden"],
        tags=["OVKS"],
        slug="nach-kasachstan",
        status="published",
        document_id=5,
        zone=ZoneInfo("Europe/Berlin"),  # the blog's zone, as the default site setting
    )
    fields.update(kw)
    return PostView(**fields)  # type: ignore[arg-type]


def sample_pairs() -> list[SegmentPair]:
    when = datetime(2022, 1, 9, 8, 15, 30, tzinfo=UTC)
    return [
        SegmentPair(5, 2, "en", "de", 'Second <b> & "q"', None, "Zweiter „x“ & <b>", "approved", None, when),
        SegmentPair(
            5,
            1,
            "en",
            "de",
            "First, line\nbreak",
            "Erste MT",
            "Erste Zeile\nUmbruch",
            "approved",
            "anna",
            when,
        ),
        SegmentPair(
            7,
            1,
            "ru",
            "de",
            "Привет, мир ]]>",
            "Hallo MT",
            "Hallo, Welt ]]>",
            "approved",
            "boris",
            when,
        ),
        SegmentPair(7, 2, "ru", "de", "Не одобрено", None, "Nicht freigegeben", "draft", None, when),
    ]
