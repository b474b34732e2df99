"""WordPress eXtended RSS (WXR 1.2) for one post, a day or any list of posts."""

from datetime import UTC, date, datetime
from email.utils import format_datetime

from app.errors import InvalidInput
from app.exporters import html
from app.exporters.types import PostView
from app.exporters.xmltext import cdata, xml_attr, xml_text
from app.text.typography import format_day, slugify_de

NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
STATUS = {"published": "publish", "publish": "publish", "ready": "pending", "draft": "draft"}


def term_slug(name: str) -> str:
    """WordPress nicename of a category/tag name."""
    try:
        return slugify_de(name, max_length=200)
    except InvalidInput:
        return "term-" + "-".join(f"{ord(ch):x}" for ch in name.strip())[:190]


def _wp_date(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _terms(post: PostView) -> list[str]:
    cats = [("category", name) for name in dict.fromkeys(post.categories)]
    tags = [("post_tag", name) for name in dict.fromkeys(post.tags)]
    return [
        f"\t\t<category domain={xml_attr(domain)} nicename={xml_attr(term_slug(name))}>"
        f"{cdata(name)}</category>"
        for domain, name in cats + tags
    ]


def _item(post: PostView, site_url: str, author: str) -> str:
    local = post.published_local  # the blog's zone: WordPress's timezone setting must match it
    gmt = post.published_at.astimezone(UTC)
    status = STATUS.get(post.status, "draft")
    lines = [
        "\t<item>",
        f"\t\t<title>{cdata(html.title_html(post))}</title>",
        f"\t\t<link>{xml_text(f'{site_url}/{post.slug}/')}</link>",
        f"\t\t<pubDate>{format_datetime(gmt)}</pubDate>",
        f"\t\t<dc:creator>{cdata(author)}</dc:creator>",
        f'\t\t<guid isPermaLink="false">{xml_text(f"{site_url}/?p={post.id}")}</guid>',
        "\t\t<description></description>",
        f"\t\t<content:encoded>{cdata(html.render_post(post))}</content:encoded>",
        f"\t\t<excerpt:encoded>{cdata(html.text_html(post.subtitle))}</excerpt:encoded>",
        f"\t\t<wp:post_id>{post.id}</wp:post_id>",
        f"\t\t<wp:post_date>{cdata(_wp_date(local))}</wp:post_date>",
        f"\t\t<wp:post_date_gmt>{cdata(_wp_date(gmt))}</wp:post_date_gmt>",
        f"\t\t<wp:comment_status>{cdata('closed')}</wp:comment_status>",
        f"\t\t<wp:ping_status>{cdata('closed')}</wp:ping_status>",
        f"\t\t<wp:post_name>{cdata(post.slug)}</wp:post_name>",
        f"\t\t<wp:status>{cdata(status)}</wp:status>",
        "\t\t<wp:post_parent>0</wp:post_parent>",
        "\t\t<wp:menu_order>0</wp:menu_order>",
        f"\t\t<wp:post_type>{cdata('post')}</wp:post_type>",
        f"\t\t<wp:post_password>{cdata('')}</wp:post_password>",
        "\t\t<wp:is_sticky>0</wp:is_sticky>",
        *_terms(post),
        "\t</item>",
    ]
    return "\n".join(lines)


def _term_definitions(posts: list[PostView]) -> list[str]:
    cats = dict.fromkeys(name for p in posts for name in p.categories)
    tags = dict.fromkeys(name for p in posts for name in p.tags)
    out = []
    for i, name in enumerate(cats, start=1):
        out.append(
            f"\t<wp:category><wp:term_id>{i}</wp:term_id>"
            f"<wp:category_nicename>{cdata(term_slug(name))}</wp:category_nicename>"
            f"<wp:category_parent>{cdata('')}</wp:category_parent>"
            f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"
        )
    for i, name in enumerate(tags, start=len(cats) + 1):
        out.append(
            f"\t<wp:tag><wp:term_id>{i}</wp:term_id><wp:tag_slug>{cdata(term_slug(name))}"
            f"</wp:tag_slug><wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>"
        )
    return out


def render(
    posts: list[PostView],
    *,
    site_title: str = "Werkbank",
    site_url: str = "http://localhost",
    author: str = "werkbank",
    generated_at: datetime | None = None,
) -> str:
    """A WXR 1.2 file with every post as an item (posts keep the given order)."""
    site_url = site_url.rstrip("/")
    now = (generated_at or datetime.now(UTC)).astimezone(UTC)
    ns = "\n\t".join(f"xmlns:{k}={xml_attr(v)}" for k, v in NAMESPACES.items())
    head = [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<!-- generator="Werkbank" -->',
        f'<rss version="2.0"\n\t{ns}>',
        "<channel>",
        f"\t<title>{xml_text(site_title)}</title>",
        f"\t<link>{xml_text(site_url)}</link>",
        "\t<description></description>",
        f"\t<pubDate>{format_datetime(now)}</pubDate>",
        "\t<language>de-DE</language>",
        "\t<wp:wxr_version>1.2</wp:wxr_version>",
        f"\t<wp:base_site_url>{xml_text(site_url)}</wp:base_site_url>",
        f"\t<wp:base_blog_url>{xml_text(site_url)}</wp:base_blog_url>",
        f"\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login>{cdata(author)}"
        f"</wp:author_login><wp:author_display_name>{cdata(author)}"
        "</wp:author_display_name></wp:author>",
        *_term_definitions(posts),
        "\t<generator>Werkbank</generator>",
    ]
    items = [_item(post, site_url, author) for post in posts]
    return "\n".join([*head, *items, "</channel>", "</rss>"]) + "\n"


def render_post(post: PostView, **options: object) -> str:
    """WXR holding one post; options as for render()."""
    return render([post], **options)  # type: ignore[arg-type]


def render_day(day: date, posts: list[PostView], **options: object) -> str:
    """WXR holding a day's posts, oldest first (import order)."""
    ordered = sorted(posts, key=lambda p: p.published_at)
    options.setdefault("site_title", f"Werkbank – {format_day(day)}")
    return render(ordered, **options)  # type: ignore[arg-type]
