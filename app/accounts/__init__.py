"""Accounts: users, passwords and tokens, login throttling."""
