"""Texts of the day: check-in, escalation, checklists, the status board, summaries, all-clear."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- check-in ---
    "checkin.title": ("Incheckning: servicefönster {date}", "Check-in: service window {date}"),
    "checkin.intro": (
        "Procapita omsorg uppdateras i dag. Är du på plats för att testa när uppdateringen är klar?",
        "Procapita omsorg is updated today. Are you in place to test when the update is done?",
    ),
    "checkin.intro_sub": (
        "Du är ersättare för {name}, som inte kan vara med i dag. Kan du testa {name}s områden när uppdateringen är klar?",
        "You are the substitute for {name}, who cannot take part today. Can you test {name}'s areas when the update is done?",
    ),
    "checkin.deadline": (
        "Svara senast kl. {time}, annars frågar jag {next}.",
        "Answer by {time}, otherwise I ask {next}.",
    ),
    "checkin.next_substitute": ("din ersättare", "your substitute"),
    "checkin.next_admin": ("systemförvaltaren", "the system administrator"),
    "checkin.here": ("Jag är på plats", "I'm here"),
    "checkin.cant": ("Jag kan inte – skicka till min ersättare", "I can't – send to my substitute"),
    "checkin.cant_sub": ("Jag kan inte", "I can't"),
    "checkin.answered_here": (
        "Du har checkat in ({at}). Du får testlistan när uppdateringen är klar.",
        "You checked in ({at}). You will get the checklist when the update is done.",
    ),
    "checkin.answered_cant": (
        "Du har svarat att du inte kan ({at}). {next}",
        "You answered that you can't ({at}). {next}",
    ),
    "checkin.sub_asked": ("Jag frågar din ersättare {name}.", "I am asking your substitute {name}."),
    "checkin.no_sub": (
        "Du har ingen ersättare, så systemförvaltaren får veta.",
        "You have no substitute, so the system administrator is told.",
    ),
    "checkin.timed_out": (
        "Ingen svarade före kl. {time}, så {name} tillfrågades i stället.",
        "Nobody answered before {time}, so {name} was asked instead.",
    ),
    "checkin.timed_out_admin": (
        "Ingen svarade före kl. {time}; systemförvaltaren har fått veta.",
        "Nobody answered before {time}; the system administrator has been told.",
    ),
    "checkin.late": (
        "Tack, men {name} står redan för dina områden i dag. Systemförvaltaren har fått veta att du är på plats och kan lämna tillbaka områdena till dig.",
        "Thank you, but {name} already stands in for your areas today. The system administrator knows you are here and can hand the areas back to you.",
    ),
    "checkin.late_admin": (
        "{tester} svarade sent att hen är på plats; {name} står nu för {areas}. Tryck för att lämna tillbaka områdena till {tester}.",
        "{tester} answered late that they are here; {name} now covers {areas}. Press to hand the areas back to {tester}.",
    ),
    "checkin.handback": ("Lämna tillbaka till {name}", "Hand back to {name}"),
    "checkin.handed_back": ("{areas} är tillbaka hos {name}.", "{areas} are back with {name}."),
    "checkin.handed_back_tester": (
        "Systemförvaltaren har lämnat tillbaka dina områden till dig. Du får testlistan här.",
        "The system administrator has handed your areas back to you. You will get the checklist here.",
    ),
    "checkin.uncovered": (
        "Ingen testar {areas} i dag: {tester} och ersättaren {substitute} har inte svarat eller kan inte. Nå dem på annat sätt, eller ge området till någon annan: *tilldela {area} namn@kommun.se*.",
        "Nobody tests {areas} today: {tester} and the substitute {substitute} have not answered or cannot. Reach them another way, or give the area to someone else: *assign {area} name@example.se*.",
    ),
    "checkin.uncovered_no_sub": (
        "Ingen testar {areas} i dag: {tester} har inte svarat eller kan inte och har ingen ersättare registrerad. Ge området till någon annan: *tilldela {area} namn@kommun.se*.",
        "Nobody tests {areas} today: {tester} has not answered or cannot and has no substitute registered. Give the area to someone else: *assign {area} name@example.se*.",
    ),
    "checkin.started": (
        "Incheckningen är startad: {count} kort skickas.",
        "Check-in started: {count} cards are being sent.",
    ),
    "checkin.already": (
        "Incheckningen är redan startad för fönstret {date}.",
        "Check-in has already started for the window {date}.",
    ),
    "checkin.late_start": (
        "Incheckningen för {date} skulle ha startat kl. {time} men boten var inte igång då. Jag har inte startat den i efterhand. Skriv **starta incheckning** när du vill starta.",
        "Check-in for {date} should have started at {time} but the bot was not running then. I have not started it late. Write **start check-in** when you want to start.",
    ),
    "checkin.not_today": (
        "Fönstret {date} är inte i dag. Starta incheckningen samma dag (eller skriv *starta incheckning bekräfta*).",
        "The window {date} is not today. Start check-in on the day (or write *start check-in confirm*).",
    ),
    # --- assignment ---
    "assign.usage": (
        "Skriv *tilldela <område> <e-post>*, t.ex. *tilldela ifo anna.berg@kommun.se*. Områden: {areas}.",
        "Write *assign <area> <e-mail>*, e.g. *assign ifo anna.berg@example.se*. Areas: {areas}.",
    ),
    "assign.unknown_area": (
        'Området "{area}" finns inte. Områden: {areas}.',
        'There is no area "{area}". Areas: {areas}.',
    ),
    "assign.not_on_roster": (
        "{email} finns inte i listan. Ge området till någon som finns i listan.",
        "{email} is not on the roster. Give the area to someone on it.",
    ),
    "assign.pick": ("Välj vem som tar området", "Choose who takes the area"),
    "assign.button": ("Tilldela", "Assign"),
    "assign.done": ("{area} testas nu av {name}.", "{area} is now tested by {name}."),
    "assign.told": (
        "Systemförvaltaren har gett dig området {area} i dag. Du får testlistan här.",
        "The system administrator has given you the area {area} today. You will get the checklist here.",
    ),
    # --- rounds ---
    "round.local": ("lokal installation", "local installation"),
    "round.citrix": ("Citrix", "Citrix"),
    "round.name": ("Omgång {seq}: {client}", "Round {seq}: {client}"),
    "round.retest_name": ("Omgång {seq}: omtest, {client}", "Round {seq}: retest, {client}"),
    "round.started": (
        "{name} är startad: {count} testlistor skickas.",
        "{name} started: {count} checklists are being sent.",
    ),
    "round.no_window": (
        "Det finns inget fönster i dag att starta tester för.",
        "There is no window today to start tests for.",
    ),
    "round.not_checked_in": (
        "Starta incheckningen först (**starta incheckning**).",
        "Start check-in first (**start check-in**).",
    ),
    "round.already": ("{name} pågår redan.", "{name} is already running."),
    "round.nobody": (
        "Ingen som testar via {client} har checkat in, så inga testlistor skickades.",
        "Nobody who tests via {client} has checked in, so no checklists were sent.",
    ),
    "round.not_supplier": (
        "Det kommandot fungerar bara i leverantörskanalen eller för en systemförvaltare.",
        "That command only works in the supplier channel or for a system administrator.",
    ),
    "round.no_failures": (
        "Inget har fallerat, så det finns inget att testa om.",
        "Nothing has failed, so there is nothing to re-test.",
    ),
    "checklist.title": ("Testlista: {round}", "Checklist: {round}"),
    "checklist.intro": (
        "Uppdateringen är klar. Testa dina områden enligt listan och markera varje punkt. Du kan skicka en del nu och resten senare.",
        "The update is done. Test your areas by the list and mark each item. You can send part now and the rest later.",
    ),
    # Says nothing of the supplier: only "checklist.intro_fixed" does, after the supplier's "rättat".
    "checklist.intro_retest": (
        "De här punkterna fallerade förra gången. Testa dem igen.",
        "These items failed last time. Test them again.",
    ),
    "checklist.pass": ("Godkänt", "Pass"),
    "checklist.fail": ("Fel", "Fail"),
    "checklist.untested": ("Ej testat", "Not tested"),
    "checklist.choose": ("Välj resultat", "Choose a result"),
    "checklist.comment": ("Kommentar (beskriv felet)", "Comment (describe the fault)"),
    "checklist.submit": ("Skicka resultat", "Send results"),
    "checklist.recorded": ("Sparat {at}: {done} av {total} punkter.", "Saved {at}: {done} of {total} items."),
    "checklist.all_done": ("Alla punkter är rapporterade. Tack!", "Every item is reported. Thank you!"),
    "checklist.closed": (
        "Omgången är avslutad; resultaten nedan är sparade.",
        "The round is closed; the results below are saved.",
    ),
    "checklist.comment_needed": (
        "Skriv en kommentar för varje punkt du markerar som Fel, så att leverantören vet vad som är fel: {cases}.",
        "Write a comment for each item you mark as Fail, so the supplier knows what is wrong: {cases}.",
    ),
    "checklist.reminder": (
        "Påminnelse: du har inte skickat alla resultat för {round}. Använd testlistan ovan.",
        "Reminder: you have not sent all results for {round}. Use the checklist above.",
    ),
    "checklist.missing_admin": (
        "Resultat saknas för {round} från: {names}.",
        "Results missing for {round} from: {names}.",
    ),
    # --- summaries ---
    "summary.title": ("Sammanställning: {round}", "Summary: {round}"),
    "summary.pass": ("✅ Allt godkänt – omgången är godkänd", "✅ Everything passed – the round is passed"),
    "summary.fail": (
        "❌ {count} fel – omgången är inte godkänd",
        "❌ {count} failures – the round is not passed",
    ),
    "summary.not_passed": ("⏳ Omgången är inte godkänd", "⏳ The round is not passed"),
    "summary.counts": ("Områden: {counts}", "Areas: {counts}"),
    "summary.retested": ("Omtestat i den här omgången", "Retested in this round"),
    "summary.state": ("Läget för {client} efter omgången", "Where {client} stands after the round"),
    "summary.waiting": ("{name}: {count} punkter saknar svar", "{name}: {count} items without an answer"),
    "summary.waiting_one": ("{name}: 1 punkt saknar svar", "{name}: 1 item without an answer"),
    "summary.not_tested": ("Ej testat: {cases}", "Not tested: {cases}"),
    "summary.nobody": (
        "Ingen testade området: ingen testlista gick ut för det.",
        "Nobody tested the area: no checklist went out for it.",
    ),
    "summary.tested_by": ("testat av {name}", "tested by {name}"),
    "summary.area_pass": ("{area}: godkänt ({count} punkter)", "{area}: passed ({count} items)"),
    # --- the verdict's words (bot.domain.verdict.AreaStatus), wherever an area's status is shown ---
    "verdict.failed": ("fel", "failed"),
    "verdict.incomplete": ("ofullständigt", "incomplete"),
    "verdict.untested": ("otestat", "untested"),
    "verdict.passed": ("godkänt", "passed"),
    "verdict.count": ("{count} {status}", "{count} {status}"),
    "summary.posted": (
        "Sammanställningen är skickad till leverantörskanalen.",
        "The summary is posted in the supplier channel.",
    ),
    "summary.no_round": ("Ingen testomgång har startat ännu.", "No test round has started yet."),
    # --- board ---
    "board.title": ("Statustavla: servicefönster {date}", "Status board: service window {date}"),
    "board.phase": ("Läge", "Phase"),
    "board.updated": ("Uppdaterad {time}", "Updated {time}"),
    "board.substitute": ("ersättare", "substitute"),
    "board.nobody": ("ingen", "nobody"),
    "board.area": ("Område", "Area"),
    "board.covered_by": ("Testas av", "Tested by"),
    "board.checkin": ("Incheckning", "Check-in"),
    "board.rounds": ("Omgångar", "Rounds"),
    "board.button_local": ("Lokal klar", "Local ready"),
    "board.button_citrix": ("Citrix klar", "Citrix ready"),
    "board.button_summary": ("Sammanställ", "Summary"),
    "board.button_all_clear": ("Klart – systemet är uppe", "All clear – system is up"),
    "cstate.waiting": ("väntar", "waiting"),
    "cstate.asked": ("tillfrågad", "asked"),
    "cstate.present": ("på plats", "in place"),
    "cstate.sub_asked": ("ersättare tillfrågad", "substitute asked"),
    "cstate.sub_present": ("ersättare på plats", "substitute in place"),
    "cstate.uncovered": ("⚠ ingen", "⚠ nobody"),
    "cstate.assigned": ("tilldelad", "assigned"),
    "rstate.pass": ("✅", "✅"),
    "rstate.fail": ("❌", "❌"),
    "rstate.incomplete": ("⏳ ofullständigt", "⏳ incomplete"),
    "rstate.untested": ("➖ otestat", "➖ untested"),
    "board.verdict": ("Resultat", "Result"),
    "board.verdict_pass": ("✅ Allt godkänt", "✅ Everything passed"),
    "board.verdict_open": ("{mark} Inte godkänt: {counts}", "{mark} Not passed: {counts}"),
    # --- all clear ---
    "allclear.title": ("Procapita omsorg är uppe igen", "Procapita omsorg is up again"),
    "allclear.text": (
        "Servicefönstret {date} är klart och systemet får användas igen. Tack för hjälpen!",
        "The service window {date} is done and the system may be used again. Thank you for your help!",
    ),
    "allclear.advice_title": ("Vid första inloggningen", "At your first login"),
    "allclear.advice_1": (
        "Kontrollera varje nytt moment genom att spara, uppdatera och se att det finns kvar.",
        "Check each new step by saving, refreshing and seeing that it is still there.",
    ),
    "allclear.advice_2": (
        "Starta om programmet minst en gång under den första timmen och kontrollera att allt ser rätt ut.",
        "Restart the program at least once within the first hour and check that everything looks right.",
    ),
    "allclear.advice_3": (
        "Meddela eventuella fel till ServiceDesk omedelbart.",
        "Report any faults to the ServiceDesk at once.",
    ),
    "allclear.done": (
        "Klartecknet är skickat till {count} personer.",
        "The all-clear has been sent to {count} people.",
    ),
    "allclear.already": ("Fönstret {date} är redan avslutat.", "The window {date} is already finished."),
    "allclear.mail_subject": ("Procapita omsorg är uppe igen", "Procapita omsorg is up again"),
    # the all-clear refused while something is open, and sent anyway with a reason
    "allclear.refused_title": ("Klartecknet är inte skickat", "The all-clear has not been sent"),
    "allclear.refused_intro": (
        "Allt är inte godkänt, så jag har inte skickat något. Det här är öppet:",
        "Not everything has passed, so I have sent nothing. This is open:",
    ),
    "allclear.open_area": ("{area} ({client}): {status}", "{area} ({client}): {status}"),
    "allclear.status.failed": ("fel", "failed"),
    "allclear.status.incomplete": ("ofullständigt", "incomplete"),
    "allclear.status.untested": ("otestat", "untested"),
    "allclear.status.passed": ("godkänt", "passed"),
    "allclear.no_go": ("leverantörens klartecken saknas", "the supplier's go-ahead is missing"),
    "allclear.refused_hint": (
        "Vänta tills allt är godkänt och leverantören har gett klartecken, eller skicka klartecknet ändå med en skriftlig orsak. Då står de kända felen och orsaken i meddelandet och i loggen.",
        "Wait until everything has passed and the supplier has given the go-ahead, or send the all-clear anyway with a written reason. The known faults and the reason then go into the message and the log.",
    ),
    "allclear.reason_label": (
        "Orsak till att klartecknet skickas ändå (krävs)",
        "Why the all-clear goes out anyway (required)",
    ),
    "allclear.override": ("Skicka klartecken ändå", "Send the all-clear anyway"),
    "allclear.reason_needed": (
        "Skriv en orsak i fältet innan du skickar klartecknet ändå. Inget har skickats.",
        "Write a reason in the field before sending the all-clear anyway. Nothing has been sent.",
    ),
    "allclear.reason_too_long": (
        "Orsaken får vara högst {max} tecken. Korta den och försök igen. Inget har skickats.",
        "The reason may be at most {max} characters. Shorten it and try again. Nothing has been sent.",
    ),
    "allclear.known_faults": ("Kända fel: {faults}", "Known faults: {faults}"),
    "allclear.known_intro": (
        "Allt är inte godkänt, men systemet öppnas ändå. Var uppmärksam på det här:",
        "Not everything has passed, but the system opens anyway. Watch out for this:",
    ),
    "allclear.reason": ("Orsak: {reason}", "Reason: {reason}"),
    "allclear.refused_short": (
        "Klartecknet är inte skickat: allt är inte godkänt. Listan över det som är öppet står i chatten.",
        "The all-clear has not been sent: not everything has passed. The list of what is open is in the chat.",
    ),
    "allclear.not_started": (
        "Servicefönstret {date} har inte startat, så det finns inget klartecken att ge.",
        "The service window {date} has not started, so there is no all-clear to give.",
    ),
    "allclear.done_override": (
        "Klartecknet är skickat till {count} personer, med de kända felen och din orsak.",
        "The all-clear has been sent to {count} people, with the known faults and your reason.",
    ),
    # --- when the update fails ---
    "abort.title": ("Servicefönstret är avbrutet", "The service window is aborted"),
    "abort.text": (
        "Uppdateringen av Procapita omsorg {date} lyckades inte. Systemet förblir stängt eller återställs till den tidigare versionen. Använd det inte förrän systemförvaltaren meddelar att det är uppe igen. Du behöver inte testa mer i dag.",
        "The update of Procapita omsorg on {date} did not succeed. The system stays closed or is restored to the previous version. Do not use it until the system administrator says it is up again. You need not test any more today.",
    ),
    "abort.expected": ("Beräknat klart kl. {time}.", "Expected to be ready at {time}."),
    "abort.reason": ("Orsak: {reason}", "Reason: {reason}"),
    "abort.mail_subject": (
        "Procapita omsorg: servicefönstret är avbrutet",
        "Procapita omsorg: the service window is aborted",
    ),
    "abort.done": (
        "Servicefönstret {date} är avbrutet och {count} personer har fått veta. Testomgångar, kort och påminnelser är stängda.",
        "The service window {date} is aborted and {count} people have been told. Rounds, cards and reminders are closed.",
    ),
    "abort.admin": (
        "{actor} har avbrutit servicefönstret {date}: uppdateringen misslyckades. {count} personer har fått veta.",
        "{actor} has aborted the service window {date}: the update failed. {count} people have been told.",
    ),
    "abort.already": (
        "Servicefönstret {date} är redan avbrutet. Inget har ändrats.",
        "The service window {date} is already aborted. Nothing has changed.",
    ),
    "abort.not_started": (
        "Servicefönstret {date} har inte startat. Avboka det i stället: *avboka fönster {id}*.",
        "The service window {date} has not started. Cancel it instead: *cancel window {id}*.",
    ),
    "abort.none": (
        "Det finns inget pågående servicefönster att avbryta.",
        "There is no service window under way to abort.",
    ),
    "abort.bad_time": (
        '"{text}" är ingen giltig tid. Skriv t.ex. *avbryt fönster 15:00 Uppdateringen misslyckades*. Inget har ändrats.',
        '"{text}" is not a valid time. Write e.g. *abort window 15:00 The update failed*. Nothing has changed.',
    ),
    "abort.reason_too_long": (
        "Orsaken får vara högst {max} tecken. Korta den och försök igen. Inget har ändrats.",
        "The reason may be at most {max} characters. Shorten it and try again. Nothing has changed.",
    ),
    # --- when the day runs longer ---
    "extend.text": (
        "Servicefönstret {date} förlängs: Procapita omsorg beräknas vara klart kl. {time} i stället för kl. {old}. Använd inte systemet förrän systemförvaltaren meddelar att det är uppe igen.",
        "The service window on {date} is extended: Procapita omsorg is expected to be ready at {time} instead of {old}. Do not use the system until the system administrator says it is up again.",
    ),
    "extend.mail_subject": (
        "Procapita omsorg: servicefönstret förlängs till kl. {time}",
        "Procapita omsorg: the service window is extended to {time}",
    ),
    "extend.done": (
        "Servicefönstret {date} slutar nu kl. {time}. {count} personer har fått veta.",
        "The service window {date} now ends at {time}. {count} people have been told.",
    ),
    "extend.usage": (
        "Skriv den nya sluttiden, t.ex. *förläng fönster 18:00*. Inget har ändrats.",
        "Write the new end time, e.g. *extend window 18:00*. Nothing has changed.",
    ),
    "extend.bad_time": (
        '"{text}" är ingen giltig tid. Skriv tiden som TT:MM, t.ex. *förläng fönster 18:00*. Inget har ändrats.',
        '"{text}" is not a valid time. Write the time as HH:MM, e.g. *extend window 18:00*. Nothing has changed.',
    ),
    "extend.too_early": (
        "Den nya sluttiden måste vara senare än fönstrets start (kl. {start}) och än klockan nu (kl. {now}). Inget har ändrats.",
        "The new end must be later than the window's start ({start}) and than the time now ({now}). Nothing has changed.",
    ),
    "extend.same": (
        "Servicefönstret slutar redan kl. {time}. Inget har ändrats.",
        "The service window already ends at {time}. Nothing has changed.",
    ),
    "extend.none": (
        "Det finns inget pågående servicefönster i dag att förlänga. Inget har ändrats.",
        "There is no service window under way today to extend. Nothing has changed.",
    ),
    "extend.not_today": (
        "Servicefönstret som pågår gäller {date}, inte i dag; bara dagens fönster kan förlängas. Inget har ändrats.",
        "The service window under way is for {date}, not today; only today's window can be extended. Nothing has changed.",
    ),
}
