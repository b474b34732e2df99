"""XML text helpers shared by the XML exporters: invalid characters, escaping, CDATA."""

import re
from xml.sax.saxutils import escape, quoteattr

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters)."""
    return _INVALID.sub("", text)


def xml_text(text: str) -> str:
    """Escaped element text."""
    return escape(xml_safe(text))


def xml_attr(text: str) -> str:
    """A quoted, escaped attribute value."""
    return quoteattr(xml_safe(text))


def cdata(text: str) -> str:
    """A CDATA section; a literal "]]>" is split across two sections so it survives."""
    return "<![CDATA[" + xml_safe(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"
