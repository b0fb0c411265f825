"""Texts of planning and of the day (windows, announcements, check-in, rounds, summaries)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- windows ---
    "window.title": ("Servicefönster {date}", "Service window {date}"),
    "window.number": ("Fönster nr", "Window no."),
    "window.date": ("Datum", "Date"),
    "window.time": ("Tid", "Time"),
    "window.case": ("Ärende", "Case"),
    "window.state": ("Läge", "State"),
    "window.testers": ("Testresurser", "Test resources"),
    "window.no_case": ("inget angivet", "none given"),
    "state.planned": ("planerat", "planned"),
    "state.checkin": ("incheckning pågår", "check-in in progress"),
    "state.testing": ("tester pågår", "testing in progress"),
    "state.done": ("klart, systemet är uppe", "done, the system is up"),
    "state.cancelled": ("avbokat", "cancelled"),
    "state.aborted": ("avbrutet, systemet är stängt", "aborted, the system is closed"),
    "window.created": ("Servicefönstret är planerat.", "The service window is planned."),
    "window.next_steps": ("Det här händer nu", "What happens next"),
    "window.step_announce": (
        "Meddela testresurserna med knappen nedan (eller skriv **meddela**).",
        "Announce it to the test resources with the button below (or write **announce**).",
    ),
    "window.step_notice": (
        "{date}: jag påminner dig om systemmeddelandet i Procapita och ger dig texten.",
        "{date}: I remind you to publish the system message in Procapita and give you the text.",
    ),
    "window.step_reminder": (
        "{date}: jag påminner de testresurser som inte har svarat.",
        "{date}: I remind the test resources who have not answered.",
    ),
    "window.step_checkin": (
        "{date} kl. {time}: jag startar incheckningen och skickar kort till alla testresurser.",
        "{date} at {time}: I start check-in and send cards to every test resource.",
    ),
    "window.button_announce": ("Meddela testresurserna", "Announce to test resources"),
    "window.button_list": ("Skicka listan till leverantören", "Send the list to the supplier"),
    "window.button_confirm": ("Ja, planera ändå", "Yes, plan it anyway"),
    "window.confirm_needed": (
        "{warnings} Vill du ändå planera fönstret den dagen? Tryck på knappen eller skriv kommandot igen med *bekräfta* sist.",
        "{warnings} Do you still want the window on that day? Press the button or write the command again ending with *confirm*.",
    ),
    "window.list_title": ("Servicefönster", "Service windows"),
    "window.none": (
        "Inga servicefönster är planerade. Skriv t.ex. *nytt fönster 2026-12-09*.",
        "No service windows are planned. Write e.g. *new window 2026-12-09*.",
    ),
    "window.unknown": (
        "Det finns inget fönster nr {id}. Skriv **fönster** för att se numren.",
        "There is no window no. {id}. Write **windows** to see the numbers.",
    ),
    "window.id_usage": (
        "Ange fönstrets nummer, t.ex. *{example}*. Skriv **fönster** för att se numren.",
        "Give the window's number, e.g. *{example}*. Write **windows** to see the numbers.",
    ),
    "window.not_planned": (
        "Fönster nr {id} är {state} och kan inte ändras så.",
        "Window no. {id} is {state} and cannot be changed that way.",
    ),
    "window.exists": (
        "Det finns redan ett fönster den {date} (nr {id}).",
        "There is already a window on {date} (no. {id}).",
    ),
    "window.moved": (
        "Fönster nr {id} är flyttat till {date}. {told} testresurser har fått veta det.",
        "Window no. {id} moved to {date}. {told} test resources have been told.",
    ),
    "window.moved_notice": (
        "Servicefönstret är **flyttat** till {date} kl. {time}. Svara gärna på nytt på kortet ovan.",
        "The service window has **moved** to {date} at {time}. Please answer again on the card above.",
    ),
    "window.cancelled": (
        "Fönster nr {id} ({date}) är avbokat. {told} testresurser har fått veta det.",
        "Window no. {id} ({date}) is cancelled. {told} test resources have been told.",
    ),
    "window.cancelled_notice": (
        "Servicefönstret {date} är **avbokat**. Du behöver inte vara med och testa den dagen.",
        "The service window on {date} is **cancelled**. You do not need to test that day.",
    ),
    "window.no_next": (
        "Det finns inget planerat fönster. Skriv t.ex. *nytt fönster 2026-12-09* först.",
        "There is no planned window. Write e.g. *new window 2026-12-09* first.",
    ),
    "window.no_testers": (
        "Det finns inga testresurser i listan. Importera listan först (python app.py roster import).",
        "There are no test resources on the roster. Import it first (python app.py roster import).",
    ),
    # --- announcement ---
    "announce.done": (
        "Jag har meddelat {count} testresurser om fönstret {date}.",
        "I have announced the window {date} to {count} test resources.",
    ),
    "announce.intro": (
        "Procapita omsorg uppdateras. Du är testresurs och testar efter uppdateringen. Boka tiden i din kalender och svara här om du kan vara med.",
        "Procapita omsorg is being updated. You are a test resource and test after the update. Book the time in your calendar and answer here whether you can take part.",
    ),
    "announce.your_areas": ("Dina områden", "Your areas"),
    "announce.client": ("Du testar via", "You test via"),
    "announce.coming": ("Jag kommer", "I will be there"),
    "announce.cant": ("Jag kan inte", "I can't"),
    "announce.cant_intro": (
        "Vem ersätter dig? Ersättaren får dina kort den dagen.",
        "Who stands in for you? Your substitute gets your cards that day.",
    ),
    "announce.sub_name": ("Ersättarens namn", "Substitute's name"),
    "announce.sub_email": ("Ersättarens e-post", "Substitute's e-mail"),
    "announce.send": ("Skicka", "Send"),
    "announce.answered_coming": (
        "Du har svarat **Jag kommer** ({at}). Tack!",
        "You answered **I will be there** ({at}). Thank you!",
    ),
    "announce.answered_cant": (
        "Du har svarat **Jag kan inte** ({at}). Din ersättare {name} ({email}) får dina kort den dagen.",
        "You answered **I can't** ({at}). Your substitute {name} ({email}) gets your cards that day.",
    ),
    "announce.change": ("Ändra mitt svar", "Change my answer"),
    "announce.reminder": (
        "Påminnelse: du har inte svarat om du kan vara med och testa vid servicefönstret {date} kl. {time}. Svara på kortet ovan.",
        "Reminder: you have not answered whether you can test at the service window {date} at {time}. Answer on the card above.",
    ),
    "announce.silent_admin": (
        "Påminnelse skickad till {count} testresurser som inte har svarat om {date}: {names}.",
        "Reminder sent to {count} test resources who have not answered about {date}: {names}.",
    ),
    "announce.all_answered": (
        "Alla testresurser har svarat om {date}.",
        "Every test resource has answered about {date}.",
    ),
    # --- supplier channel and list ---
    "channel.set": (
        "Den här kanalen är nu **leverantörskanal**. Här kommer listan över testare, statustavlan och sammanställningarna. Leverantören (den som står som leverantör i listan) skriver @Servicefönster **lokal klar** och **citrix klar** här, och svarar på varje sammanställning med **klartecken**, **vi rättar** eller **rullar tillbaka**.",
        "This channel is now the **supplier channel**. The tester list, the status board and the summaries come here. The supplier (whoever is on the list as the supplier) writes @ServiceWindow **local ready** and **citrix ready** here, and answers each summary with **go**, **we fix** or **roll back**.",
    ),
    "channel.only_admin": (
        "Bara en systemförvaltare kan göra en kanal till leverantörskanal.",
        "Only a system administrator can make a channel the supplier channel.",
    ),
    "channel.missing": (
        "Det finns ingen leverantörskanal ännu. Skriv @Servicefönster **leverantörskanal** i kanalen ni delar med IT-leverantören.",
        "There is no supplier channel yet. Write @ServiceWindow **supplier channel** in the channel you share with the IT supplier.",
    ),
    "list.title": ("Testare vid servicefönstret {date}", "Testers at the service window {date}"),
    "list.intro": (
        "Namn och e-post till dagens testare per område{case}.",
        "Names and e-mail addresses of the day's testers per area{case}.",
    ),
    "list.substitute_for": ("ersättare för {name}", "substitute for {name}"),
    "list.nobody": ("ingen utsedd", "nobody assigned"),
    "list.posted": (
        "Listan över testare är skickad till leverantörskanalen.",
        "The tester list is posted in the supplier channel.",
    ),
    "list.updated": (
        "Listan i leverantörskanalen är uppdaterad.",
        "The list in the supplier channel is updated.",
    ),
    # --- user notice (10 days before) ---
    "notice.title": ("Dags för systemmeddelandet", "Time for the system message"),
    "notice.intro": (
        "Servicefönstret {date} närmar sig. Lägg upp systemmeddelandet i Procapita med texten nedan.",
        "The service window {date} is coming up. Publish the system message in Procapita with the text below.",
    ),
    "notice.mailed": (
        "Texten är också e-postad till {count} verksamhetschefer.",
        "The text is also e-mailed to {count} operations managers.",
    ),
    "notice.manual": (
        "E-post är inte inställd, så skicka texten själv till verksamhetscheferna: {emails}",
        "E-mail is not configured, so send the text to the operations managers yourself: {emails}",
    ),
    "notice.no_managers": (
        "Det finns inga verksamhetschefer i listan.",
        "There are no operations managers on the list.",
    ),
    "notice.subject": ("Servicefönster Procapita omsorg {date}", "Service window Procapita omsorg {date}"),
    "notice.template_current": (
        "Mallen för systemmeddelandet just nu: {template}\n\nSå här blir texten: {example}",
        "The system message template now: {template}\n\nThe text becomes: {example}",
    ),
    "notice.template_saved": (
        "Mallen för systemmeddelandet är sparad. Så här blir texten: {example}",
        "The system message template is saved. The text becomes: {example}",
    ),
}
