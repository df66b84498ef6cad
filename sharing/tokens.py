"""Secrets handed out in links and headers. Pure: no models.

A token is 256 random bits (URL-safe text); only its SHA-256 is stored, so a
database copy does not open any link. A slow hash is not needed: the token is
random, not a password a person chose.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
