"""Language codes the workbench deals in; online engines advertise pairs among these."""

# The blog drafts German from English and Russian news; the others are common neighbours.
PROJECT_LANGUAGES = ("de", "en", "ru", "uk", "fr", "es", "it", "pl")


def pairs_among(codes: set[str] | frozenset[str]) -> set[tuple[str, str]]:
    """Every ordered pair of distinct project languages that the engine knows."""
    known = [code for code in PROJECT_LANGUAGES if code in codes]
    return {(s, t) for s in known for t in known if s != t}
