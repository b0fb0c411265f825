"""Texts of data protection on the command line: forgetting a person, and the retention period.

``python app.py person forget`` and ``python app.py retention run`` print these; the report's own texts
are in ``report_texts``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "forget.none": (
        "Ingen med e-postadressen {email} finns i databasen; inget ändrades.",
        "Nobody with the e-mail address {email} is in the database; nothing was changed.",
    ),
    "forget.done": (
        "{email} är glömd. Där uppgifter måste finnas kvar står pseudonymen {alias} i stället för namn och e-post.",
        "{email} is forgotten. Where records must remain, the pseudonym {alias} stands in for name and e-mail.",
    ),
    "forget.removed": ("Borttaget:", "Removed:"),
    "forget.removed.people": (
        "raden i listan över testresurser (namn, e-post, roll, områden, ersättare)",
        "the row in the roster (name, e-mail, role, areas, substitute)",
    ),
    "forget.removed.identities": (
        "{count} Teams-identitet(er): användar-id, namn, e-post, språk och konversation",
        "{count} Teams identit(y/ies): user id, name, e-mail, language and conversation",
    ),
    "forget.removed.managers": (
        "raden i listan över verksamhetschefer",
        "the row in the operations managers' list",
    ),
    "forget.removed.substitute_of": (
        "som ersättare för {names}: de behöver registrera en ny ersättare",
        "as substitute for {names}: they need to register a new substitute",
    ),
    "forget.removed.planned": (
        "deltagandet i {count} planerat/planerade fönster som inte har ägt rum (med kallelsen)",
        "the participation in {count} planned window(s) that have not taken place (with the announcement)",
    ),
    "forget.removed.jobs": (
        "{count} avslutade utskicksjobb med adressen",
        "{count} finished delivery jobs with the address",
    ),
    "forget.kept": (
        "Sparat, med pseudonym i stället för namn och e-post, och varför:",
        "Kept, with the pseudonym in place of name and e-mail, and why:",
    ),
    "forget.kept.audit": (
        "{count} rader i granskningsloggen: rutinen kräver att all kommunikation dokumenteras med tider",
        "{count} audit entries: the routine requires all communication to be documented with times",
    ),
    "forget.kept.results": (
        "{count} testresultat med kommentarer och tider: de är fönstrens rapport till leverantören och "
        "underlag för historiken",
        "{count} test results with comments and times: they are the windows' report to the supplier and "
        "the basis of the history",
    ),
    "forget.kept.participants": (
        "{count} deltaganden i fönster (områden, incheckning): visar vem som täckte vilket område",
        "{count} window participations (areas, check-in): they show who covered which area",
    ),
    "forget.kept.prompts": (
        "{count} kort med svar: visar vad som frågades och svarades, och när",
        "{count} cards with answers: they show what was asked and answered, and when",
    ),
    "forget.kept.messages": (
        "{count} meddelanden: visar vad som skickades, till vem och om det kom fram",
        "{count} messages: they show what was sent, to whom and whether it arrived",
    ),
    "forget.kept.other": (
        "{count} andra uppgifter (omgångar, tilldelningar, fönster) där personen stod som den som agerade",
        "{count} other records (rounds, assignments, windows) where the person was the actor",
    ),
    "forget.kept.nothing": ("inget", "nothing"),
    "forget.open_windows": (
        "Obs: personen finns i pågående fönster {ids}. Ge deras områden till någon annan med *tilldela*.",
        "Note: the person is in ongoing window(s) {ids}. Give their areas to someone else with *assign*.",
    ),
    "forget.comments": (
        "Kommentarer är fritext: namnet och adressen är utbytta, men läs kommentarerna om personen kan "
        "nämnas på annat sätt.",
        "Comments are free text: the name and address are replaced, but read the comments if the person may "
        "be mentioned in another way.",
    ),
    "retention.done": (
        "Lagringstid {days} dagar (allt före {cutoff}): {windows} fönster avidentifierade, {messages} gamla "
        "meddelanden utan fönster borttagna, {identities} Teams-identiteter borttagna, {audit} rader i "
        "granskningsloggen utan fönster avidentifierade, {jobs} gamla jobb borttagna. Resultat och tider finns kvar.",
        "Retention {days} days (everything before {cutoff}): {windows} windows anonymised, {messages} old "
        "messages without a window deleted, {identities} Teams identities deleted, {audit} audit entries "
        "without a window anonymised, {jobs} old jobs deleted. Results and timings are kept.",
    ),
    "retention.nothing": (
        "Inget är äldre än lagringstiden ({days} dagar, före {cutoff}); inget ändrades.",
        "Nothing is older than the retention period ({days} days, before {cutoff}); nothing was changed.",
    ),
}
