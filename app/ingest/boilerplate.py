"""Boilerplate lines that extraction leaves inside articles; every rule generic and named.

Each rule is a (name, pattern) pair matched against a whole block; tests/ingest/test_boilerplate.py
has a case per rule. No site names: the patterns describe kinds of lines, not outlets.
"""

import re

from app.ingest.segment import Block

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_COMMENT = r"\bcomment\w*|\bcomentari\w*|\bkommentar\w*|\bcommentaire\w*|التعليق\w*|комментари\w*"
# "… comments are the opinion of the users": the comment is the users' own, not the site's
_USERS_OPINION = (
    r"\b(?:are|is|es|son|sind|ist|sont) (?:the |la |las |die |l')?(?:opinions?|opini[oó]n(?:es)?|"
    r"meinung|avis) (?:of|de|der|des) (?:the |los |las )?(?:users|readers|usuarios|lectores|"
    r"internautas|nutzer|leser|lecteurs|internautes)\b"
)
_NOT_ALLOWED = r"\bnot (?:permitted|allowed)\b|\bno está permitido\b|\bnicht (?:erlaubt|gestattet)\b"
_RESERVES = r"\breserves? the right\b|\bse reserva el derecho\b|\bse réserve le droit\b|\bbehält sich\b"
_MODERATE = r"مراجعة|\breview(?:ing)? (?:all |the )?|\bmoderat(?:e|ing) (?:all |the )?|\brevisar (?:los )?"
_NOT_OURS = (
    r"\bdo(?:es)? not (?:necessarily )?(?:reflect|represent)\b|لا تعبر عن رأي|"
    r"\bno (?:necesariamente )?reflejan?\b|\bgeben nicht (?:unbedingt )?die meinung\b"
)

_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*){1,3}"
_DATE = r"(?:\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"

RULES: dict[str, re.Pattern[str]] = {
    # "Read more: …", "READ MORE", "Lesen Sie auch: …", "More Must-Reads From TIME"
    "read_more": re.compile(
        r"^(?:read (?:more|also|next)|see (?:also|more)|view more|related(?: articles| stories)?|"
        r"more must-reads\b|more from\b|lesen sie (?:auch|mehr)|mehr zum thema|читайте также)\b.{0,200}$",
        re.IGNORECASE,
    ),
    # "Sign Up for our newsletter", "Subscribe to …", "Jetzt abonnieren"
    # A short question may lead in: "Want weekly tips? Sign up for …"
    "sign_up": re.compile(
        r"^(?:[^.?!]{0,80}\?\s+)?(?:sign up|subscribe|get (?:our|the) \w+ newsletter|newsletter|"
        r"jetzt abonnieren|подпишитесь)\b.{0,160}$",
        re.IGNORECASE,
    ),
    # "Write to Jane Doe at jane.doe@example.com", a contact line ending in an e-mail address
    "write_to": re.compile(rf"^(?:write to|contact|email|e-mail|kontakt)\b.{{0,100}}{_EMAIL}\.?$", re.I),
    # "kokobj@yna.co.kr(END)" or a bare "(END)": agency sign-offs
    "sign_off": re.compile(rf"^(?:{_EMAIL}\s*)?\((?:END|Ende|ENDS)\)$|^{_EMAIL}$", re.IGNORECASE),
    # "Keywords", "Tags:", "Schlagworte" alone: the label of a tag list
    "keywords_label": re.compile(r"^(?:keywords?|tags?|topics?|schlagw(?:o|ö)rter?|themen)\s*:?$", re.I),
    # "Loading weather data ...", "Loading…": placeholders of scripts that never ran
    "loading": re.compile(r"^loading\b.{0,60}(?:\.{3}|…)$", re.IGNORECASE),
    # "© 2013 Cable News Network … All rights reserved.", "Copyright 2020 …"
    "copyright": re.compile(
        r"^(?:©|\(c\)|copyright\b).{0,200}$|^.{0,160}\ball rights reserved\.?$", re.IGNORECASE
    ),
    # "Follow … on Facebook / Twitter / X / Instagram"
    "follow_us": re.compile(
        r"^(?:follow|like|folgen sie)\b.{0,100}\b(?:facebook|twitter|instagram|x|telegram|tiktok|"
        r"youtube|linkedin|threads|mastodon|bluesky)\b.{0,40}$",
        re.IGNORECASE,
    ),
    # "We may earn a commission …", "This post contains affiliate links"
    "affiliate": re.compile(
        r"^.{0,200}\b(?:affiliate (?:links?|commission|partners?)|(?:may )?earn (?:a|an) "
        r"(?:small )?(?:commission|affiliate)|partnerlinks?)\b.{0,200}$",
        re.IGNORECASE,
    ),
    # "Comments", "Comentar", "Kommentare (12)": the label of a comment section
    "comments_label": re.compile(
        r"^(?:comments?|comentar(?:ios)?|kommentare?|kommentieren|комментарии)\s*:?\s*(?:\(\s*\d*\s*\)?)?$",
        re.I,
    ),
    # "Share", "Share this article:", "Teilen": share buttons' labels
    # "このニュースをシェア" ("share this news"): the same label in Japanese
    "share_label": re.compile(
        r"^(?:share|teilen|compartir|поделиться)(?: this)?(?: article| story| post)?\s*:?$|"
        r"^(?:この)?(?:記事|ニュース|ページ)を(?:シェア|共有)(?:する)?$",
        re.I,
    ),
    # "Jane Doe and John Roe contributed to this report.": the credit line of a wire story
    "contributor_credit": re.compile(r"^.{0,160}\bcontributed to this (?:report|article|story)\.?$", re.I),
    # "Jane Doe | Springfield | 08/01/2014": a byline/dateline of two to four short parts, one a date
    "byline_dateline": re.compile(
        r"^(?=.*(?:^|\|\s)(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})(?:\s\||$))"
        r"[^|]{1,40}(?:\s\|\s[^|]{1,40}){1,3}$"
    ),
    # Comment-section notices: who is responsible for comments, what is not allowed, moderation,
    # and "the opinions below are not ours" (several languages)
    "comment_policy": re.compile(
        rf"^(?=.{{0,400}}$).*(?:(?:{_COMMENT}).{{0,80}}(?:{_USERS_OPINION})|"
        rf"(?:{_NOT_ALLOWED}|{_RESERVES}).{{0,80}}(?:{_COMMENT})|"
        rf"(?:{_MODERATE})\s?(?:{_COMMENT})\s+(?:before|قبل|antes|vor)\b)|"
        rf"^(?:the )?(?:views|opinions|comments|الآراء)\b.{{0,80}}(?:{_NOT_OURS})",
        re.IGNORECASE,
    ),
    # "Die Rechte sämtlicher Texte sind beim … Jede Weiterverbreitung ist honorarpflichtig.": who owns
    # the texts and that reuse needs permission (a publisher's notice, not the story)
    "reuse_notice": re.compile(
        r"^(?=.{0,400}$)(?:(?:die )?rechte (?:an |sämtlicher |aller |für )?(?:den |allen |alle |der )?"
        r"(?:texte|inhalte|beiträge|artikel|fotos|bilder)\w*\b|(?:jede|any|toute|toda) (?:weiterverbreitung|"
        r"weiterverwendung|vervielfältigung|reproduction|redistribution|republication|reproducción)\b|"
        r"no part of this (?:article|publication|website|site) may be reproduced\b).*",
        re.IGNORECASE,
    ),
    # "Durch die weitere Nutzung der Webseite stimmen Sie … Cookies zu.", "This site uses cookies …"
    "cookie_notice": re.compile(
        r"^(?=.{0,400}$)(?=.*\bcookies?\b)(?:(?:durch|mit|bei) (?:der |die )?(?:weiteren? )?nutzung "
        r"(?:der|dieser|unserer) (?:webseite|website|seite)|by (?:continuing to )?(?:use|using|browse|"
        r"browsing) (?:this|our) (?:site|website)|"
        r"(?:wir|we) (?:verwenden|nutzen|use) cookies,? (?:to|um|for|auf|on|damit)\b|"
        r"(?:diese|unsere) (?:webseite|website|seite) (?:verwendet|nutzt)|(?:this|our) (?:site|website) "
        r"uses|ce site utilise|en poursuivant votre navigation).*",
        re.IGNORECASE,
    ),
    # "Bildnachweise (von oben nach unten): …", "Foto: University of Edinburgh", "Photo credits: …"
    "photo_credits": re.compile(
        r"^(?:bildnachweise?|fotonachweise?|bildquellen?|fotos?|photos?|bilder?|images?|"
        r"(?:photo|image|picture) credits?|crédits? photos?)\s*(?:\([^)]{0,60}\))?\s*:\s*.{1,400}$",
        re.IGNORECASE,
    ),
    # "Schlagworte: Cybercrime, Hacking, SCADA": a tag list after its label, no sentence
    "tag_list": re.compile(
        r"^(?:keywords?|tags?|topics?|schlagw(?:o|ö)rter?|stichw(?:o|ö)rter|themen|mots-cl(?:é|e)f?s)\s*:\s*"
        r"[^,.!?:]{1,40}(?:\s*,\s*[^,.!?:]{1,40})+$",
        re.IGNORECASE,
    ),
    # "von Klaus-Peter Schöppner, 8.5.12", "By Jane Doe and John Roe": a byline of capitalised names,
    # a date may follow
    "byline": re.compile(
        rf"^(?i:by|von|par|por)\s+{_NAME}(?:\s*(?:,|and|und|et|y|&)\s*{_NAME})*"
        rf"(?:\s*[,|–-]\s*{_DATE})?$"
    ),
    # "10.06.2018 22:00", "Samstag, 22.12.2012": a date (and time) alone on its line
    "date_line": re.compile(
        rf"^(?:\w+,?\s+)?{_DATE}(?:,?\s+(?:um\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*Uhr)?)?$"
    ),
    # "Ses contenus n'engagent pas la rédaction.", "… do not necessarily reflect the views of the
    # editors": the publisher disowning a section's contents (readers' blogs, guest posts)
    "editorial_disclaimer": re.compile(
        r"^(?=.{0,300}$).*\b(?:n'engagent? pas|do(?:es)? not (?:necessarily )?(?:reflect|represent)"
        r"(?: the (?:views?|opinions?) of)?|(?:spiegeln|geben) nicht (?:unbedingt )?die meinung)\s+"
        r"(?:la rédaction|the (?:editors?|editorial (?:board|staff|team)|publishers?|newsroom)|der redaktion)"
        r"(?:\s+wieder)?[.!]?(?=\s|$)",
        re.IGNORECASE,
    ),
    # "Auf unserer Instagram-Seite findest du weitere Tipps.", "Visit our YouTube channel for more":
    # a call to the site's own social-media page
    "social_page": re.compile(
        r"^(?=.{0,200}$)(?=.*\b(?:find\w*|visit|besuch\w*|folg\w*|follow|retrouvez|suivez|sigue\w*|mehr|more|weitere\w*)\b)"
        r".*\b(?:unserer?|our|notre|nuestra?)\s+(?:@\S+\s+)?(?:facebook|instagram|youtube|"
        r"tiktok|pinterest|twitter|linkedin|telegram)[- ]?(?:seite|page|kanal|channel|account|profil|profile|"
        r"compte|feed)\b.*",
        re.IGNORECASE,
    ),
    # "---", "* * *", "___": separators without words
    "separator": re.compile(r"^[\s\-–—_*=•·~#]{3,}$"),
}


def boilerplate_rule(text: str) -> str | None:
    """The name of the first rule a block matches, or None for article text."""
    line = text.strip()
    for name, pattern in RULES.items():
        if pattern.match(line):
            return name
    return None


def _teaser(text: str) -> bool:
    """A headline of a teaser list: short, and not a sentence ending in a full stop."""
    return len(text.split()) <= 15 and not text.rstrip().endswith((".", ":", ";", "…", '."', ".”"))


def drop_boilerplate(blocks: list[Block]) -> list[Block]:
    """The blocks without boilerplate lines (a trailing agency sign-off is cut from its paragraph).

    A short "More Must-Reads From …"/"Related" label also takes the teaser headlines after it.
    """
    kept: list[Block] = []
    in_teasers = False
    for block in blocks:
        text = re.sub(rf"\s*(?:{_EMAIL})?\s*\((?:END|ENDS)\)$", "", block.text).strip()
        if in_teasers and _teaser(text):
            continue
        rule = boilerplate_rule(text) if text else "empty"
        in_teasers = rule == "read_more" and len(text.split()) <= 6 and ":" not in text.rstrip(" :")
        if rule is None:
            kept.append(Block(block.kind, text))
    return kept
