"""Language tags for translation-memory exports: "de" → "de-DE", "en"/"ru" stay as they are."""

import re

from app.errors import InvalidInput

_REGIONS = {"de": "de-DE"}
_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def lang_tag(code: str) -> str:
    """BCP 47 tag used in TMX/XLIFF for a Werkbank language code."""
    code = code.strip().replace("_", "-")
    if not _TAG.match(code):
        raise InvalidInput(f"Not a language code: {code!r}", code="invalid_language", value=code)
    base, _, rest = code.partition("-")
    base = base.lower()
    if not rest:
        return _REGIONS.get(base, base)
    return f"{base}-{rest.upper() if len(rest) == 2 else rest}"
