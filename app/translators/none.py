"""The `none` translator: leaves drafts empty for manual translation; always available."""

from collections.abc import Iterator, Sequence

from app.translators.base import DocumentContext, GlossaryTerm, TranslationResult, Translator
from app.translators.errors import TranslatorRejected
from app.translators.languages import PROJECT_LANGUAGES, pairs_among


class NoneTranslator(Translator):
    """Produces an empty draft per text without calling any engine."""

    name = "none"
    sends_text_to_third_party = False
    needs_key = False
    batch_size = 10_000
    max_chars = 1_000_000
    timeout = 0.0

    def pairs(self) -> set[tuple[str, str]]:
        return pairs_among(frozenset(PROJECT_LANGUAGES))

    def check(self, source: str, target: str) -> None:
        # Manual translation works for any pair a human can read; only nonsense is refused.
        if not (source.isalpha() and target.isalpha()):
            raise TranslatorRejected(f"invalid language pair {source!r}→{target!r}")

    def translate_iter(
        self,
        texts: Sequence[str],
        *,
        source: str,
        target: str,
        glossary: Sequence[GlossaryTerm] = (),
        context: DocumentContext | None = None,
    ) -> Iterator[tuple[int, TranslationResult]]:
        self.check(source, target)
        for index in range(len(texts)):
            yield index, TranslationResult(text="", provider=self.name)
