"""The built-in checks, one module each (registered in app.qa.registry)."""
