"""Texts of the IT supplier's part: its role on the roster, its commands, the decision card after
each summary and what each decision opens, the refusals, and moving the supplier channel."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- the role and its commands ---
    "role.supplier": ("leverantör", "supplier"),
    "cmd.supplier_go": (
        "(leverantören) klartecken efter sammanställningen: Citrix får starta, eller allt är klart",
        "(the supplier) go-ahead after the summary: Citrix may start, or all is done",
    ),
    "cmd.supplier_fixing": (
        "(leverantören) vi rättar felen; ett omtest följer",
        "(the supplier) we fix the faults; a retest follows",
    ),
    "cmd.supplier_fixed": (
        "(leverantören) felen är rättade: systemförvaltaren startar omtestet",
        "(the supplier) the faults are fixed: the administrator starts the retest",
    ),
    "cmd.supplier_rollback": (
        "(leverantören) uppdateringen rullas tillbaka: dagen avbryts",
        "(the supplier) the update is rolled back: the day is aborted",
    ),
    "supplier.welcome": (
        "Hej {name}! Jag är servicefönster-boten för Procapita omsorg. Du finns i listan som **leverantör**. "
        "Det du gör sker i leverantörskanalen: skriv @Servicefönster **lokal klar** och **citrix klar** när "
        "uppdateringen är klar, och svara på varje sammanställning med knapparna på beslutskortet eller med "
        "**klartecken**, **vi rättar**, **rättat** eller **rullar tillbaka**.",
        "Hi {name}! I am the service-window bot for Procapita omsorg. You are on the list as the **supplier**. "
        "What you do happens in the supplier channel: write @ServiceWindow **local ready** and **citrix ready** "
        "when the update is in, and answer each summary with the buttons of the decision card or with "
        "**go**, **we fix**, **fixed** or **roll back**.",
    ),
    "supplier.use_channel": (
        "Det skriver du i leverantörskanalen: @Servicefönster **{command}**. Här i chatten kan du skriva "
        "**hjälp** eller **mina uppgifter**.",
        "Write that in the supplier channel: @ServiceWindow **{command}**. Here in the chat you can write "
        "**help** or **me**.",
    ),
    "supplier.not_supplier": (
        "Tack! Men det kan bara leverantörens kontaktperson eller en systemförvaltare säga här. Ska det vara "
        "du? Be systemförvaltaren{admins} att lägga till dig som leverantör i listan.",
        "Thank you! But only the supplier's contact person or a system administrator can say that here. "
        "Should it be you? Ask the system administrator{admins} to add you to the list as the supplier.",
    ),
    # --- the decision card ---
    "purpose.decision": ("Leverantörens beslut", "The supplier's decision"),
    "decision.title": ("Leverantörens beslut: {round}", "The supplier's decision: {round}"),
    "decision.intro": (
        "Testresultatet står ovan. Vad gör ni nu?",
        "The test results are above. What do you do now?",
    ),
    "decision.written": (
        "Ni kan också skriva @Servicefönster **klartecken**, **vi rättar** eller **rullar tillbaka**, "
        "med en kommentar efter.",
        "You can also write @ServiceWindow **go**, **we fix** or **roll back**, with a comment after it.",
    ),
    "decision.comment": ("Kommentar (frivillig)", "Comment (optional)"),
    "decision.go_citrix": ("Klartecken – vi startar Citrix", "Go-ahead – we start Citrix"),
    "decision.go_done": ("Klartecken – allt OK", "Go-ahead – all OK"),
    "decision.fixing": ("Vi rättar felen", "We fix the faults"),
    "decision.fixed": ("Rättat – testa om", "Fixed – test again"),
    "decision.rollback": ("Vi rullar tillbaka", "We roll back"),
    "decision.by": ("{name} kl. {time}", "{name} at {time}"),
    "decision.next.go_citrix": (
        "Citrix-omgången får starta: skriv @Servicefönster **citrix klar** när Citrix-klienten är uppdaterad.",
        "The Citrix round may start: write @ServiceWindow **citrix ready** when the Citrix client is updated.",
    ),
    "decision.next.go_done": (
        "Systemförvaltaren meddelar alla att systemet är uppe igen.",
        "The system administrator tells everyone the system is up again.",
    ),
    "decision.next.fixing": (
        "När felen är rättade: tryck **Rättat – testa om** eller skriv @Servicefönster **rättat**.",
        "When the faults are fixed: press **Fixed – test again** or write @ServiceWindow **fixed**.",
    ),
    "decision.next.fixed": (
        "Systemförvaltaren startar omtestet av det som fallerade.",
        "The system administrator starts the retest of what failed.",
    ),
    "decision.next.rollback": (
        "Dagen är avbruten och alla som var med har fått besked.",
        "The day is aborted and everyone taking part has been told.",
    ),
    "decision.recorded": ("Registrerat för {round}: {what}.", "Recorded for {round}: {what}."),
    "decision.recorded_no_round": ("Registrerat: {what}.", "Recorded: {what}."),
    # --- a decision that changes nothing ---
    "decision.no_window": (
        "Det pågår inget servicefönster just nu, så det finns inget att besluta om.",
        "No service window is under way now, so there is nothing to decide.",
    ),
    "decision.no_round": (
        "Ingen testomgång har körts ännu, så det finns ingen sammanställning att svara på.",
        "No test round has run yet, so there is no summary to answer.",
    ),
    "decision.no_summary": (
        "Sammanställningen av {round} är inte klar ännu. Ni beslutar när den har kommit hit.",
        "The summary of {round} is not ready yet. You decide once it has arrived here.",
    ),
    "decision.not_latest": (
        "Det här gäller {round}, som inte längre är den senaste omgången. Inget ändrades; svara på det "
        "senaste beslutskortet.",
        "This is about {round}, which is no longer the latest round. Nothing changed; answer the latest "
        "decision card.",
    ),
    "decision.already": (
        "Det är redan registrerat ({what}, {by}). Inget ändrades.",
        "That is already recorded ({what}, {by}). Nothing changed.",
    ),
    "decision.settled": (
        "{round} är redan besvarad ({what}, {by}). Inget ändrades.",
        "{round} is already answered ({what}, {by}). Nothing changed.",
    ),
    "decision.not_fixing": (
        "Det finns inget **vi rättar** att svara på för {round}, så inget ändrades.",
        "There is no **we fix** to answer for {round}, so nothing changed.",
    ),
    "decision.comment_too_long": (
        "Kommentaren är för lång (högst {max} tecken). Inget sparades; korta den och försök igen.",
        "The comment is too long (at most {max} characters). Nothing was saved; shorten it and try again.",
    ),
    # --- the admins told ---
    "decision.admin.go_citrix": (
        "Leverantören ({name}) gav klartecken för {round}: Citrix-omgången får starta.{comment}",
        "The supplier ({name}) gave the go-ahead for {round}: the Citrix round may start.{comment}",
    ),
    "decision.admin.go_done": (
        "Leverantören ({name}) gav klartecken för {round}. Tryck på knappen för att meddela alla att "
        "systemet är uppe igen.{comment}",
        "The supplier ({name}) gave the go-ahead for {round}. Press the button to tell everyone the system "
        "is up again.{comment}",
    ),
    "decision.admin.fixing": (
        "Leverantören ({name}) rättar felen efter {round}.{comment}",
        "The supplier ({name}) is fixing the faults after {round}.{comment}",
    ),
    "decision.admin.fixed": (
        "Leverantören ({name}) har rättat felen efter {round}. Tryck **Testa om** för att skicka det som "
        "fallerade till testarna igen.{comment}",
        "The supplier ({name}) has fixed the faults after {round}. Press **Retest** to send what failed to "
        "the testers again.{comment}",
    ),
    "decision.admin.comment": (" Kommentar: {comment}", " Comment: {comment}"),
    "decision.retest_button": ("Testa om", "Retest"),
    # --- the gate of the Citrix round, the retest ---
    "round.citrix_needs_go": (
        "Citrix-omgången kan inte starta ännu: leverantörens klartecken för den lokala installationen "
        "saknas. Leverantören ger det på beslutskortet under sammanställningen i leverantörskanalen, eller "
        "skriver @Servicefönster **klartecken** där.",
        "The Citrix round cannot start yet: the supplier's go-ahead for the local installation is missing. "
        "The supplier gives it on the decision card below the summary in the supplier channel, or writes "
        "@ServiceWindow **go** there.",
    ),
    "checklist.intro_fixed": (
        "Leverantören har rättat felen. Testa de här punkterna igen.",
        "The supplier has fixed the faults. Test these items again.",
    ),
    # --- the board ---
    "board.supplier": ("Leverantören", "Supplier"),
    "board.supplier.go": ("klartecken efter {round} ({time})", "go-ahead after {round} ({time})"),
    "board.supplier.fixing": (
        "rättar felen efter {round} (sedan {time})",
        "fixing the faults after {round} (since {time})",
    ),
    "board.supplier.fixed": (
        "har rättat felen efter {round} ({time})",
        "has fixed the faults after {round} ({time})",
    ),
    "board.supplier.rollback": ("rullar tillbaka ({time})", "rolling back ({time})"),
    # --- the supplier channel ---
    "channel.not_a_channel": (
        "**leverantörskanal** skrivs i en kanal i det team ni delar med IT-leverantören, inte i en chatt. "
        "Gå till kanalen och skriv @Servicefönster **leverantörskanal** där.",
        "**supplier channel** is written in a channel of the team you share with the IT supplier, not in a "
        "chat. Go to the channel and write @ServiceWindow **supplier channel** there.",
    ),
    "channel.already": (
        "Den här kanalen är redan leverantörskanal.",
        "This channel already is the supplier channel.",
    ),
    "channel.confirm_title": ("Flytta leverantörskanalen?", "Move the supplier channel?"),
    "channel.confirm_text": (
        "En annan kanal är leverantörskanal i dag. Ska den här kanalen bli det i stället? Listan över "
        "testare, statustavlan, sammanställningarna och leverantörens beslut kommer då hit, och den gamla "
        "kanalen får veta att den inte används längre.",
        "Another channel is the supplier channel today. Should this channel become it instead? The tester "
        "list, the status board, the summaries and the supplier's decisions then come here, and the old "
        "channel is told it is no longer used.",
    ),
    "channel.confirm_button": (
        "Ja, gör den här kanalen till leverantörskanal",
        "Yes, make this the supplier channel",
    ),
    "channel.moved_old": (
        "Den här kanalen är inte längre leverantörskanal: {name} har gjort en annan kanal till det. "
        "Listan, statustavlan, sammanställningarna och besluten kommer inte hit längre.",
        "This channel is no longer the supplier channel: {name} has made another channel the supplier "
        "channel. The list, the status board, the summaries and the decisions no longer come here.",
    ),
}
