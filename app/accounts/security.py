"""Password hashing (argon2) and opaque tokens stored only as hashes."""

import hashlib
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verifying against this keeps response time equal for unknown users (hashed on first use)."""
    return _hasher.hash("werkbank-timing-equaliser")


def hash_password(password: str) -> str:
    """Argon2id hash of a password."""
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """True when the password matches; constant work even without a stored hash."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """A fresh random token (shown once, stored hashed)."""
    return "wb_" + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """SHA-256 of a token; tokens are long random strings, so no KDF is needed."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_password() -> str:
    """A random one-time password for the first admin."""
    return secrets.token_urlsafe(12)
