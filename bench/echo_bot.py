"""The baseline: a minimal botbuilder bot (CloudAdapter) on the same path, with authentication
configured as the real bot's (app id, password, single tenant, signing keys from the local issuer).

    python -m bench.echo_bot      (PORT, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId and
                                   BOT_OPENID_METADATA_URL from the environment)

It answers an Adaptive Card action (invoke) with a small card, in the HTTP response as Teams
expects; no database, no outbound call. (It does not echo messages: an outbound reply needs a token
from an https login authority, which MSAL insists on and which a loopback-only bench cannot offer.)

botbuilder's public-cloud authentication has the login.botframework.com metadata URL built in; its
"parameterized" configuration (``TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL`` and friends, read by
``ConfigurationBotFrameworkAuthentication``) takes another one, so no monkeypatching is needed. It
runs the same token checks (signature, issuer, audience, endorsement, serviceurl claim).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from aiohttp import web
from botbuilder.core import ActivityHandler, InvokeResponse, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, ActivityTypes, AdaptiveCardInvokeResponse

CARD = "application/vnd.microsoft.card.adaptive"
SMALL_CARD: dict[str, Any] = {
    "type": "AdaptiveCard",
    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
    "version": "1.5",
    "body": [{"type": "TextBlock", "text": "Tack, ditt svar är sparat.", "wrap": True}],
}


class Config:
    def __init__(self) -> None:
        self.PORT = int(os.environ["PORT"])
        self.APP_ID = os.environ["MicrosoftAppId"]  # noqa: SIM112 - Azure Bot Service names
        self.APP_PASSWORD = os.environ["MicrosoftAppPassword"]  # noqa: SIM112
        self.APP_TYPE = "SingleTenant"
        self.APP_TENANTID = os.environ["MicrosoftAppTenantId"]  # noqa: SIM112
        self.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL = os.environ["BOT_OPENID_METADATA_URL"]
        self.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER = "https://api.botframework.com"
        self.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE = "https://api.botframework.com"


class EchoBot(ActivityHandler):
    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        if turn_context.activity.name == "adaptiveCard/action":
            body = AdaptiveCardInvokeResponse(status_code=200, type=CARD, value=SMALL_CARD)
            return InvokeResponse(status=200, body=body)
        return InvokeResponse(status=200)


def create_app(config: Config) -> web.Application:
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config))
    bot = EchoBot()

    async def on_error(context: TurnContext, error: Exception) -> None:
        print(f"turn error: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
        if context.activity.type == ActivityTypes.invoke:
            await context.send_activity(
                Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=500))
            )

    adapter.on_turn_error = on_error

    async def messages(request: web.Request) -> web.StreamResponse:
        response: web.StreamResponse = await adapter.process(request, bot)
        return response

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    return app


def main() -> None:
    config = Config()
    web.run_app(create_app(config), host="127.0.0.1", port=config.PORT, print=None)


if __name__ == "__main__":
    main()
