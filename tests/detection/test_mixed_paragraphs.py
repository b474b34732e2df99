"""A sentence in another language inside a paragraph: the whole reading may be outweighed by it,
so a paragraph whose sentences vote otherwise is read sentence by sentence."""

import pytest

from app.detection import model as detect_model
from app.detection.detector import detect_document, route_language
from app.detection.reading import SPLIT_BELOW, VOTE_BELOW, read
from app.detection.rules import sentence_pieces

# Hand-written. Each routed-language part is the clear majority (the quote has at most 40 % of
# the characters), yet the whole text read at once comes out in the quote's language.
EN_WITH_DUTCH = (
    "Farms began to spread around 800 BC, when traders came south by river. Miller was born on "
    "May 4, 1901, in a small town near the border. Maybe it will not matter, since we will not "
    "stay long. Zij geeft toe dat er fouten zijn gemaakt bij de uitvoering van de plannen, waarvan "
    "het omstreden deel nu wordt geschrapt."
)
EN_WITH_GERMAN = (
    "The tower was built in 1962. Miller was born on May 4, 1901, in a small town near the border. "
    "Maybe it will not matter, since we will not stay long. Er betonte, dass man nicht mit denen "
    "weiterarbeiten könne, die völlig gegen diese Pläne seien."
)
RU_WITH_KAZAKH = (
    "Башню построили в 1962 году. Миллер родился 4 мая 1901 года в маленьком городе у границы. "
    "В поезде я видел несколько человек с газетами, но гораздо меньше, чем год назад. Сонымен "
    "қатар, ешкім де өзі тұратын елдің саяси немесе құқықтық мәртебесіне байланысты шектелмеуі тиіс."
)
EN_PLAIN = (
    "Energy prices rose sharply over the winter. Households in the north were hit hardest, "
    "according to the statistics office. The government has promised a second relief package."
)


@pytest.mark.parametrize(
    ("text", "majority", "quote"),
    [(EN_WITH_DUTCH, "en", "nl"), (EN_WITH_GERMAN, "en", "de"), (RU_WITH_KAZAKH, "ru", "kk")],
)
def test_a_quote_that_outweighs_the_whole_reading_does_not_decide_the_paragraph(text, majority, quote):
    whole = read(text)
    # The premise: read at once, the quote's language wins, and sure enough to skip the vote.
    assert whole.detection.lang == quote and whole.detection.confidence >= SPLIT_BELOW
    assert whole.parts_disagree and not whole.settled
    assert route_language([text]).lang == majority


def test_a_paragraph_with_such_a_quote_is_not_marked_as_another_language_in_its_document():
    doc = detect_document([EN_PLAIN, EN_WITH_GERMAN, EN_PLAIN])
    assert doc.lang == "en"
    assert doc.paragraphs[1].lang == "en"
    assert doc.mixed == []  # before: paragraph 1 was German at 0.99, "translated from German"


def test_a_paragraph_in_one_language_is_settled_by_its_whole_reading():
    reading = read(EN_PLAIN)
    assert reading.detection.lang == "en" and reading.settled and not reading.parts_disagree


def test_reading_in_pieces_gives_the_features_of_the_whole_text():
    model = detect_model.get_model()
    pieces = sentence_pieces(EN_WITH_DUTCH)
    assert len(pieces) == 4 and "".join(pieces) == EN_WITH_DUTCH
    whole, by_pieces = model.features(EN_WITH_DUTCH), model.features_by_part(pieces)
    assert dict(zip(whole.idx.tolist(), whole.counts.tolist(), strict=True)) == dict(
        zip(by_pieces.idx.tolist(), by_pieces.counts.tolist(), strict=True)
    )
    assert whole.size == by_pieces.size
    assert model.rank_features(whole, "latin") == model.rank_features(by_pieces, "latin")


def test_the_pieces_vote_only_below_vote_below():
    model = detect_model.get_model()
    features = model.features_by_part(sentence_pieces(EN_WITH_DUTCH))
    ranked, voted = model.rank_with_vote(features, "latin", vote_below=VOTE_BELOW)
    assert max(ranked, key=ranked.__getitem__) == "nl" and voted == "en"
    assert model.rank_with_vote(features, "latin", vote_below=0.0) == (ranked, None)
    one_piece = model.features_by_part([EN_WITH_DUTCH])
    assert model.rank_with_vote(one_piece, "latin", vote_below=1.0)[1] is None
