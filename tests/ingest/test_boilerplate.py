"""One case per boilerplate rule (app/ingest/boilerplate.py), and text that no rule may take."""

import pytest

from app.ingest.boilerplate import RULES, boilerplate_rule, drop_boilerplate
from app.ingest.segment import Block

CASES = {
    "read_more": [
        "Read more: Why the storm hit the coast so hard",
        "More Must-Reads From TIME",
        "Lesen Sie auch: Der Gipfel",
    ],
    "sign_up": [
        "Sign Up for our daily newsletter",
        "Subscribe to the morning briefing",
        "Want Weekly Tips on What to Read? Sign Up for Our Best Picks",
    ],
    "write_to": ["Write to Jane Doe at jane.doe@example.com", "Contact the author: j.smith@news.example.org"],
    "sign_off": ["kokobj@yna.co.kr(END)", "(END)"],
    "keywords_label": ["Keywords", "Tags:", "Schlagworte"],
    "loading": ["Loading weather data ...", "Loading…"],
    "copyright": [
        "© 2013 Cable News Network. Turner Broadcasting System, Inc. All Rights Reserved.",
        "Copyright 2020 Example Media",
    ],
    "follow_us": ["Follow Jane Doe on Facebook", "Follow us on X and Instagram"],
    "affiliate": ["We may earn a commission when you buy through links on our site."],
    "separator": ["---", "* * *", "___"],
    "comments_label": ["Comentar", "Comments (12)", "Kommentare", "Kommentare ("],
    "share_label": ["Share this article:", "Teilen", "このニュースをシェア", "記事を共有する"],
    "byline_dateline": ["Jane Doe | Springfield | 08/01/2014", "Max Muster | 2024-05-12"],
    "comment_policy": [
        "El contenido de los comentarios es la opinión de los usuarios, no de example.es.",
        "No está permitido verter comentarios contrarios a las leyes.",
        "example.es se reserva el derecho de eliminar cualquier comentario inapropiado.",
        "We review all comments before they are published. Please read our guidelines.",
        "يرحب الموقع بالنقاش، وكي لا نضطر إلى مراجعة التعليقات قبل نشرها ننصحك بقراءة الإرشادات.",
        "الآراء الواردة أدناه لا تعبر عن رأي الموقع، بل تعكس وجهات نظر أصحابها فقط.",
        "The views expressed in the comments do not reflect the views of Example News.",
    ],
    "contributor_credit": ["CNN’s Christine Romans and Emily Jane Fox contributed to this report"],
    "reuse_notice": [
        "Die Rechte sämtlicher Texte sind beim Medienzentrum. Jede Weiterverbreitung ist honorarpflichtig.",
        "Any reproduction of this article requires the publisher's written consent.",
    ],
    "cookie_notice": [
        "Durch die weitere Nutzung der Webseite stimmen Sie der Verwendung von Cookies zu.",
        "This site uses cookies to improve your experience. Read our privacy policy.",
    ],
    "photo_credits": [
        "Bildnachweise (von oben nach unten): Jane Doe CC BY 2.0, John Roe CC BY-SA 2.0",
        "Foto: University of Example; großes Foto oben: Jane Doe",
        "Photo credits: Jane Doe / Example Agency",
    ],
    "tag_list": ["Schlagworte: Cybercrime, Hacking, SCADA", "Tags: climate, energy, transport"],
    "byline": ["von Klaus-Peter Muster, 8.5.12", "By Jane Doe and John Roe", "Par Marie Dupont"],
    "date_line": ["10.06.2018 22:00", "Samstag, 22.12.2012", "2024-05-12"],
    "editorial_disclaimer": [
        "Le Club est l'espace de libre expression des abonnés. Ses contenus n'engagent pas la rédaction.",
        "Guest posts do not necessarily reflect the views of the editors.",
        "Leserbeiträge geben nicht unbedingt die Meinung der Redaktion wieder.",
    ],
    "social_page": [
        "Auf unserer @example Instagram Seite findest du weitere Stylingtipps unserer Experten.",
        "Visit our YouTube channel for more videos.",
    ],
}

ARTICLE_TEXT = [
    "Read the full statement, the minister said, before judging the deal.",
    "The company said it would follow the new rules on Facebook advertising from next year, when the law takes effect.",
    "Sign language interpreters were present at every session of the parliament.",
    "Loading the ships took three days longer than planned because of the storm.",
    "The agency said the copyright dispute would go to court in March.",
    "She wrote to the ministry twice, asking for the documents.",
    "Comments made by the minister on Monday caused an uproar in parliament.",
    "Shares of the company fell by ten percent after the announcement.",
    "Three reporters contributed to this report's findings, the newspaper said, and all of them were later honoured.",
    "Why did the talks fail? Subscribers to the party's newsletter were told nothing at all, officials said later.",
    "The court ruled that comments by users were not allowed to be deleted without notice.",
    "The reviewer said the comments were fair, and the minister's opinion of the users changed.",
    "Berlin | Paris | London: the three capitals agreed on the plan.",
    "The minister said the figures do not reflect the views of the whole cabinet.",
    "Die Rechte der Mieter liegen beim Gericht, sagte die Ministerin.",
    "The court said any reproduction of the photos without permission was illegal.",
    "Cookies and milk were served at the reception, the organisers said.",
    "We use cookies, the baker said, because children love them.",
    "Photos of the flood show whole villages under water.",
    "Themen: Klima, Energie und Verkehr standen im Mittelpunkt.",
    "Von Berlin aus fuhr der Zug nach Paris.",
    "By Tuesday the talks had collapsed.",
    "Am 10.06.2018 um 22:00 begann das Fest.",
    "The report does not reflect the views of the editors' union, its chair said on Monday.",
    "On our Facebook page of 2019 the party had posted the claim, a court found; the page was deleted.",
]


def test_every_rule_has_cases():
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize(("rule", "line"), [(r, line) for r, lines in CASES.items() for line in lines])
def test_rule_matches_its_lines(rule, line):
    assert boilerplate_rule(line) == rule


@pytest.mark.parametrize("line", ARTICLE_TEXT)
def test_article_sentences_are_kept(line):
    assert boilerplate_rule(line) is None


def test_agency_sign_off_is_cut_from_the_last_paragraph():
    blocks = [
        Block("paragraph", "The drill ends on Friday, the ministry said. kokobj@yna.co.kr(END)"),
        Block("paragraph", "---"),
    ]
    assert drop_boilerplate(blocks) == [Block("paragraph", "The drill ends on Friday, the ministry said.")]


def test_a_teaser_list_label_takes_its_headlines_but_not_the_article_after_it():
    blocks = [
        Block("paragraph", "The scientist said the plan was dangerous."),
        Block("heading", "More Must-Reads From TIME"),
        Block("paragraph", "The Struggle to Save Lives Inside Gaza’s Hospitals"),
        Block("paragraph", "Is Using the Snooze Button Bad for You?"),
        Block("paragraph", "Other scientists are softer on the paper’s predictions, but echo his concerns."),
    ]
    assert [b.text for b in drop_boilerplate(blocks)] == [
        "The scientist said the plan was dangerous.",
        "Other scientists are softer on the paper’s predictions, but echo his concerns.",
    ]


def test_read_more_with_its_own_link_text_takes_nothing_after_it():
    blocks = [Block("paragraph", "Read more: Why the storm hit"), Block("heading", "What comes next")]
    assert [b.text for b in drop_boilerplate(blocks)] == ["What comes next"]
