"""Checking the Bot Framework token on every inbound request, without blocking the event loop.

botbuilder 4.17.1 downloads signing keys with a synchronous ``requests.get`` without timeout,
raises instead of refreshing on an unknown key id, and turns many forged tokens into a 500.
This validator uses PyJWT with keys fetched by aiohttp (timeout, cache, refresh on unknown
key id at most every five minutes) and reports every failure as ``AuthError`` (a 401).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm

log = logging.getLogger(__name__)

ISSUER = "https://api.botframework.com"
KEY_CACHE_SECONDS = 24 * 3600
REFRESH_MIN_INTERVAL = 300
FETCH_TIMEOUT = aiohttp.ClientTimeout(total=5)
LEEWAY_SECONDS = 300


class AuthError(Exception):
    """The request is not from the Bot Framework for this bot."""


class KeyStore:
    """Signing keys from the OpenID metadata document, cached and refreshed asynchronously."""

    def __init__(self, metadata_url: str, session: aiohttp.ClientSession) -> None:
        self._metadata_url = metadata_url
        self._session = session
        self._keys: dict[str, dict[str, Any]] = {}
        # Never fetched. Not 0.0: monotonic time counts from boot, so on a machine up for less than
        # REFRESH_MIN_INTERVAL a 0.0 here would forbid the first fetch and refuse every token.
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    async def _fetch(self) -> None:
        async with self._session.get(self._metadata_url, timeout=FETCH_TIMEOUT) as resp:
            resp.raise_for_status()
            metadata = json.loads(await resp.text())
        async with self._session.get(metadata["jwks_uri"], timeout=FETCH_TIMEOUT) as resp:
            resp.raise_for_status()
            jwks = json.loads(await resp.text())
        self._keys = {k["kid"]: k for k in jwks.get("keys", []) if isinstance(k, dict) and "kid" in k}
        self._fetched_at = time.monotonic()

    async def get(self, kid: str) -> dict[str, Any]:
        stale = time.monotonic() - self._fetched_at > KEY_CACHE_SECONDS
        if kid not in self._keys or stale:
            async with self._lock:
                age = time.monotonic() - self._fetched_at
                if (kid not in self._keys and age > REFRESH_MIN_INTERVAL) or age > KEY_CACHE_SECONDS:
                    try:
                        await self._fetch()
                    except (aiohttp.ClientError, TimeoutError, ValueError, KeyError) as exc:
                        log.warning("could not fetch signing keys: %s", type(exc).__name__)
                        if not self._keys:
                            raise AuthError("signing keys unavailable") from exc
        key = self._keys.get(kid)
        if key is None:
            raise AuthError("unknown signing key")
        return key


class TokenValidator:
    def __init__(self, app_id: str, keys: KeyStore) -> None:
        self._app_id = app_id
        self._keys = keys

    async def validate(self, authorization: str | None, channel_id: str, service_url: str) -> dict[str, Any]:
        """Return the token's claims, or raise AuthError."""
        if not authorization or not authorization.startswith("Bearer "):
            raise AuthError("missing bearer token")
        token = authorization[len("Bearer ") :].strip()
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise AuthError("malformed token") from exc
        if header.get("alg") != "RS256" or not isinstance(header.get("kid"), str):
            raise AuthError("unexpected token algorithm")
        jwk = await self._keys.get(header["kid"])
        endorsements = jwk.get("endorsements")
        if isinstance(endorsements, list) and channel_id not in endorsements:
            raise AuthError("key not endorsed for channel")
        try:
            public_key = RSAAlgorithm.from_jwk(json.dumps(jwk))
            claims: dict[str, Any] = jwt.decode(
                token,
                key=public_key,  # type: ignore[arg-type]
                algorithms=["RS256"],
                audience=self._app_id,
                issuer=ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise AuthError("invalid token") from exc
        # The token names the service it came from; an activity must not claim another one. A token
        # without the claim is refused too (as botbuilder does): the bot sends its own token there.
        claimed = claims.get("serviceurl") or claims.get("serviceUrl")
        if not isinstance(claimed, str) or claimed.rstrip("/") != service_url.rstrip("/"):
            raise AuthError("service url mismatch")
        return claims
