"""Migrations on full databases: every step down and up keeps every row; backups before upgrades."""
