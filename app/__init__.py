"""Werkbank: translation-and-excerpt workbench for a German-language news blog."""

__version__ = "0.1.0"
