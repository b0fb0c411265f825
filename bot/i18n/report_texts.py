"""Texts of the record of a window: the report (cards, Markdown, CSV, HTML), history, data protection."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- the report: header ---
    "report.title": ("Rapport: servicefönster {date}", "Report: service window {date}"),
    "report.subtitle": (
        "Procapita omsorg – dokumentation av servicefönstret",
        "Procapita omsorg – record of the service window",
    ),
    "report.window": ("Fönster", "Window"),
    "report.date": ("Datum", "Date"),
    "report.time": ("Tid", "Time"),
    "report.case": ("Ärendenummer", "Case number"),
    "report.case_none": ("inget angivet", "none given"),
    "report.state": ("Status", "State"),
    "report.generated": ("Rapporten skapad", "Report created"),
    "report.verdict": ("Dagens resultat", "Result of the day"),
    "report.verdict.pass": ("Allt godkänt", "Everything passed"),
    "report.verdict.fail": ("Fel kvarstår", "Failures remain"),
    "report.verdict.incomplete": ("Svar saknas", "Answers missing"),
    "report.verdict.none": ("Inga testomgångar", "No test rounds"),
    "report.timezone": ("Tider i {zone}.", "Times in {zone}."),
    # --- rounds ---
    "report.rounds": ("Omgångar", "Rounds"),
    "report.round": ("Omgång", "Round"),
    "report.started": ("Start", "Start"),
    "report.answered": ("Sista svar", "Last answer"),
    "report.closed": ("Avslutad", "Closed"),
    "report.duration": ("Tid", "Duration"),
    "report.result": ("Resultat", "Result"),
    "report.started_by": ("Startad av", "Started by"),
    "report.no_rounds": ("Inga testomgångar har startats.", "No test rounds were started."),
    "report.retest_of": ("omtest av omgång {seq}", "retest of round {seq}"),
    "rverdict.pass": ("Godkänd", "Passed"),
    "rverdict.fail": ("{count} fel", "{count} failed"),
    "rverdict.incomplete": ("{count} svar saknas", "{count} answers missing"),
    "report.minutes": ("{minutes} min", "{minutes} min"),
    "report.hours": ("{hours} h {minutes} min", "{hours} h {minutes} min"),
    # --- results ---
    "report.results": ("Resultat per område", "Results per area"),
    "report.grid": ("Resultat: område och omgång", "Results: area and round"),
    "report.area": ("Område", "Area"),
    "report.tested_by": ("Testat av", "Tested by"),
    "report.case_title": ("Testpunkt", "Test case"),
    "report.outcome": ("Utfall", "Outcome"),
    "report.comment": ("Kommentar", "Comment"),
    "report.at": ("Tid", "Time"),
    "report.not_in_round": ("ingår inte", "not in round"),
    "rrole.tester": ("testresurs", "test resource"),
    "rrole.substitute": ("ersättare för {name}", "substitute for {name}"),
    "rrole.assigned": ("tilldelad, i stället för {name}", "assigned, instead of {name}"),
    "rrole.other": ("annan", "other"),
    "outcome.pass": ("Godkänt", "Pass"),
    "outcome.fail": ("Fel", "Fail"),
    "outcome.untested": ("Ej testat", "Not tested"),
    "outcome.none": ("Inget svar", "No answer"),
    "status.pass": ("godkänt", "passed"),
    "status.fail": ("fel", "failed"),
    "status.pending": ("svar saknas", "answers missing"),
    "status.untested": ("delvis ej testat", "partly not tested"),
    "report.failures": ("Fel och kommentarer", "Failures and comments"),
    "report.no_failures": ("Inga fel rapporterades.", "No failures were reported."),
    "report.fixed": ("godkänt vid omtest i omgång {seq}", "passed at the retest in round {seq}"),
    "report.still_failing": ("kvarstår", "still failing"),
    # --- check-in ---
    "report.checkin": ("Incheckning", "Check-in"),
    "report.tester": ("Testresurs", "Test resource"),
    "report.areas": ("Områden", "Areas"),
    "report.client": ("Klient", "Client"),
    "report.substitute": ("Ersättare", "Substitute"),
    "report.checkin_state": ("Utfall", "Outcome"),
    "report.covered_by": ("Testade", "Tested"),
    "report.checked_in": ("På plats", "In place"),
    "report.plan_answer": ("Svar på kallelsen", "Answer to the announcement"),
    "plan.coming": ("kommer", "coming"),
    "plan.cant": ("kan inte", "can't"),
    "plan.none": ("inget svar", "no answer"),
    "client.both": ("lokal och Citrix", "local and Citrix"),
    # --- timeline ---
    "report.picture": ("Dagen i bild", "The day at a glance"),
    "report.timeline": ("Dagens tidslinje", "Timeline of the day"),
    "report.timeline_h": ("Tidslinje", "Timeline"),
    "report.planning": ("Före dagen", "Before the day"),
    "report.no_timeline": ("Inget har hänt än.", "Nothing has happened yet."),
    "pic.checkin": ("Incheckning", "Check-in"),
    "pic.round": ("O{seq} {client}", "R{seq} {client}"),
    "pic.retest": ("O{seq} omtest", "R{seq} retest"),
    "pic.all_clear": ("Klartecken {time}", "All clear {time}"),
    "pic.legend_pass": ("godkänt", "passed"),
    "pic.legend_fail": ("fel", "failed"),
    "pic.legend_testing": ("testas", "testing"),
    "pic.legend_untested": ("ej testat", "not tested"),
    "pic.legend_here": ("på plats", "in place"),
    "pic.legend_sub": ("ersättare", "substitute"),
    "pic.legend_uncovered": ("obemannat", "uncovered"),
    "pic.caption": (
        "Varje rad är ett område: färgen visar läget över dagen, punkten med siffra när omgångens svar var inne.",
        "Each row is an area: the colour shows its state over the day, the numbered dot when the round's answers were in.",
    ),
    "ev.window.created": ("{actor} planerade fönstret", "{actor} planned the window"),
    "ev.window.moved": (
        "{actor} flyttade fönstret från {from} till {to}",
        "{actor} moved the window from {from} to {to}",
    ),
    "ev.window.cancelled": ("{actor} avbokade fönstret", "{actor} cancelled the window"),
    "ev.window.announced": (
        "{actor} meddelade testresurserna datumet ({new} nya kort)",
        "{actor} announced the date to the test resources ({new} new cards)",
    ),
    "ev.plan.answered.coming": ("{actor} svarade att hen kommer", "{actor} answered they will be there"),
    "ev.plan.answered.cant": (
        "{actor} svarade att hen inte kan; ersättare {substitute}",
        "{actor} answered they can't; substitute {substitute}",
    ),
    "ev.plan.reminded": (
        "Påminnelse till {count} som inte svarat",
        "Reminder to {count} who had not answered",
    ),
    "ev.notice.reminded": (
        "Påminnelse om systemmeddelandet till användarna ({mailed} e-post)",
        "Reminder of the user notice ({mailed} e-mails)",
    ),
    "ev.supplier_list.posted": (
        "{actor} skickade testarlistan till leverantören",
        "{actor} sent the list of testers to the supplier",
    ),
    "ev.checkin.started": ("Incheckningen startade ({cards} kort)", "Check-in started ({cards} cards)"),
    "ev.checkin.not_started_late": (
        "Incheckningen startade inte i tid: boten var inte igång",
        "Check-in did not start on time: the bot was not running",
    ),
    "ev.checkin.start.sub": (
        "{participant} hade sagt att hen inte kan; ersättaren {substitute} tillfrågas",
        "{participant} had said they can't; the substitute {substitute} is asked",
    ),
    "ev.checkin.start.uncovered": (
        "{participant} hade sagt att hen inte kan och har ingen ersättare: obemannat",
        "{participant} had said they can't and has no substitute: uncovered",
    ),
    "ev.checkin.tester_here": ("{participant} är på plats", "{participant} is in place"),
    "ev.checkin.tester_cant": ("{participant} kan inte; {next}", "{participant} can't; {next}"),
    "ev.checkin.tester_timeout": (
        "{participant} svarade inte i tid; {next}",
        "{participant} did not answer in time; {next}",
    ),
    "ev.next.sub": ("ersättaren {substitute} tillfrågas", "the substitute {substitute} is asked"),
    "ev.next.uncovered": (
        "ingen ersättare: obemannat, systemförvaltaren larmas",
        "no substitute: uncovered, the administrator is alerted",
    ),
    "ev.checkin.sub_here": (
        "{substitute} (ersättare för {participant}) är på plats",
        "{substitute} (substitute for {participant}) is in place",
    ),
    "ev.checkin.sub_cant": (
        "{substitute} (ersättare för {participant}) kan inte: obemannat, systemförvaltaren larmas",
        "{substitute} (substitute for {participant}) can't: uncovered, the administrator is alerted",
    ),
    "ev.checkin.sub_timeout": (
        "{substitute} (ersättare för {participant}) svarade inte: obemannat, systemförvaltaren larmas",
        "{substitute} (substitute for {participant}) did not answer: uncovered, the administrator is alerted",
    ),
    "ev.checkin.sub_unreachable": (
        "{substitute} gick inte att nå i Teams: obemannat, systemförvaltaren larmas",
        "{substitute} could not be reached in Teams: uncovered, the administrator is alerted",
    ),
    "ev.checkin.late_answer": (
        "{participant} svarade sent att hen är på plats",
        "{participant} answered late that they are in place",
    ),
    "ev.area.assigned": ("{actor} gav {area} till {to}", "{actor} gave {area} to {to}"),
    "ev.area.handed_back": (
        "{actor} lämnade tillbaka områdena till {to}",
        "{actor} handed the areas back to {to}",
    ),
    "ev.round.started": (
        "{round} startade ({checklists} testlistor, {actor})",
        "{round} started ({checklists} checklists, {actor})",
    ),
    "ev.round.retest": (
        "{round} startade: {cases} punkter testas om ({actor})",
        "{round} started: {cases} items are re-tested ({actor})",
    ),
    "ev.round.answered": ("Alla svar inne för {round}: {verdict}", "All answers in for {round}: {verdict}"),
    "ev.round.closed": ("{round} avslutades", "{round} closed"),
    "ev.checklist.submitted": (
        "{actor} rapporterade i {round}: {summary}",
        "{actor} reported in {round}: {summary}",
    ),
    "ev.summary.posted": (
        "Sammanställningen av {round} skickades till leverantören: {verdict}",
        "The summary of {round} was sent to the supplier: {verdict}",
    ),
    "ev.window.all_clear": (
        "{actor} gav klartecken: systemet är uppe igen ({told} meddelade)",
        "{actor} gave the all-clear: the system is up again ({told} told)",
    ),
    "ev.bot": ("boten", "the bot"),
    # --- appendix ---
    "report.appendix": ("Bilagor", "Appendices"),
    "report.messages": ("Bilaga A: Meddelanden", "Appendix A: Messages"),
    "report.answers": ("Bilaga B: Svar", "Appendix B: Answers"),
    "report.audit": ("Bilaga C: Granskningslogg", "Appendix C: Audit trail"),
    "report.audit_note": (
        "Granskningsloggen skrivs bara till: inget i den ändras i efterhand. Enda undantaget är dataskyddet: "
        "i fönster äldre än lagringstiden, och för den som begärt att bli glömd, står en pseudonym (person-…) "
        "i stället för namn och e-post.",
        "The audit trail is append-only: nothing in it is changed afterwards. The one exception is data "
        "protection: in windows older than the retention period, and for anyone who asked to be forgotten, a "
        "pseudonym (person-…) stands in place of name and e-mail.",
    ),
    "report.sent": ("Skapat", "Created"),
    "report.to": ("Till", "To"),
    "report.card": ("Kort eller meddelande", "Card or message"),
    "report.purpose": ("Slag", "Kind"),
    "report.delivered": ("Levererat", "Delivered"),
    "report.versions": ("Versioner", "Versions"),
    "report.who": ("Vem", "Who"),
    "report.what": ("Svar", "Answer"),
    "report.via": ("Via kort", "Via card"),
    "report.event": ("Händelse", "Event"),
    "report.details": ("Detaljer", "Details"),
    "report.not_delivered": ("ej levererat", "not delivered"),
    "report.count_messages": (
        "{count} meddelanden, varav {delivered} levererade och {undelivered} som inte kunde levereras.",
        "{count} messages, {delivered} delivered and {undelivered} that could not be delivered.",
    ),
    "report.count_answers": ("{count} svar.", "{count} answers."),
    "report.count_audit": ("{count} rader.", "{count} entries."),
    "report.channel": ("leverantörskanalen", "the supplier channel"),
    "report.reply": ("svar i chatten", "reply in the chat"),
    "msgstate.sent": ("levererat", "delivered"),
    "msgstate.pending": ("väntar", "waiting"),
    "msgstate.dead": ("kunde inte levereras", "could not be delivered"),
    "msgstate.cancelled": ("återkallat", "withdrawn"),
    "msgstate.done": ("skickat", "sent"),
    "msgstate.failed": ("misslyckades", "failed"),
    "purpose.checkin_tester": ("Incheckning", "Check-in"),
    "purpose.checkin_sub": ("Incheckning, ersättare", "Check-in, substitute"),
    "purpose.checklist": ("Testlista", "Checklist"),
    "purpose.summary": ("Sammanställning", "Summary"),
    "purpose.board": ("Statustavla", "Status board"),
    "purpose.all_clear": ("Klartecken", "All clear"),
    "purpose.alert": ("Larm", "Alert"),
    "purpose.reminder": ("Påminnelse", "Reminder"),
    "purpose.notice": ("Meddelande", "Notice"),
    "purpose.announce": ("Kallelse", "Announcement"),
    "purpose.reply": ("Svar", "Reply"),
    "purpose.supplier_list": ("Testarlista", "List of testers"),
    "purpose.email": ("E-post", "E-mail"),
    "purpose.welcome": ("Välkommen", "Welcome"),
    "ans.here": ("På plats", "In place"),
    "ans.cant": ("Kan inte", "Can't"),
    "ans.coming": ("Kommer", "Coming"),
    "ans.cant_sub": ("Kan inte; ersättare {name}", "Can't; substitute {name}"),
    "ans.checklist": ("{summary}", "{summary}"),
    "ans.refused": ("Avvisat: kortet var inte personens", "Refused: the card was not theirs"),
    "ans.late": ("På plats (sent svar)", "In place (late answer)"),
    "ans.counts": ("{parts}", "{parts}"),
    "ans.n_pass": ("{n} godkänt", "{n} passed"),
    "ans.n_fail": ("{n} fel", "{n} failed"),
    "ans.n_untested": ("{n} ej testat", "{n} not tested"),
    # --- the report in Teams ---
    "reportcard.rounds": ("Omgångar", "Rounds"),
    "reportcard.failures": ("Fel", "Failures"),
    "reportcard.more": ("… och {count} till i hela rapporten.", "… and {count} more in the full report."),
    "reportcard.counts": (
        "{messages} meddelanden ({undelivered} ej levererade), {answers} svar, {escalations} eskaleringar, "
        "{audit} rader i granskningsloggen.",
        "{messages} messages ({undelivered} not delivered), {answers} answers, {escalations} escalations, "
        "{audit} audit entries.",
    ),
    "reportcard.full": (
        "Hela rapporten – tidslinje, resultat per område och omgång, och hela granskningsloggen som bilaga – "
        "tas fram på servern med `python app.py report {id} --format html` (eller `md`, `csv`). "
        "HTML-filen går att skriva ut på A4 för arkivet. Jag kan inte bifoga filer i en chatt.",
        "The full report – timeline, results per area and round, and the whole audit trail as an appendix – "
        "is produced on the server with `python app.py report {id} --format html` (or `md`, `csv`). "
        "The HTML file prints on A4 for the archive. I cannot attach files in a chat.",
    ),
    "report.no_window": (
        "Det finns inget fönster att rapportera om än.",
        "There is no window to report on yet.",
    ),
    "report.unknown": (
        "Fönster {id} finns inte. Skriv **fönster** för att se dem.",
        "There is no window {id}. Write **windows** to see them.",
    ),
    "report.usage": (
        "Skriv *rapport* för det senaste fönstret, eller *rapport 3* för fönster 3.",
        "Write *report* for the latest window, or *report 3* for window 3.",
    ),
    # --- history ---
    "history.title": ("Historik över servicefönster", "History of service windows"),
    "history.none": (
        "Det finns inga fönster med testomgångar än, så ingen historik att visa.",
        "There are no windows with test rounds yet, so no history to show.",
    ),
    "history.span": ("{count} fönster, {first} – {last}", "{count} windows, {first} – {last}"),
    "history.areas": ("Fel per område", "Failures per area"),
    "history.area_line": (
        "{area}: fel i {failed} av {windows} fönster ({share} %)",
        "{area}: failed in {failed} of {windows} windows ({share} %)",
    ),
    "history.area_subs": ("ersättare {count} ggr", "substitute {count}×"),
    "history.area_uncovered": ("obemannat {count} ggr", "uncovered {count}×"),
    "history.last_failed": ("senast {date}", "last {date}"),
    "history.tested": ("Testat", "Tested"),
    "history.failed": ("Fel", "Failed"),
    "history.share": ("Andel", "Share"),
    "history.last": ("Senast fel", "Last failure"),
    "history.substituted": ("Ersättare", "Substitute"),
    "history.uncovered": ("Obemannat", "Uncovered"),
    "history.timings": (
        "Tid per omgång, från start till sista svar",
        "Time per round, from start to last answer",
    ),
    "history.timing_line": (
        "{round}: i snitt {mean} ({count} st, {min} – {max})",
        "{round}: {mean} on average ({count}, {min} – {max})",
    ),
    "history.count": ("Antal", "Count"),
    "history.mean": ("Snitt", "Mean"),
    "history.min": ("Kortast", "Shortest"),
    "history.max": ("Längst", "Longest"),
    "history.kind.initial": ("{client}", "{client}"),
    "history.kind.retest": ("omtest, {client}", "retest, {client}"),
    "history.substitutes": (
        "Ersättare behövdes i {windows} av {total} fönster ({share} % av testresurserna).",
        "Substitutes were needed in {windows} of {total} windows ({share} % of the test resources).",
    ),
    "history.windows": ("Fönster", "Windows"),
    "history.window_line": ("{date}: {verdicts}", "{date}: {verdicts}"),
    "history.more": (
        "Diagram och tabeller finns i HTML-rapporten: `python app.py report N --format html`.",
        "Charts and tables are in the HTML report: `python app.py report N --format html`.",
    ),
    # --- data protection (command line) ---
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
