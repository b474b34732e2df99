"""Pluggable machine translators: base class, registry and one module per engine."""
