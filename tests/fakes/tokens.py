"""A local Bot Framework token issuer: OpenID metadata, JWKS and signed tokens, all on 127.0.0.1.

It plays the part of ``login.botframework.com``: the bot under test fetches the metadata document
from ``metadata_url``, follows its ``jwks_uri`` and checks tokens made by ``token()`` against the
published keys. An "attacker" key pair is never published, for forged-token tests. The server
also answers the bot's outbound client-credentials token request (``token_url``), so a production
bot can reply through the fake connector. Every fetch is counted, to test caching and refresh.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "https://api.botframework.com"


def new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass
class PublishedKey:
    kid: str
    private: rsa.RSAPrivateKey
    endorsements: list[str]

    def jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = RSAAlgorithm.to_jwk(self.private.public_key(), as_dict=True)
        jwk.update({"kid": self.kid, "use": "sig", "endorsements": list(self.endorsements)})
        return jwk

    def public_pem(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


class TokenIssuer:
    """OpenID metadata + JWKS server and token factory. ``await start()`` before use."""

    def __init__(self, kid: str = "test-key-1", endorsements: tuple[str, ...] = ("msteams",)) -> None:
        self.keys: dict[str, PublishedKey] = {}
        self.kid = kid
        self.add_key(kid, endorsements)
        # Never published: a token signed with it is forged, whatever kid it names.
        self.attacker_key = new_rsa_key()
        self.metadata_fetches = 0
        self.key_fetches = 0
        self.token_requests = 0
        # Seconds the metadata handler waits before answering (a slow key server).
        self.metadata_delay = 0.0
        self.url = ""
        self._runner: web.AppRunner | None = None
        self._released = asyncio.Event()

    # --- keys -------------------------------------------------------------------------------
    def add_key(self, kid: str, endorsements: tuple[str, ...] = ("msteams",)) -> rsa.RSAPrivateKey:
        """Publish another signing key (key rotation, other endorsements)."""
        key = PublishedKey(kid, new_rsa_key(), list(endorsements))
        self.keys[kid] = key
        return key.private

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/v1/.well-known/openidconfiguration"

    @property
    def jwks_url(self) -> str:
        return f"{self.url}/keys"

    @property
    def token_url(self) -> str:
        return f"{self.url}/oauth2/v2.0/token"

    @property
    def fetches(self) -> int:
        """Complete key downloads (metadata document followed by the key set)."""
        return self.key_fetches

    # --- server -----------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/v1/.well-known/openidconfiguration", self._metadata)
        app.router.add_get("/keys", self._jwks)
        app.router.add_post("/oauth2/v2.0/token", self._token)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self.metadata_url

    async def stop(self) -> None:
        self._released.set()  # let a deliberately slow handler finish at once
        if self._runner is not None:
            await self._runner.cleanup()

    async def _metadata(self, _request: web.Request) -> web.Response:
        self.metadata_fetches += 1
        if self.metadata_delay > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._released.wait(), self.metadata_delay)
        return web.json_response(
            {
                "issuer": ISSUER,
                "authorization_endpoint": "https://invalid.botframework.com",
                "jwks_uri": self.jwks_url,
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            }
        )

    async def _jwks(self, _request: web.Request) -> web.Response:
        self.key_fetches += 1
        return web.json_response({"keys": [k.jwk() for k in self.keys.values()]})

    async def _token(self, request: web.Request) -> web.Response:
        self.token_requests += 1
        form = await request.post()
        if form.get("grant_type") != "client_credentials":
            return web.json_response({"error": "unsupported_grant_type"}, status=400)
        return web.json_response({"token_type": "Bearer", "access_token": "t", "expires_in": 3600})

    # --- tokens -----------------------------------------------------------------------------
    def token(
        self,
        app_id: str,
        service_url: str,
        *,
        kid: str | None = None,
        key: rsa.RSAPrivateKey | None = None,
        exp_offset: int = 3600,
        iss: str = ISSUER,
        aud: str | None = None,
        alg: str = "RS256",
        claims: dict[str, Any] | None = None,
    ) -> str:
        """A Bot Framework style token.

        By default signed with the published key ``kid`` (the first key). ``key`` signs with
        another private key (e.g. ``attacker_key``) while still naming ``kid``. ``alg="HS256"``
        without ``key`` makes the classic algorithm-confusion forgery: HMAC keyed with the
        published public key's PEM.
        """
        kid = kid or self.kid
        now = int(time.time())
        payload: dict[str, Any] = {
            "serviceurl": service_url,
            "nbf": now - 60,
            "iat": now - 60,
            "exp": now + exp_offset,
            "iss": iss,
            "aud": aud if aud is not None else app_id,
        }
        payload.update(claims or {})
        payload = {k: v for k, v in payload.items() if v is not None}  # claims={"x": None} drops x
        if alg == "HS256" and key is None:
            published = self.keys.get(kid) or next(iter(self.keys.values()))
            return _hs256(payload, {"alg": "HS256", "typ": "JWT", "kid": kid}, published.public_pem())
        signing_key = key if key is not None else self.keys[kid].private
        return jwt.encode(payload, signing_key, algorithm=alg, headers={"kid": kid})


def _hs256(payload: dict[str, Any], header: dict[str, Any], secret: bytes) -> str:
    # Built by hand: PyJWT (rightly) refuses a PEM public key as an HMAC secret.
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"
    signature = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"
