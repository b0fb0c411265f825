"""Every user-facing text, Swedish first. ``t(key, lang, **values)`` formats one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.i18n import day_texts, privacy_texts, report_texts, supplier_texts, windows_texts

Lang = Literal["sv", "en"]

# key -> (Swedish, English)
CATALOG: dict[str, tuple[str, str]] = {
    # --- welcome and help ---
    "welcome.known": (
        "Hej {name}! Jag är servicefönster-boten. Jag hjälper systemförvaltaren att samordna "
        "servicefönster för Procapita omsorg: du får kort här när det är dags att checka in och testa. "
        "Skriv **hjälp** för att se vad du kan göra.",
        "Hi {name}! I am the service-window bot. I help the system administrator run service windows "
        "for Procapita omsorg: you will get cards here when it is time to check in and test. "
        "Write **help** to see what you can do.",
    ),
    "welcome.unknown": (
        "Hej! Jag är servicefönster-boten för Procapita omsorg. Du finns inte i listan över testresurser. "
        "Om du ska vara med och testa, be systemförvaltaren att lägga till dig.",
        "Hi! I am the service-window bot for Procapita omsorg. You are not on the list of test resources. "
        "If you are to take part in testing, ask the system administrator to add you.",
    ),
    "welcome.channel": (
        "Hej! Jag är servicefönster-boten. En systemförvaltare kan göra den här kanalen till "
        "leverantörskanal genom att skriva @Servicefönster **leverantörskanal**.",
        "Hi! I am the service-window bot. A system administrator can make this channel the supplier "
        "channel by writing @ServiceWindow **supplier channel**.",
    ),
    "help.title": ("Det här kan du skriva till mig", "What you can write to me"),
    "help.admin_title": ("Som systemförvaltare kan du också", "As a system administrator you can also"),
    "help.channel_title": ("I leverantörskanalen", "In the supplier channel"),
    "help.footer": (
        "Skriv kommandot som ett vanligt meddelande. Engelska kommandon fungerar också.",
        "Write the command as an ordinary message. Swedish commands work too.",
    ),
    "cmd.help": ("visar den här listan", "shows this list"),
    "cmd.me": (
        "dina områden, klient, ersättare och nästa servicefönster",
        "your areas, client, substitute and next window",
    ),
    "cmd.substitute": (
        "registrera din ersättare, t.ex. *ersättare Anna Berg, anna.berg@kommun.se*",
        "register your substitute, e.g. *substitute Anna Berg, anna.berg@example.se*",
    ),
    "cmd.new_window": (
        "planera ett servicefönster, t.ex. *nytt fönster 2026-12-09 08:30-16:30 ärende SD-12345*",
        "plan a service window, e.g. *new window 2026-12-09 08:30-16:30 case SD-12345*",
    ),
    "cmd.windows": ("kommande och tidigare servicefönster", "upcoming and past windows"),
    "cmd.move_window": (
        "flytta ett fönster: *flytta fönster 3 2026-12-16*",
        "move a window: *move window 3 2026-12-16*",
    ),
    "cmd.cancel_window": ("avboka ett fönster: *avboka fönster 3*", "cancel a window: *cancel window 3*"),
    "cmd.announce": (
        "meddela testresurserna datumet för nästa fönster",
        "announce the next window to the test resources",
    ),
    "cmd.supplier_list": (
        "skicka dagens testare till leverantörskanalen",
        "post the day's testers to the supplier channel",
    ),
    "cmd.supplier_channel": (
        "(i en kanal) gör kanalen till leverantörskanal",
        "(in a channel) make it the supplier channel",
    ),
    "cmd.start_checkin": (
        "starta incheckningen nu (annars sker den 08:30)",
        "start check-in now (otherwise at 08:30)",
    ),
    "cmd.local_ready": (
        "lokala installationen är klar: starta testomgång 1",
        "local installation ready: start round 1",
    ),
    "cmd.citrix_ready": (
        "Citrix-klienten är klar: starta Citrix-omgången",
        "Citrix client ready: start the Citrix round",
    ),
    "cmd.summary": ("skicka sammanställningen till leverantören", "post the summary to the supplier"),
    "cmd.retest": ("testa om det som fallerade", "re-test what failed"),
    "cmd.all_clear": (
        "meddela alla att systemet är uppe igen (nekas om något är ofärdigt, om du inte anger en orsak)",
        "tell everyone the system is up again (refused while anything is open, unless you give a reason)",
    ),
    "cmd.abort_window": (
        "uppdateringen misslyckades: avbryt dagen och meddela alla, t.ex. *avbryt fönster 15:00 Uppdateringen misslyckades*",
        "the update failed: abort the day and tell everyone, e.g. *abort window 15:00 The update failed*",
    ),
    "cmd.extend_window": (
        "flytta fönstrets sluttid och meddela alla: *förläng fönster 18:00*",
        "move the window's end and tell everyone: *extend window 18:00*",
    ),
    "cmd.status": ("visa statustavlan", "show the status board"),
    "cmd.assign": (
        "ge ett område till någon: *tilldela ifo anna.berg@kommun.se*",
        "give an area to someone: *assign ifo anna.berg@example.se*",
    ),
    "cmd.report": ("rapporten för fönstret", "the window's report"),
    "cmd.history": ("historik över tidigare fönster", "history of past windows"),
    "cmd.notice_text": (
        "visa eller ändra mallen för systemmeddelandet: *meddelandetext <text med {veckodag} {datum} {start} {slut}>*",
        "show or change the system message template: *notice text <text with {veckodag} {datum} {start} {slut}>*",
    ),
    "cmd.jobs": ("köade och misslyckade utskick", "queued and failed deliveries"),
    # --- refusals and errors ---
    "error.not_admin": (
        "Det kommandot kan bara en systemförvaltare använda. Skriv **hjälp** för att se vad du kan göra.",
        "Only a system administrator can use that command. Write **help** to see what you can do.",
    ),
    "error.unknown_command": (
        'Jag förstod inte "{text}". Skriv **hjälp** för att se vad du kan skriva.',
        'I did not understand "{text}". Write **help** to see what you can write.',
    ),
    "error.not_on_roster": (
        "Du finns inte i listan över testresurser. Kontakta systemförvaltaren{admins} om du ska vara med.",
        "You are not on the list of test resources. Contact the system administrator{admins} if you should be.",
    ),
    "error.channel_command": (
        "I en kanal förstår jag bara: {commands}.",
        "In a channel I only understand: {commands}.",
    ),
    "error.not_supplier_channel": (
        "Den här kanalen är inte leverantörskanalen. En systemförvaltare gör den till det med **leverantörskanal**.",
        "This channel is not the supplier channel. A system administrator makes it so with **supplier channel**.",
    ),
    "error.internal": (
        "Något gick fel hos mig. Försök igen om en stund; systemförvaltaren kan se felet i loggen.",
        "Something went wrong on my side. Try again in a moment; the administrator can see it in the log.",
    ),
    "error.no_longer_open": (
        "Det här kortet är inte längre öppet, så svaret sparades inte.",
        "This card is no longer open, so the answer was not saved.",
    ),
    "error.not_yours": (
        "Det här kortet skickades till någon annan, så du kan inte svara på det.",
        "This card was sent to someone else, so you cannot answer it.",
    ),
    "error.bad_choice": (
        "Svaret innehöll ett värde som inte finns på kortet. Inget sparades; använd knapparna på kortet.",
        "The answer contained a value that is not on the card. Nothing was saved; use the card's buttons.",
    ),
    # --- me / substitute ---
    "me.title": ("Dina uppgifter", "Your details"),
    "me.areas": ("Områden", "Areas"),
    "me.client": ("Klient", "Client"),
    "me.substitute": ("Ersättare", "Substitute"),
    "me.no_substitute": (
        "ingen registrerad: skriv *ersättare Namn, e-post*",
        "none registered: write *substitute Name, e-mail*",
    ),
    "me.role": ("Roll", "Role"),
    "me.next_window": ("Nästa servicefönster", "Next service window"),
    "me.no_window": ("inget planerat", "none planned"),
    "role.admin": ("systemförvaltare", "system administrator"),
    "role.tester": ("testresurs", "test resource"),
    "client.local": ("lokal installation", "local installation"),
    "client.citrix": ("Citrix", "Citrix"),
    "substitute.saved": (
        "Klart: din ersättare är nu {name} ({email}).",
        "Done: your substitute is now {name} ({email}).",
    ),
    "substitute.usage": (
        "Skriv namn och e-postadress med kommatecken emellan, t.ex. *ersättare Anna Berg, anna.berg@kommun.se*.",
        "Write the name and e-mail address separated by a comma, e.g. *substitute Anna Berg, anna.berg@example.se*.",
    ),
    "substitute.bad_email": (
        '"{email}" är ingen giltig e-postadress. Skriv t.ex. *ersättare Anna Berg, anna.berg@kommun.se*.',
        '"{email}" is not a valid e-mail address. Write e.g. *substitute Anna Berg, anna.berg@example.se*.',
    ),
    "substitute.self": (
        "Du kan inte vara din egen ersättare. Ange någon annan.",
        "You cannot be your own substitute. Name someone else.",
    ),
    "substitute.not_tester": (
        "Bara testresurser har ersättare.",
        "Only test resources have substitutes.",
    ),
    # --- delivery problems (to admins) ---
    "delivery.unreachable": (
        "Jag kunde inte nå {name} ({email}) i Teams ({reason}). Kontakta personen på annat sätt.",
        "I could not reach {name} ({email}) in Teams ({reason}). Contact them another way.",
    ),
    "delivery.reason.not_installed": (
        "appen är inte installerad för personen",
        "the app is not installed for them",
    ),
    "delivery.reason.blocked": ("personen har blockerat boten", "they have blocked the bot"),
    "delivery.reason.unknown": ("personen har aldrig setts i Teams", "they have never been seen in Teams"),
    "delivery.reason.failed": ("Teams svarade med fel {status}", "Teams answered with error {status}"),
    "jobs.title": ("Utskick och timers", "Deliveries and timers"),
    "jobs.none": ("Inga väntande eller misslyckade jobb.", "No pending or failed jobs."),
}


def _merge() -> None:
    # The feature catalogues live in their own modules; one table for lookups.
    for table in (
        windows_texts.TEXTS,
        day_texts.TEXTS,
        report_texts.TEXTS,
        privacy_texts.TEXTS,
        supplier_texts.TEXTS,
    ):
        duplicate = set(table) & set(CATALOG)
        assert not duplicate, duplicate
        CATALOG.update(table)


def lang_for(locale: str | None, english_command: bool = False, default: Lang = "sv") -> Lang:
    """English when the user's Teams locale is English or they used an English command word."""
    if english_command:
        return "en"
    if locale:
        return "en" if locale.lower().startswith("en") else "sv"
    return default


@dataclass(frozen=True)
class Phrase:
    """A catalogue text passed as a value into another text, said in the reader's language when
    the outer text is (``t("a", lang, reason=Phrase("b"))``)."""

    key: str
    values: dict[str, object] = field(default_factory=dict)


def t(key: str, lang: Lang = "sv", /, **values: object) -> str:
    sv, en = CATALOG[key]
    text = en if lang == "en" else sv
    if not values:
        return text
    said = {k: t(v.key, lang, **v.values) if isinstance(v, Phrase) else v for k, v in values.items()}
    return text.format(**said)


_merge()
