<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>ContentWords</name>
    <message>
        <source>Write the extension without the dot: %1</source>
        <translation>Scrivi l&apos;estensione senza il punto: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a file extension: letters and digits only, like pdf or docx.</source>
        <translation>&quot;%1&quot; non è un&apos;estensione di file: solo lettere e cifre, come pdf o docx.</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 è già nell&apos;elenco.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglese</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <source>Off: every attachment passes</source>
        <translation>Disattivato: passano tutti gli allegati</translation>
    </message>
    <message>
        <source>Allow-list: only the listed extensions pass</source>
        <translation>Estensioni consentite: passano solo quelle dell&apos;elenco</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Disattivato</translation>
    </message>
    <message>
        <source>Allow-list: %1</source>
        <translation>Estensioni consentite: %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nessuna)</translation>
    </message>
    <message>
        <source>Archive mailbox on the relay</source>
        <translation>Casella d&apos;archivio sul relay</translation>
    </message>
    <message>
        <source>Another address</source>
        <translation>Un altro indirizzo</translation>
    </message>
    <message>
        <source>Mailbox %1</source>
        <translation>Casella %1</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>A %1</translation>
    </message>
    <message>
        <source>Follow the relay (%1)</source>
        <translation>Come il relay (%1)</translation>
    </message>
</context>
<context>
    <name>DialogPrompter</name>
    <message>
        <source>Unknown host key — %1</source>
        <translation>Chiave host sconosciuta — %1</translation>
    </message>
    <message>
        <source>Staffetta has never connected to %1 before.</source>
        <translation>Staffetta non si è mai collegata a %1 prima d&apos;ora.</translation>
    </message>
    <message>
        <source>Its %1 key fingerprint is:
%2

Compare it with the fingerprint your relay&apos;s administrator gave you (ssh-keygen -lf on the relay&apos;s host key). Trust this key and remember it?</source>
        <translation>L&apos;impronta della sua chiave %1 è:
%2

Confrontala con l&apos;impronta che ti ha dato l&apos;amministratore del relay (ssh-keygen -lf sulla chiave host del relay). Considerare affidabile questa chiave e ricordarla?</translation>
    </message>
    <message>
        <source>Trust and connect</source>
        <translation>Considera affidabile e collegati</translation>
    </message>
    <message>
        <source>Key passphrase — %1</source>
        <translation>Passphrase della chiave — %1</translation>
    </message>
    <message>
        <source>Password — %1</source>
        <translation>Password — %1</translation>
    </message>
    <message>
        <source>Remember in the system keychain</source>
        <translation>Ricorda nel portachiavi di sistema</translation>
    </message>
</context>
<context>
    <name>PolicyChange</name>
    <message>
        <source>%1 (message: &quot;%2&quot;)</source>
        <translation>%1 (messaggio: &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>+ %1: %2</source>
        <translation>+ %1: %2</translation>
    </message>
    <message>
        <source>- %1: %2 (back to the default)</source>
        <translation>- %1: %2 (torna al predefinito)</translation>
    </message>
    <message>
        <source>- %1: %2</source>
        <translation>- %1: %2</translation>
    </message>
    <message>
        <source>~ %1: %2: message &quot;%3&quot; → &quot;%4&quot;</source>
        <translation>~ %1: %2: messaggio &quot;%3&quot; → &quot;%4&quot;</translation>
    </message>
    <message>
        <source>~ %1: %2 → %3</source>
        <translation>~ %1: %2 → %3</translation>
    </message>
    <message>
        <source>- %1: resumed</source>
        <translation>- %1: riattivato</translation>
    </message>
    <message>
        <source>+ %1: suspended by %2 (%3): %4</source>
        <translation>+ %1: sospeso da %2 (%3): %4</translation>
    </message>
</context>
<context>
    <name>PolicyClient</name>
    <message>
        <source>The relay&apos;s answer has no policy.</source>
        <translation>La risposta del relay non contiene la policy.</translation>
    </message>
    <message>
        <source>The relay sent a policy this console cannot read: %1</source>
        <translation>Il relay ha inviato una policy che questa console non sa leggere: %1</translation>
    </message>
    <message>
        <source>on the relay itself</source>
        <translation>sul relay stesso</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>da %1</translation>
    </message>
    <message>
        <source>revision %1: %2 (%3) %4, %5</source>
        <translation>revisione %1: %2 (%3) %4, %5</translation>
    </message>
</context>
<context>
    <name>PolicyDialogs</name>
    <message>
        <source>Review changes — %1</source>
        <translation>Controlla le modifiche — %1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to revision %1 of the relay&apos;s policy:</source>
        <translation>
            <numerusform>%n modifica alla revisione %1 della policy del relay:</numerusform>
            <numerusform>%n modifiche alla revisione %1 della policy del relay:</numerusform>
        </translation>
    </message>
    <message>
        <source>Comment for the audit log (optional)</source>
        <translation>Commento per il registro attività (facoltativo)</translation>
    </message>
    <message>
        <source>Apply to the relay</source>
        <translation>Applica al relay</translation>
    </message>
    <message>
        <source>Someone else changed the policy — %1</source>
        <translation>Qualcun altro ha modificato la policy — %1</translation>
    </message>
    <message>
        <source>The relay is now at revision %1. Nothing of yours was written. Merge puts your changes on top of theirs for you to review again; Reload drops yours.</source>
        <translation>Il relay ora è alla revisione %1. Nulla di tuo è stato scritto. Unisci mette le tue modifiche sopra le sue perché tu le ricontrolli; Ricarica scarta le tue.</translation>
    </message>
    <message>
        <source>Their change</source>
        <translation>La sua modifica</translation>
    </message>
    <message>
        <source>Your change</source>
        <translation>La tua modifica</translation>
    </message>
    <message>
        <source>Merge my changes</source>
        <translation>Unisci le mie modifiche</translation>
    </message>
    <message>
        <source>Reload (drop mine)</source>
        <translation>Ricarica (scarta le mie)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Lab relay</source>
        <translation>Relay di laboratorio</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Laboratorio</translation>
    </message>
    <message>
        <source>Staffetta console</source>
        <translation>Console Staffetta</translation>
    </message>
    <message>
        <source>Use this settings file instead of the user&apos;s.</source>
        <translation>Usa questo file di impostazioni invece di quello dell&apos;utente.</translation>
    </message>
    <message>
        <source>Add the lab relay described by this lab.env and connect to it.</source>
        <translation>Aggiungi il relay di laboratorio descritto da questo lab.env e collegati.</translation>
    </message>
    <message>
        <source>Language for this run (en, it).</source>
        <translation>Lingua per questa esecuzione (en, it).</translation>
    </message>
    <message>
        <source>Save a picture of the window to this PNG file, print its tabs, and quit.</source>
        <translation>Salva un&apos;immagine della finestra in questo file PNG, stampa le sue schede ed esce.</translation>
    </message>
</context>
<context>
    <name>staffetta::Process</name>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>Impossibile eseguire %1: %2</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 ms</source>
        <translation>%1 non è terminato entro %2 ms</translation>
    </message>
</context>
<context>
    <name>staffetta::SecretStore</name>
    <message>
        <source>No secret is stored in the keychain for this relay.</source>
        <translation>Nel portachiavi non è salvato alcun segreto per questo relay.</translation>
    </message>
    <message>
        <source>The keychain refused the request: %1</source>
        <translation>Il portachiavi ha rifiutato la richiesta: %1</translation>
    </message>
    <message>
        <source>No keychain is available: the password will be asked each time (Staffetta never stores it in plain text).</source>
        <translation>Nessun portachiavi disponibile: la password sarà chiesta ogni volta (Staffetta non la salva mai in chiaro).</translation>
    </message>
</context>
<context>
    <name>staffetta::SshTransport</name>
    <message>
        <source>Canceled.</source>
        <translation>Annullato.</translation>
    </message>
    <message>
        <source>The server sent no host key: %1</source>
        <translation>Il server non ha inviato alcuna chiave host: %1</translation>
    </message>
    <message>
        <source>Cannot hash the server&apos;s host key.</source>
        <translation>Impossibile calcolare l&apos;impronta della chiave host del server.</translation>
    </message>
    <message>
        <source>WARNING: the host key of %1 has changed (it now presents %2 %3). This can mean that someone is intercepting the connection. The connection was refused; if the change is expected, remove the old key from %4 and connect again.</source>
        <translation>ATTENZIONE: la chiave host di %1 è cambiata (ora presenta %2 %3). Può significare che qualcuno sta intercettando la connessione. La connessione è stata rifiutata; se il cambio è previsto, rimuovi la vecchia chiave da %4 e collegati di nuovo.</translation>
    </message>
    <message>
        <source>Cannot record the host key in known_hosts: %1</source>
        <translation>Impossibile registrare la chiave host in known_hosts: %1</translation>
    </message>
    <message>
        <source>The authenticity of host %1 can&apos;t be established. Its %2 key fingerprint is %3.</source>
        <translation>Impossibile verificare l&apos;autenticità dell&apos;host %1. L&apos;impronta della sua chiave %2 è %3.</translation>
    </message>
    <message>
        <source>Cannot check the host key against known_hosts: %1</source>
        <translation>Impossibile verificare la chiave host con known_hosts: %1</translation>
    </message>
    <message>
        <source>The key file %1 does not exist.</source>
        <translation>Il file di chiave %1 non esiste.</translation>
    </message>
    <message>
        <source>The key %1 is protected by a passphrase.</source>
        <translation>La chiave %1 è protetta da una passphrase.</translation>
    </message>
    <message>
        <source>Cannot read the key %1: wrong passphrase or unsupported format.</source>
        <translation>Impossibile leggere la chiave %1: passphrase errata o formato non supportato.</translation>
    </message>
    <message>
        <source>A password is needed.</source>
        <translation>Serve una password.</translation>
    </message>
    <message>
        <source>The connection failed during authentication: %1</source>
        <translation>La connessione non è riuscita durante l&apos;autenticazione: %1</translation>
    </message>
    <message>
        <source>The relay refused the login of %1 (%2).</source>
        <translation>Il relay ha rifiutato l&apos;accesso di %1 (%2).</translation>
    </message>
    <message>
        <source>no key of the SSH agent was accepted</source>
        <translation>nessuna chiave dell&apos;agente SSH è stata accettata</translation>
    </message>
    <message>
        <source>the key was not accepted</source>
        <translation>la chiave non è stata accettata</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>password errata</translation>
    </message>
    <message>
        <source>The remote command &apos;%1&apos; may contain only letters, digits and _ . / -</source>
        <translation>Il comando remoto &apos;%1&apos; può contenere solo lettere, cifre e _ . / -</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be sent as a command word; data goes as JSON on stdin.</source>
        <translation>&apos;%1&apos; non può essere inviato come parola di comando; i dati viaggiano come JSON su stdin.</translation>
    </message>
    <message>
        <source>Cannot create an SSH session.</source>
        <translation>Impossibile creare una sessione SSH.</translation>
    </message>
    <message>
        <source>Cannot reach %1 port %2: %3</source>
        <translation>Impossibile raggiungere %1 sulla porta %2: %3</translation>
    </message>
    <message>
        <source>Cannot open an SSH channel: %1</source>
        <translation>Impossibile aprire un canale SSH: %1</translation>
    </message>
    <message>
        <source>The relay refused to run staffettactl: %1</source>
        <translation>Il relay ha rifiutato di eseguire staffettactl: %1</translation>
    </message>
    <message>
        <source>The connection was lost while sending the request: %1</source>
        <translation>La connessione si è interrotta durante l&apos;invio della richiesta: %1</translation>
    </message>
    <message>
        <source>The relay did not answer within %1 seconds.</source>
        <translation>Il relay non ha risposto entro %1 secondi.</translation>
    </message>
    <message>
        <source>The connection was lost while reading the answer: %1</source>
        <translation>La connessione si è interrotta durante la lettura della risposta: %1</translation>
    </message>
    <message>
        <source>The relay sent more than %1 on its output for one request; the console stopped reading.</source>
        <translation>Il relay ha inviato più di %1 in uscita per una sola richiesta; la console ha smesso di leggere.</translation>
    </message>
    <message>
        <source>The relay sent a line longer than %1; the console stopped reading.</source>
        <translation>Il relay ha inviato una riga più lunga di %1; la console ha smesso di leggere.</translation>
    </message>
    <message>
        <source>The relay sent more than %1 of error messages for one request; the console stopped reading.</source>
        <translation>Il relay ha inviato più di %1 di messaggi di errore per una sola richiesta; la console ha smesso di leggere.</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 byte</translation>
    </message>
    <message>
        <source>The request is %1 bytes; a relay accepts at most %2 bytes (1 MiB). Nothing was sent.</source>
        <translation>La richiesta è di %1 byte; un relay ne accetta al massimo %2 (1 MiB). Non è stato inviato nulla.</translation>
    </message>
    <message>
        <source>no SSH answer within %1 s</source>
        <translation>nessuna risposta SSH entro %1 s</translation>
    </message>
    <message>
        <source>The relay did not answer the login of %1 within %2 s.</source>
        <translation>Il relay non ha risposto all&apos;accesso di %1 entro %2 s.</translation>
    </message>
</context>
<context>
    <name>staffetta::api</name>
    <message>
        <source>The relay did not answer with JSON (exit status %1): %2</source>
        <translation>Il relay non ha risposto in JSON (stato di uscita %1): %2</translation>
    </message>
    <message>
        <source>The relay&apos;s answer is not a Staffetta API response.</source>
        <translation>La risposta del relay non è una risposta dell&apos;API Staffetta.</translation>
    </message>
    <message>
        <source>The relay&apos;s info answer lacks its API or Postfix version.</source>
        <translation>Nella risposta info del relay manca la versione dell&apos;API o di Postfix.</translation>
    </message>
    <message>
        <source>The relay&apos;s streamed answer is broken: %1 (%2 lines).</source>
        <translation>La risposta in streaming del relay è danneggiata: %1 (%2 righe).</translation>
    </message>
    <message>
        <source>items that are not JSON objects</source>
        <translation>elementi che non sono oggetti JSON</translation>
    </message>
    <message>
        <source>lines after the response</source>
        <translation>righe dopo la risposta</translation>
    </message>
    <message>
        <source>already on hold</source>
        <translation>già sospeso</translation>
    </message>
    <message>
        <source>not on hold</source>
        <translation>non sospeso</translation>
    </message>
    <message>
        <source>not deferred (only deferred mail is flushed)</source>
        <translation>non differito (si consegna subito solo la posta differita)</translation>
    </message>
    <message>
        <source>not in the queue</source>
        <translation>non in coda</translation>
    </message>
    <message>
        <source>left the queue before the action</source>
        <translation>ha lasciato la coda prima dell&apos;azione</translation>
    </message>
    <message>
        <source>staffettad is not running; the new policy will be used when it starts.</source>
        <translation>staffettad non è in esecuzione; la nuova policy sarà usata al suo avvio.</translation>
    </message>
    <message>
        <source>staffettad did not confirm the reload within 5 s; see its log.</source>
        <translation>staffettad non ha confermato il ricaricamento entro 5 s; vedi il suo log.</translation>
    </message>
    <message>
        <source>the content milter is not running: mail on the submission port is deferred until it starts, with the new policy.</source>
        <translation>il milter dei contenuti non è in esecuzione: la posta sulla porta di invio viene differita finché non si avvia con la nuova policy.</translation>
    </message>
    <message>
        <source>the content milter did not confirm the reload within 5 s; see its log.</source>
        <translation>il milter dei contenuti non ha confermato il ricaricamento entro 5 s; vedi il suo log.</translation>
    </message>
</context>
<context>
    <name>staffetta::client</name>
    <message>
        <source>acknowledge alerts</source>
        <translation>confermare la presa visione degli avvisi</translation>
    </message>
    <message>
        <source>see the relay&apos;s status</source>
        <translation>vedere lo stato del relay</translation>
    </message>
    <message>
        <source>read the policy, usage and audit</source>
        <translation>leggere la policy, l&apos;utilizzo e il registro attività</translation>
    </message>
    <message>
        <source>read the mail queue</source>
        <translation>leggere la coda di posta</translation>
    </message>
    <message>
        <source>read the bans and the whitelist</source>
        <translation>leggere i blocchi e la whitelist</translation>
    </message>
    <message>
        <source>see every account</source>
        <translation>vedere tutti gli account</translation>
    </message>
    <message>
        <source>change the policy</source>
        <translation>modificare la policy</translation>
    </message>
    <message>
        <source>change every account and the relay-wide settings</source>
        <translation>modificare tutti gli account e le impostazioni dell&apos;intero relay</translation>
    </message>
    <message>
        <source>unban addresses</source>
        <translation>rimuovere il blocco degli indirizzi</translation>
    </message>
    <message>
        <source>change the whitelist</source>
        <translation>modificare la whitelist</translation>
    </message>
    <message>
        <source>whitelist networks wider than /24 (IPv4) or /64 (IPv6)</source>
        <translation>mettere in whitelist reti più ampie di /24 (IPv4) o /64 (IPv6)</translation>
    </message>
    <message>
        <source>change the mail queue</source>
        <translation>modificare la coda di posta</translation>
    </message>
    <message>
        <source>You may change only your own accounts, not the relay-wide settings.</source>
        <translation>Puoi modificare solo i tuoi account, non le impostazioni dell&apos;intero relay.</translation>
    </message>
    <message>
        <source>You may change only your own accounts, not %1.</source>
        <translation>Puoi modificare solo i tuoi account, non %1.</translation>
    </message>
    <message>
        <source>You may not authorize %1 for %2: your sender domains are %3.</source>
        <translation>Non puoi autorizzare %1 per %2: i tuoi domini mittente sono %3.</translation>
    </message>
    <message>
        <source>You may not send the alerts of %1 to %2: your domains are %3; the relay&apos;s admin can set another address.</source>
        <translation>Non puoi inviare gli avvisi di %1 a %2: i tuoi domini sono %3; l&apos;amministratore del relay può impostare un altro indirizzo.</translation>
    </message>
    <message>
        <source>You may not archive the mail of %1 to %2: your domains are %3.</source>
        <translation>Non puoi archiviare la posta di %1 all&apos;indirizzo %2: i tuoi domini sono %3.</translation>
    </message>
    <message>
        <source>You may set %1 of %2 to at most %3, not %4.</source>
        <translation>Puoi impostare %1 di %2 al massimo a %3, non %4.</translation>
    </message>
    <message>
        <source>Your role (%1) may not %2 on this relay.</source>
        <translation>Il tuo ruolo (%1) non può %2 su questo relay.</translation>
    </message>
    <message>
        <source>Your role (%1) may not do this on this relay.</source>
        <translation>Il tuo ruolo (%1) non può farlo su questo relay.</translation>
    </message>
    <message>
        <source>The policy changed since revision %1 (it is now at revision %2); nothing was written.</source>
        <translation>La policy è cambiata dalla revisione %1 (ora è alla revisione %2); non è stato scritto nulla.</translation>
    </message>
    <message>
        <source>%1 is not banned in any jail.</source>
        <translation>%1 non è bloccato in nessuna jail.</translation>
    </message>
    <message>
        <source>%1 is not on the whitelist.</source>
        <translation>%1 non è nella whitelist.</translation>
    </message>
    <message>
        <source>Message %1 is no longer in the queue.</source>
        <translation>Il messaggio %1 non è più in coda.</translation>
    </message>
    <message>
        <source>The request is larger than the %1 bytes the relay accepts; nothing was done.</source>
        <translation>La richiesta supera i %1 byte che il relay accetta; non è stato fatto nulla.</translation>
    </message>
    <message>
        <source>The relay refused the policy: %1</source>
        <translation>Il relay ha rifiutato la policy: %1</translation>
    </message>
    <message>
        <source>%1 is not a valid pattern: %2</source>
        <translation>%1 non è un modello valido: %2</translation>
    </message>
    <message>
        <source>(%1 more)</source>
        <translation>(altri %1)</translation>
    </message>
    <message>
        <source>The relay does not know the command &apos;%1&apos; (is it an older version?).</source>
        <translation>Il relay non conosce il comando &apos;%1&apos; (è una versione precedente?).</translation>
    </message>
    <message>
        <source>wrong credentials</source>
        <translation>credenziali errate</translation>
    </message>
    <message>
        <source>AUTH without TLS</source>
        <translation>AUTH senza TLS</translation>
    </message>
    <message>
        <source>connection dropped during AUTH</source>
        <translation>connessione interrotta durante AUTH</translation>
    </message>
    <message>
        <source>unauthorized sender</source>
        <translation>mittente non autorizzato</translation>
    </message>
    <message numerus="yes">
        <source>%n failed login(s) — the customer&apos;s mail program probably has an old password.</source>
        <translation>
            <numerusform>%n accesso non riuscito — probabilmente il programma di posta del cliente ha una password vecchia.</numerusform>
            <numerusform>%n accessi non riusciti — probabilmente il programma di posta del cliente ha una password vecchia.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed login(s) as %1 — the customer&apos;s mail program probably has an old password.</source>
        <translation>
            <numerusform>%n accesso non riuscito come %1 — probabilmente il programma di posta del cliente ha una password vecchia.</numerusform>
            <numerusform>%n accessi non riusciti come %1 — probabilmente il programma di posta del cliente ha una password vecchia.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n login(s) tried without encryption — the customer&apos;s mail program must use STARTTLS (or SSL/TLS) for the outgoing server.</source>
        <translation>
            <numerusform>%n accesso tentato senza cifratura — il programma di posta del cliente deve usare STARTTLS (o SSL/TLS) per il server in uscita.</numerusform>
            <numerusform>%n accessi tentati senza cifratura — il programma di posta del cliente deve usare STARTTLS (o SSL/TLS) per il server in uscita.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) dropped in the middle of a login — a mail program that gives up, or someone trying passwords.</source>
        <translation>
            <numerusform>%n connessione interrotta durante l&apos;accesso — un programma di posta che rinuncia, o qualcuno che prova password.</numerusform>
            <numerusform>%n connessioni interrotte durante l&apos;accesso — un programma di posta che rinuncia, o qualcuno che prova password.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) from a sender address the account may not use — the customer&apos;s mail program sends as an address that is not theirs.</source>
        <translation>
            <numerusform>%n messaggio da un mittente che l&apos;account non può usare — il programma di posta del cliente invia con un indirizzo che non è suo.</numerusform>
            <numerusform>%n messaggi da un mittente che l&apos;account non può usare — il programma di posta del cliente invia con un indirizzo che non è suo.</numerusform>
        </translation>
    </message>
    <message>
        <source>The logs show no failure from this address.</source>
        <translation>I log non mostrano errori da questo indirizzo.</translation>
    </message>
    <message>
        <source>The logs show no failure from this address: the ban comes from older log lines or from another jail.</source>
        <translation>I log non mostrano errori da questo indirizzo: il blocco viene da righe di log più vecchie o da un&apos;altra jail.</translation>
    </message>
    <message>
        <source>Whitelisting lets a misconfigured mail program retry forever: fix its settings first, and whitelist only an address you know.</source>
        <translation>Con la whitelist un programma di posta configurato male può riprovare all&apos;infinito: correggi prima le sue impostazioni, e metti nella whitelist solo un indirizzo che conosci.</translation>
    </message>
    <message>
        <source>daily quota</source>
        <translation>quota giornaliera</translation>
    </message>
    <message>
        <source>recipients per message</source>
        <translation>destinatari per messaggio</translation>
    </message>
    <message>
        <source>message size limit</source>
        <translation>dimensione massima del messaggio</translation>
    </message>
    <message>
        <source>quota window</source>
        <translation>finestra della quota</translation>
    </message>
    <message>
        <source>hourly quota</source>
        <translation>quota oraria</translation>
    </message>
    <message>
        <source>daily quota per sender address</source>
        <translation>quota giornaliera per indirizzo mittente</translation>
    </message>
    <message>
        <source>trusted addresses</source>
        <translation>indirizzi fidati</translation>
    </message>
    <message>
        <source>language</source>
        <translation>lingua</translation>
    </message>
    <message>
        <source>attachment rule</source>
        <translation>regola degli allegati</translation>
    </message>
    <message>
        <source>allowed attachments</source>
        <translation>allegati consentiti</translation>
    </message>
    <message>
        <source>Italian attachment notice</source>
        <translation>avviso allegati in italiano</translation>
    </message>
    <message>
        <source>English attachment notice</source>
        <translation>avviso allegati in inglese</translation>
    </message>
    <message>
        <source>BCC archive</source>
        <translation>archivio BCC</translation>
    </message>
    <message>
        <source>abuse address</source>
        <translation>indirizzo abuse</translation>
    </message>
    <message>
        <source>alert recipients</source>
        <translation>destinatari degli avvisi</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>contatto</translation>
    </message>
    <message>
        <source>alert rule %1</source>
        <translation>regola di avviso %1</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>off</source>
        <translation>disattivato</translation>
    </message>
    <message>
        <source>allow-list</source>
        <translation>solo le estensioni consentite</translation>
    </message>
    <message>
        <source>the last 24 hours</source>
        <translation>le ultime 24 ore</translation>
    </message>
    <message>
        <source>the calendar day</source>
        <translation>il giorno solare</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italiano</translation>
    </message>
    <message>
        <source>English</source>
        <translation>inglese</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <source>copies to %1</source>
        <translation>copie a %1</translation>
    </message>
    <message>
        <source>copies to the relay&apos;s archive mailbox</source>
        <translation>copie alla casella d&apos;archivio del relay</translation>
    </message>
    <message>
        <source>copies to the archive mailbox %1</source>
        <translation>copie alla casella d&apos;archivio %1</translation>
    </message>
    <message>
        <source>%1 (reply: “%2”)</source>
        <translation>%1 (risposta: «%2»)</translation>
    </message>
    <message>
        <source>Local domain %1 removed</source>
        <translation>Dominio locale %1 rimosso</translation>
    </message>
    <message>
        <source>Local domain %1 added</source>
        <translation>Dominio locale %1 aggiunto</translation>
    </message>
    <message>
        <source>Test domain %1 removed</source>
        <translation>Dominio di prova %1 rimosso</translation>
    </message>
    <message numerus="yes">
        <source>Test domain %1 added, %n address(es)</source>
        <translation>
            <numerusform>Dominio di prova %1 aggiunto, %n indirizzo</numerusform>
            <numerusform>Dominio di prova %1 aggiunto, %n indirizzi</numerusform>
        </translation>
    </message>
    <message>
        <source>Test domain %1: addresses %2 → %3</source>
        <translation>Dominio di prova %1: indirizzi %2 → %3</translation>
    </message>
    <message>
        <source>Account %1 removed</source>
        <translation>Account %1 rimosso</translation>
    </message>
    <message>
        <source>New account %1</source>
        <translation>Nuovo account %1</translation>
    </message>
    <message>
        <source>%1 may no longer send as %2</source>
        <translation>%1 non può più inviare come %2</translation>
    </message>
    <message>
        <source>%1 may send as %2</source>
        <translation>%1 può inviare come %2</translation>
    </message>
    <message>
        <source>Every account</source>
        <translation>Tutti gli account</translation>
    </message>
    <message>
        <source>%1: sender %2 refused</source>
        <translation>%1: mittente %2 rifiutato</translation>
    </message>
    <message>
        <source>%1: sender %2 no longer refused</source>
        <translation>%1: mittente %2 non più rifiutato</translation>
    </message>
    <message>
        <source>%1: the reply to sender %2: “%3” → “%4”</source>
        <translation>%1: la risposta al mittente %2: «%3» → «%4»</translation>
    </message>
    <message>
        <source>Relay-wide %1: %2</source>
        <translation>Per tutto il relay, %1: %2</translation>
    </message>
    <message>
        <source>Relay-wide %1 removed (was %2)</source>
        <translation>Per tutto il relay, %1: valore rimosso (era %2)</translation>
    </message>
    <message>
        <source>Relay-wide %1: %2 → %3</source>
        <translation>Per tutto il relay, %1: %2 → %3</translation>
    </message>
    <message>
        <source>%1: resumed</source>
        <translation>%1: riattivato</translation>
    </message>
    <message>
        <source>%1: suspended by %2 (%3): %4</source>
        <translation>%1: sospeso da %2 (%3): %4</translation>
    </message>
    <message>
        <source>%1: %2 %3 (its own)</source>
        <translation>%1: %2 %3 (solo per questo account)</translation>
    </message>
    <message>
        <source>%1: %2 back to the relay&apos;s (was %3)</source>
        <translation>%1: %2 come da relay (era %3)</translation>
    </message>
    <message>
        <source>%1: %2 %3 → %4</source>
        <translation>%1: %2 %3 → %4</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>none, every attachment passes</source>
        <translation>nessuna, passa ogni allegato</translation>
    </message>
    <message>
        <source>blacklist cap</source>
        <translation>limite della blacklist</translation>
    </message>
    <message>
        <source>blacklist entries added for each account</source>
        <translation>voci di blacklist aggiunte per ogni account</translation>
    </message>
    <message>
        <source>blacklist cap of each account</source>
        <translation>limite della blacklist di ogni account</translation>
    </message>
    <message>
        <source>%1: %2 %3 (instead of the relay&apos;s %4)</source>
        <translation>%1: %2 %3 (al posto di %4 del relay)</translation>
    </message>
    <message>
        <source>%1: %2 back to the relay&apos;s %3 (was %4)</source>
        <translation>%1: %2 come da relay, %3 (era %4)</translation>
    </message>
    <message>
        <source>%1: %2 %3 (the relay&apos;s is off)</source>
        <translation>%1: %2 %3 (per il relay è disattivato)</translation>
    </message>
    <message>
        <source>check the relay&apos;s reputation</source>
        <translation>controllare la reputazione del relay</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>amministratore</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>partner</translation>
    </message>
    <message>
        <source>helpdesk</source>
        <translation>helpdesk</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>sola lettura</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>nessun ruolo</translation>
    </message>
</context>
<context>
    <name>staffetta::policy</name>
    <message>
        <source>is empty</source>
        <translation>è vuoto</translation>
    </message>
    <message>
        <source>is longer than %1 characters (an address is at most %1)</source>
        <translation>è più lungo di %1 caratteri (un indirizzo ne ha al massimo %1)</translation>
    </message>
    <message>
        <source>must contain exactly one @</source>
        <translation>deve contenere esattamente una @</translation>
    </message>
    <message>
        <source>has nothing before the @ (use * for any local part)</source>
        <translation>non ha nulla prima della @ (usa * per qualsiasi parte locale)</translation>
    </message>
    <message>
        <source>has no domain after the @</source>
        <translation>non ha un dominio dopo la @</translation>
    </message>
    <message>
        <source>would match every domain (its domain has no fixed character)</source>
        <translation>corrisponderebbe a ogni dominio (il suo dominio non ha caratteri fissi)</translation>
    </message>
    <message>
        <source>contains the control character %1</source>
        <translation>contiene il carattere di controllo %1</translation>
    </message>
    <message>
        <source>contains &apos;%1&apos;, which an address cannot contain</source>
        <translation>contiene &apos;%1&apos;, che un indirizzo non può contenere</translation>
    </message>
</context>
<context>
    <name>staffetta::probe</name>
    <message>
        <source>Cancelled.</source>
        <translation>Annullato.</translation>
    </message>
    <message>
        <source>STARTTLS offered; AUTH refused before STARTTLS; AUTH PLAIN or LOGIN after it; a certificate valid for more than 30 days</source>
        <translation>STARTTLS offerto; AUTH rifiutato prima di STARTTLS; AUTH PLAIN o LOGIN dopo; un certificato valido per più di 30 giorni</translation>
    </message>
    <message>
        <source>No banner: %1</source>
        <translation>Nessun messaggio di benvenuto: %1</translation>
    </message>
    <message>
        <source>EHLO refused: %1</source>
        <translation>EHLO rifiutato: %1</translation>
    </message>
    <message>
        <source>AUTH is offered before STARTTLS (%1).</source>
        <translation>AUTH è offerto prima di STARTTLS (%1).</translation>
    </message>
    <message>
        <source>AUTH is accepted before STARTTLS: passwords may travel in clear.</source>
        <translation>AUTH è accettato prima di STARTTLS: le password possono viaggiare in chiaro.</translation>
    </message>
    <message>
        <source>STARTTLS is not offered.</source>
        <translation>STARTTLS non è offerto.</translation>
    </message>
    <message>
        <source>STARTTLS failed: %1</source>
        <translation>STARTTLS non riuscito: %1</translation>
    </message>
    <message>
        <source>EHLO after STARTTLS refused: %1</source>
        <translation>EHLO dopo STARTTLS rifiutato: %1</translation>
    </message>
    <message>
        <source>The certificate has expired.</source>
        <translation>Il certificato è scaduto.</translation>
    </message>
    <message numerus="yes">
        <source>The certificate expires in %n days.</source>
        <translation>
            <numerusform>Il certificato scade tra %n giorno.</numerusform>
            <numerusform>Il certificato scade tra %n giorni.</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>Certificato: %1</translation>
    </message>
    <message>
        <source>certificate %1, issued by %2, expires %3, SHA-256 %4</source>
        <translation>certificato %1, emesso da %2, scade il %3, SHA-256 %4</translation>
    </message>
    <message>
        <source>AUTH %1</source>
        <translation>AUTH %1</translation>
    </message>
    <message>
        <source>Neither AUTH PLAIN nor LOGIN is offered after STARTTLS.</source>
        <translation>Dopo STARTTLS non è offerto né AUTH PLAIN né LOGIN.</translation>
    </message>
    <message>
        <source>Login refused: %1</source>
        <translation>Accesso rifiutato: %1</translation>
    </message>
    <message>
        <source>AUTH before STARTTLS refused: %1</source>
        <translation>AUTH prima di STARTTLS rifiutato: %1</translation>
    </message>
    <message>
        <source>AUTH before STARTTLS: %1</source>
        <translation>AUTH prima di STARTTLS: %1</translation>
    </message>
    <message>
        <source>%1 accepted</source>
        <translation>%1 accettato</translation>
    </message>
    <message>
        <source>No session: %1</source>
        <translation>Nessuna sessione: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Warning: three refused senders in a row get this desktop&apos;s IP address banned by the relay; a run tries one at most.</source>
        <translation>Attenzione: tre mittenti rifiutati di seguito fanno bloccare dal relay l&apos;indirizzo IP di questo computer; ogni esecuzione ne prova al massimo uno.</translation>
    </message>
    <message>
        <source>Unauthorized sender not tried: the account may send as %1.</source>
        <translation>Mittente non autorizzato non provato: l&apos;account può inviare come %1.</translation>
    </message>
    <message>
        <source>Unauthorized sender not tried: one was tried at %1, less than %2 minutes ago.</source>
        <translation>Mittente non autorizzato non provato: uno è stato provato alle %1, meno di %2 minuti fa.</translation>
    </message>
    <message>
        <source>; %1 refused with 553</source>
        <translation>; %1 rifiutato con 553</translation>
    </message>
    <message numerus="yes">
        <source>%n recipients, then 452 4.5.3</source>
        <translation>
            <numerusform>%n destinatario, poi 452 4.5.3</numerusform>
            <numerusform>%n destinatari, poi 452 4.5.3</numerusform>
        </translation>
    </message>
    <message>
        <source>452 4.5.3 after the account&apos;s limit</source>
        <translation>452 4.5.3 oltre il limite dell&apos;account</translation>
    </message>
    <message>
        <source>MAIL FROM refused: %1</source>
        <translation>MAIL FROM rifiutato: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n recipients accepted</source>
        <translation>
            <numerusform>%n destinatario accettato</numerusform>
            <numerusform>%n destinatari accettati</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accepted, then: %1</source>
        <translation>
            <numerusform>%n accettato, poi: %1</numerusform>
            <numerusform>%n accettati, poi: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>all %n test addresses accepted</source>
        <translation>
            <numerusform>%n indirizzo di prova accettato</numerusform>
            <numerusform>tutti i %n indirizzi di prova accettati</numerusform>
        </translation>
    </message>
    <message>
        <source>The relay allows %1 recipients, the account&apos;s policy says %2 (another limit of the relay, e.g. Postfix&apos;s smtpd_recipient_limit, comes first).</source>
        <translation>Il relay ammette %1 destinatari, la policy dell&apos;account ne indica %2 (un altro limite del relay, per esempio smtpd_recipient_limit di Postfix, interviene prima).</translation>
    </message>
    <message>
        <source>about %1 bytes accepted, more refused (SIZE %2)</source>
        <translation>circa %1 byte accettati, di più rifiutati (SIZE %2)</translation>
    </message>
    <message>
        <source>a size limit</source>
        <translation>un limite di dimensione</translation>
    </message>
    <message>
        <source>No limit known: the relay advertises none and the policy was not read.</source>
        <translation>Nessun limite noto: il relay non ne annuncia e la policy non è stata letta.</translation>
    </message>
    <message>
        <source>%1 bytes: %2</source>
        <translation>%1 byte: %2</translation>
    </message>
    <message>
        <source>largest accepted %1 bytes; %2 bytes refused: %3</source>
        <translation>massimo accettato: %1 byte; %2 byte rifiutati: %3</translation>
    </message>
    <message>
        <source>%1 bytes accepted: no limit found</source>
        <translation>%1 byte accettati: nessun limite trovato</translation>
    </message>
    <message>
        <source>(the policy was not read)</source>
        <translation>(la policy non è stata letta)</translation>
    </message>
    <message>
        <source>.%1 accepted, .zip refused with the relay&apos;s notice</source>
        <translation>.%1 accettato, .zip rifiutato con l&apos;avviso del relay</translation>
    </message>
    <message>
        <source>.%1 and .zip accepted (.zip is allowed)</source>
        <translation>.%1 e .zip accettati (.zip è consentito)</translation>
    </message>
    <message>
        <source>both accepted: no attachment rule is active</source>
        <translation>entrambi accettati: nessuna regola sugli allegati è attiva</translation>
    </message>
    <message>
        <source>.%1: %2; .zip: %3</source>
        <translation>.%1: %2; .zip: %3</translation>
    </message>
    <message>
        <source>No attachment rule is active: the .zip file was accepted.</source>
        <translation>Nessuna regola sugli allegati è attiva: il file .zip è stato accettato.</translation>
    </message>
    <message>
        <source>The relay&apos;s notice: %1</source>
        <translation>L&apos;avviso del relay: %1</translation>
    </message>
    <message>
        <source>delivered to the black hole, confirmed by the relay&apos;s message trace</source>
        <translation>consegnato al buco nero, confermato dalla traccia dei messaggi del relay</translation>
    </message>
    <message>
        <source>Not accepted: %1</source>
        <translation>Non accettato: %1</translation>
    </message>
    <message>
        <source>Accepted (%1); not confirmed: no relay connection.</source>
        <translation>Accettato (%1); non confermato: nessuna connessione al relay.</translation>
    </message>
    <message>
        <source>Accepted; the relay&apos;s trace failed: %1</source>
        <translation>Accettato; la traccia del relay non è riuscita: %1</translation>
    </message>
    <message>
        <source>Accepted, then %1.</source>
        <translation>Accettato, poi %1.</translation>
    </message>
    <message>
        <source>Delivered to %1 (%2) %3 s after submission, queue id %4</source>
        <translation>Consegnato a %1 (%2) %3 s dopo l&apos;invio, ID di coda %4</translation>
    </message>
    <message>
        <source>the black hole</source>
        <translation>il buco nero</translation>
    </message>
    <message>
        <source>Reading the relay&apos;s policy</source>
        <translation>Lettura della policy del relay</translation>
    </message>
    <message>
        <source>The relay did not answer: %1</source>
        <translation>Il relay non ha risposto: %1</translation>
    </message>
    <message>
        <source>The relay names no test domain (policy.json: test_domains): the probes send only to its test addresses.</source>
        <translation>Il relay non indica alcun dominio di prova (policy.json: test_domains): le prove inviano solo ai suoi indirizzi di prova.</translation>
    </message>
    <message>
        <source>The sender is not an e-mail address.</source>
        <translation>Il mittente non è un indirizzo e-mail.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullato</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fatto</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connessione</translation>
    </message>
    <message>
        <source>Authorized sender</source>
        <translation>Mittente autorizzato</translation>
    </message>
    <message>
        <source>Recipients per message</source>
        <translation>Destinatari per messaggio</translation>
    </message>
    <message>
        <source>Message size</source>
        <translation>Dimensione del messaggio</translation>
    </message>
    <message>
        <source>Attachment rules</source>
        <translation>Regole sugli allegati</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Consegna</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Superata</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Fallita</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Rilievo</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Saltata</translation>
    </message>
    <message>
        <source>Test delivery</source>
        <translation>Prova di consegna</translation>
    </message>
    <message>
        <source>Relay %1 port %2, account %3, sender %4; %5 to %6 (UTC)</source>
        <translation>Relay %1 porta %2, account %3, mittente %4; da %5 a %6 (UTC)</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Atteso</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Osservato</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Trascrizione</translation>
    </message>
    <message>
        <source>The test delivery&apos;s time limit of %1 s was reached.</source>
        <translation>È stato raggiunto il limite di tempo della prova di consegna (%1 s).</translation>
    </message>
    <message>
        <source>Accepted; not confirmed: %1</source>
        <translation>Accettato; non confermato: %1</translation>
    </message>
    <message>
        <source>The relay stopped answering: %1</source>
        <translation>Il relay ha smesso di rispondere: %1</translation>
    </message>
    <message>
        <source>Not run: %1</source>
        <translation>Non eseguita: %1</translation>
    </message>
</context>
<context>
    <name>staffetta::smtp</name>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Il server non ha risposto in tempo.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annullato.</translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation>La connessione è stata chiusa.</translation>
    </message>
    <message>
        <source>The TLS handshake failed.</source>
        <translation>La negoziazione TLS non è riuscita.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not an SMTP reply.</source>
        <translation>La risposta del server non è una risposta SMTP.</translation>
    </message>
    <message>
        <source>The server sent a line longer than 4 KB.</source>
        <translation>Il server ha inviato una riga più lunga di 4 KB.</translation>
    </message>
    <message>
        <source>The server&apos;s reply has too many lines.</source>
        <translation>La risposta del server ha troppe righe.</translation>
    </message>
    <message>
        <source>Cannot use the local address %1: %2</source>
        <translation>Impossibile usare l&apos;indirizzo locale %1: %2</translation>
    </message>
    <message>
        <source>Connecting to %1 port %2</source>
        <translation>Connessione a %1 sulla porta %2</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Connessione non riuscita: %1</translation>
    </message>
    <message>
        <source>The TLS handshake failed: %1</source>
        <translation>La negoziazione TLS non è riuscita: %1</translation>
    </message>
    <message>
        <source>TLS: %1, %2; certificate %3, issued by %4, expires %5</source>
        <translation>TLS: %1, %2; certificato %3, emesso da %4, scade il %5</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>nome utente</translation>
    </message>
    <message>
        <source>password</source>
        <translation>password</translation>
    </message>
    <message numerus="yes">
        <source>&lt;message, %n bytes&gt;</source>
        <translation>
            <numerusform>&lt;messaggio, %n byte&gt;</numerusform>
            <numerusform>&lt;messaggio, %n byte&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>The test delivery&apos;s time limit was reached.</source>
        <translation>È stato raggiunto il limite di tempo della prova di consegna.</translation>
    </message>
    <message>
        <source>The server did not answer within %1 s.</source>
        <translation>Il server non ha risposto entro %1 s.</translation>
    </message>
    <message>
        <source>No connection within %1 s.</source>
        <translation>Nessuna connessione entro %1 s.</translation>
    </message>
    <message>
        <source>The TLS handshake did not end within %1 s.</source>
        <translation>La negoziazione TLS non si è conclusa entro %1 s.</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AccountLimitsModel</name>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (predefinito)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 su %2</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Daily quota</source>
        <translation>Quota giornaliera</translation>
    </message>
    <message>
        <source>Recipients per message</source>
        <translation>Destinatari per messaggio</translation>
    </message>
    <message>
        <source>Used today</source>
        <translation>Usati oggi</translation>
    </message>
    <message>
        <source>Change a limit of %1</source>
        <translation>Modifica un limite di %1</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 byte</translation>
    </message>
    <message>
        <source>Max message size</source>
        <translation>Dimensione massima</translation>
    </message>
    <message>
        <source>off</source>
        <translation>disattivato</translation>
    </message>
    <message>
        <source>Per hour</source>
        <translation>All&apos;ora</translation>
    </message>
    <message>
        <source>Per sender per day</source>
        <translation>Per mittente al giorno</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <source>Client addresses or networks that relay for this account without authenticating, on the relay&apos;s trusted port (one account per address).</source>
        <translation>Indirizzi o reti dei client che inoltrano posta per questo account senza autenticarsi, sulla porta fidata del relay (un solo account per indirizzo).</translation>
    </message>
    <message>
        <source>Trusted addresses (no AUTH)</source>
        <translation>Indirizzi fidati (senza AUTH)</translation>
    </message>
    <message>
        <source>Change the trusted addresses of %1</source>
        <translation>Modifica gli indirizzi fidati di %1</translation>
    </message>
    <message>
        <source>This hour: %1 of %2</source>
        <translation>In quest&apos;ora: %1 su %2</translation>
    </message>
    <message>
        <source>No sender has sent today</source>
        <translation>Oggi nessun mittente ha inviato</translation>
    </message>
    <message>
        <source>Busiest sender today: %1, %2 of %3</source>
        <translation>Mittente più attivo oggi: %1, %2 su %3</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AccountsModel</name>
    <message numerus="yes">
        <source>%n sender(s)</source>
        <translation>
            <numerusform>%n mittente</numerusform>
            <numerusform>%n mittenti</numerusform>
        </translation>
    </message>
    <message>
        <source>checked by the mail server</source>
        <translation>verificata dal server di posta</translation>
    </message>
    <message>
        <source>set</source>
        <translation>impostata</translation>
    </message>
    <message>
        <source>none: cannot log in</source>
        <translation>nessuna: non può autenticarsi</translation>
    </message>
    <message>
        <source>Suspended: %1</source>
        <translation>Sospeso: %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Attivo</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Authorized senders</source>
        <translation>Mittenti autorizzati</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AccountsView</name>
    <message>
        <source>Add an account</source>
        <translation>Aggiungi un account</translation>
    </message>
    <message>
        <source>The login is the one the customer&apos;s mail program uses. A password is generated and shown once.</source>
        <translation>Il login è quello che usa il programma di posta del cliente. Viene generata una password, mostrata una sola volta.</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Login:</translation>
    </message>
    <message>
        <source>Authorized senders:</source>
        <translation>Mittenti autorizzati:</translation>
    </message>
    <message>
        <source>addresses or patterns, separated by spaces or commas</source>
        <translation>indirizzi o modelli, separati da spazi o virgole</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nuova password</translation>
    </message>
    <message>
        <source>Generate a new password for %1? The old one stops working at once: every mail program of the customer must be given the new one.</source>
        <translation>Generare una nuova password per %1? La vecchia smette subito di funzionare: va data la nuova a ogni programma di posta del cliente.</translation>
    </message>
    <message>
        <source>Suspend %1</source>
        <translation>Sospendi %1</translation>
    </message>
    <message>
        <source>Its logins still succeed, but every message is refused (550) with the reply below, and its queued mail is held until it is resumed. Its contact is told by e-mail.</source>
        <translation>L&apos;autenticazione riesce ancora, ma ogni messaggio viene rifiutato (550) con la risposta qui sotto e la posta in coda viene sospesa fino alla riattivazione. Il contatto dell&apos;account viene avvisato per e-mail.</translation>
    </message>
    <message>
        <source>Reason (audited, mailed to the contact):</source>
        <translation>Motivo (registrato e inviato al contatto):</translation>
    </message>
    <message>
        <source>Reply to the mail program:</source>
        <translation>Risposta al programma di posta:</translation>
    </message>
    <message>
        <source>default: Account suspended for suspected abuse: contact support</source>
        <translation>predefinita: Account sospeso per sospetto abuso: contattare l&apos;assistenza</translation>
    </message>
    <message>
        <source>Resume %1</source>
        <translation>Riattiva %1</translation>
    </message>
    <message>
        <source>Its mail is accepted again and its held messages are delivered.</source>
        <translation>La sua posta torna a essere accettata e i messaggi sospesi vengono consegnati.</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Rimuovi account</translation>
    </message>
    <message>
        <source>Remove %1? Its password and its policy (senders, limits, rules) are removed; its mail programs can no longer send.</source>
        <translation>Rimuovere %1? La password e la policy (mittenti, limiti, regole) vengono rimosse; i suoi programmi di posta non potranno più inviare.</translation>
    </message>
    <message>
        <source>This relay does not let you see its accounts.</source>
        <translation>Questo relay non ti permette di vedere i suoi account.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <source>Account %1 added.</source>
        <translation>Account %1 aggiunto.</translation>
    </message>
    <message>
        <source>New password of %1 set.</source>
        <translation>Nuova password di %1 impostata.</translation>
    </message>
    <message>
        <source>Account %1 removed.</source>
        <translation>Account %1 rimosso.</translation>
    </message>
    <message numerus="yes">
        <source>%1 suspended: %n queued message(s) on hold.</source>
        <translation>
            <numerusform>%1 sospeso: %n messaggio in coda messo in sospeso.</numerusform>
            <numerusform>%1 sospeso: %n messaggi in coda messi in sospeso.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 resumed: %n held message(s) released.</source>
        <translation>
            <numerusform>%1 riattivato: %n messaggio sospeso rilasciato.</numerusform>
            <numerusform>%1 riattivato: %n messaggi sospesi rilasciati.</numerusform>
        </translation>
    </message>
    <message>
        <source>Told %1.</source>
        <translation>Avviso inviato a %1.</translation>
    </message>
    <message>
        <source>Nobody was told: %1</source>
        <translation>Nessuno è stato avvisato: %1</translation>
    </message>
    <message>
        <source>The queue was not fully changed: %1</source>
        <translation>La coda non è stata modificata del tutto: %1</translation>
    </message>
    <message>
        <source>Password of %1</source>
        <translation>Password di %1</translation>
    </message>
    <message>
        <source>The password of %1, shown only now: copy it for the customer. The relay keeps only its hash.</source>
        <translation>La password di %1, mostrata solo ora: copiala per il cliente. Il relay ne conserva solo l&apos;hash.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copia</translation>
    </message>
    <message>
        <source>This relay does not let you change accounts.</source>
        <translation>Questo relay non ti permette di modificare gli account.</translation>
    </message>
    <message>
        <source>Accounts of this relay</source>
        <translation>Account di questo relay</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Aggiungi…</translation>
    </message>
    <message>
        <source>New password…</source>
        <translation>Nuova password…</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>Sospendi…</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>Riattiva…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Rimuovi…</translation>
    </message>
    <message>
        <source>Delete held mail</source>
        <translation>Elimina la posta sospesa</translation>
    </message>
    <message>
        <source>Delete the selected held messages of %1 (all of them when none is selected)? They are not delivered and cannot be recovered.</source>
        <translation>Eliminare i messaggi sospesi selezionati di %1 (tutti, se nessuno è selezionato)? Non vengono consegnati e non si possono recuperare.</translation>
    </message>
    <message>
        <source>Queue id</source>
        <translation>ID di coda</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Arrivato</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Mittente</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatari</translation>
    </message>
    <message>
        <source>Mail on hold</source>
        <translation>Posta sospesa</translation>
    </message>
    <message>
        <source>Mail of %1 on hold</source>
        <translation>Posta di %1 sospesa</translation>
    </message>
    <message numerus="yes">
        <source>Mail of %1 on hold: %n message(s)</source>
        <translation>
            <numerusform>Posta di %1 sospesa: %n messaggio</numerusform>
            <numerusform>Posta di %1 sospesa: %n messaggi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n held message(s) released.</source>
        <translation>
            <numerusform>%n messaggio sospeso rilasciato.</numerusform>
            <numerusform>%n messaggi sospesi rilasciati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n held message(s) deleted.</source>
        <translation>
            <numerusform>%n messaggio sospeso eliminato.</numerusform>
            <numerusform>%n messaggi sospesi eliminati.</numerusform>
        </translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Rilascia</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Elimina…</translation>
    </message>
    <message>
        <source>Limits and trusted addresses…</source>
        <translation>Limiti e indirizzi fidati…</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ActivityView</name>
    <message>
        <source>Accepted (external)</source>
        <translation>Accettati (esterni)</translation>
    </message>
    <message>
        <source>Accepted (local)</source>
        <translation>Accettati (locali)</translation>
    </message>
    <message>
        <source>Refused: quota</source>
        <translation>Rifiutati: quota</translation>
    </message>
    <message>
        <source>Refused: sender</source>
        <translation>Rifiutati: mittente</translation>
    </message>
    <message>
        <source>Refused: blacklist</source>
        <translation>Rifiutati: blacklist</translation>
    </message>
    <message>
        <source>Refused: recipients</source>
        <translation>Rifiutati: destinatari</translation>
    </message>
    <message>
        <source>Refused: size</source>
        <translation>Rifiutati: dimensione</translation>
    </message>
    <message>
        <source>Refused: attachment</source>
        <translation>Rifiutati: allegato</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Consegnati</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Differiti</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>Respinti</translation>
    </message>
    <message>
        <source>This relay does not let you see its activity.</source>
        <translation>Questo relay non ti permette di vederne l&apos;attività.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n account</numerusform>
            <numerusform>%n account</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Caricamento di %1…</translation>
    </message>
    <message>
        <source>No activity of %1 on this relay.</source>
        <translation>Nessuna attività di %1 su questo relay.</translation>
    </message>
    <message>
        <source>%1: %2 accepted, %3 refused, %4 delivered, %5 deferred, %6 bounced</source>
        <translation>%1: %2 accettati, %3 rifiutati, %4 consegnati, %5 differiti, %6 respinti</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Last:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>Bars per:</source>
        <translation>Una barra per:</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 giorno</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 giorni</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 giorni</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 giorni</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>ora</translation>
    </message>
    <message>
        <source>day</source>
        <translation>giorno</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Top senders of the relay (double-click: its charts)</source>
        <translation>Chi invia di più dal relay (doppio clic: i suoi grafici)</translation>
    </message>
    <message>
        <source>Accepted and refused (click a bar: its trace)</source>
        <translation>Accettati e rifiutati (clic su una barra: la sua traccia)</translation>
    </message>
    <message>
        <source>Delivery attempts</source>
        <translation>Tentativi di consegna</translation>
    </message>
    <message>
        <source>Daily quota</source>
        <translation>Quota giornaliera</translation>
    </message>
    <message>
        <source>account</source>
        <translation>account</translation>
    </message>
    <message>
        <source>recipients</source>
        <translation>destinatari</translation>
    </message>
    <message>
        <source>attempts</source>
        <translation>tentativi</translation>
    </message>
    <message>
        <source>Refused: account suspended</source>
        <translation>Rifiutati: account sospeso</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nulla</translation>
    </message>
    <message numerus="yes">
        <source>(each series&apos; highest hour of these %n)</source>
        <translation>
            <numerusform>(per ogni serie, l&apos;ora più alta di queste %n)</numerusform>
            <numerusform>(per ogni serie, l&apos;ora più alta di queste %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Accepted and refused, the daily quota dashed (click a bar: its trace)</source>
        <translation>Accettati e rifiutati, la quota giornaliera tratteggiata (clic su una barra: la sua traccia)</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AlertsModel</name>
    <message>
        <source>Daily quota reached</source>
        <translation>Quota giornaliera raggiunta</translation>
    </message>
    <message>
        <source>Hourly rate over the usual</source>
        <translation>Invii orari oltre il solito</translation>
    </message>
    <message>
        <source>Too many bounces</source>
        <translation>Troppi messaggi respinti</translation>
    </message>
    <message>
        <source>Unauthorized senders refused</source>
        <translation>Mittenti non autorizzati rifiutati</translation>
    </message>
    <message>
        <source>Logins from too many addresses</source>
        <translation>Accessi da troppi indirizzi</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) today</source>
        <translation>
            <numerusform>%n messaggio oggi</numerusform>
            <numerusform>%n messaggi oggi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) in the hour</source>
        <translation>
            <numerusform>%n messaggio nell&apos;ora</numerusform>
            <numerusform>%n messaggi nell&apos;ora</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 % bounced</source>
        <translation>%1 % respinti</translation>
    </message>
    <message numerus="yes">
        <source>%n refusal(s) in the hour</source>
        <translation>
            <numerusform>%n rifiuto nell&apos;ora</numerusform>
            <numerusform>%n rifiuti nell&apos;ora</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client address(es) in the hour</source>
        <translation>
            <numerusform>%n indirizzo client nell&apos;ora</numerusform>
            <numerusform>%n indirizzi client nell&apos;ora</numerusform>
        </translation>
    </message>
    <message>
        <source>quota %1</source>
        <translation>quota %1</translation>
    </message>
    <message>
        <source>over %1 (14-day hourly baseline %2)</source>
        <translation>oltre %1 (media oraria degli ultimi 14 giorni: %2)</translation>
    </message>
    <message numerus="yes">
        <source>over %1 % of the last %n deliveries</source>
        <translation>
            <numerusform>oltre il %1 % dell&apos;ultima consegna</numerusform>
            <numerusform>oltre il %1 % delle ultime %n consegne</numerusform>
        </translation>
    </message>
    <message>
        <source>over %1</source>
        <translation>oltre %1</translation>
    </message>
    <message>
        <source>acknowledged by %1</source>
        <translation>presa visione: %1</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nuovo</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regola</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Segnalato il</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Rilevato</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Soglia</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Listed on a DNS blacklist</source>
        <translation>In una blacklist DNS</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>no removal page</source>
        <translation>nessuna pagina di rimozione</translation>
    </message>
    <message>
        <source>removal: %1</source>
        <translation>rimozione: %1</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AlertsView</name>
    <message>
        <source>Acknowledge the alert</source>
        <translation>Conferma la presa visione dell&apos;avviso</translation>
    </message>
    <message>
        <source>%1 of %2. What was found, for your colleagues (e.g. the ticket, or &quot;a newsletter, expected&quot;):</source>
        <translation>%1 di %2. Cosa è emerso, per i colleghi (ad es. il ticket, oppure &quot;una newsletter, prevista&quot;):</translation>
    </message>
    <message>
        <source>This relay does not let you see its alerts.</source>
        <translation>Questo relay non ti permette di vederne gli avvisi.</translation>
    </message>
    <message>
        <source>This relay keeps no history (its event index is not set up).</source>
        <translation>Questo relay non conserva lo storico (l&apos;indice degli eventi non è configurato).</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message numerus="yes">
        <source>%n not acknowledged</source>
        <translation>
            <numerusform>%n senza presa visione</numerusform>
            <numerusform>%n senza presa visione</numerusform>
        </translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation>Presa visione confermata.</translation>
    </message>
    <message>
        <source>This relay does not let you acknowledge alerts.</source>
        <translation>Questo relay non ti permette di confermare la presa visione degli avvisi.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Window: %1 to %2</source>
        <translation>Periodo: da %1 a %2</translation>
    </message>
    <message>
        <source>Observed: %1, %2</source>
        <translation>Rilevato: %1, %2</translation>
    </message>
    <message>
        <source>Sample messages: %1</source>
        <translation>Messaggi di esempio: %1</translation>
    </message>
    <message>
        <source>Other evidence: %1</source>
        <translation>Altri indizi: %1</translation>
    </message>
    <message>
        <source>Mailed to: %1</source>
        <translation>Segnalazione inviata a: %1</translation>
    </message>
    <message>
        <source>The warning could not be mailed: %1</source>
        <translation>Non è stato possibile inviare la segnalazione: %1</translation>
    </message>
    <message>
        <source>Nobody was mailed (no contact or abuse address).</source>
        <translation>Nessuna segnalazione inviata (manca un contatto o un indirizzo abuse).</translation>
    </message>
    <message>
        <source>Acknowledged by %1 on %2</source>
        <translation>Presa visione di %1 il %2</translation>
    </message>
    <message>
        <source>Comment: %1</source>
        <translation>Commento: %1</translation>
    </message>
    <message>
        <source>Alerts of abnormal sending</source>
        <translation>Avvisi di invii anomali</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Acknowledge…</source>
        <translation>Conferma presa visione…</translation>
    </message>
    <message>
        <source>Show activity</source>
        <translation>Mostra attività</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AuditModel</name>
    <message>
        <source>done</source>
        <translation>eseguito</translation>
    </message>
    <message>
        <source>refused: someone else changed it first</source>
        <translation>rifiutato: qualcun altro l&apos;aveva già cambiata</translation>
    </message>
    <message>
        <source>refused: not allowed</source>
        <translation>rifiutato: non consentito</translation>
    </message>
    <message>
        <source>refused: invalid policy</source>
        <translation>rifiutato: policy non valida</translation>
    </message>
    <message>
        <source>refused: bad request</source>
        <translation>rifiutato: richiesta non valida</translation>
    </message>
    <message>
        <source>refused: not found</source>
        <translation>rifiutato: non trovato</translation>
    </message>
    <message>
        <source>refused: request too large</source>
        <translation>rifiutato: richiesta troppo grande</translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation>non riuscito (%1)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Chi</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>Verb</source>
        <translation>Comando</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revisione</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Cosa</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AuditView</name>
    <message>
        <source>This relay does not let you see its audit log.</source>
        <translation>Questo relay non ti permette di vedere il suo registro attività.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <source>Every verb</source>
        <translation>Tutti i comandi</translation>
    </message>
    <message>
        <source>Every outcome</source>
        <translation>Tutti gli esiti</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Eseguiti</translation>
    </message>
    <message>
        <source>Refused or failed</source>
        <translation>Rifiutati o non riusciti</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Sempre</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Ultime 24 ore</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Ultimi 7 giorni</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Ultimi 30 giorni</translation>
    </message>
    <message>
        <source>Select an entry to see what it changed.</source>
        <translation>Seleziona una voce per vedere cosa ha cambiato.</translation>
    </message>
    <message>
        <source>%1 by %2, %3: %4</source>
        <translation>%1 di %2, %3: %4</translation>
    </message>
    <message>
        <source>(revision %1)</source>
        <translation>(revisione %1)</translation>
    </message>
    <message>
        <source>Every write on the relay, and every refused one, newest first</source>
        <translation>Ogni modifica sul relay, e ogni modifica rifiutata, dalla più recente</translation>
    </message>
    <message>
        <source>Who (user name)</source>
        <translation>Chi (nome utente)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) shown, of %1 read</source>
        <translation>
            <numerusform>%n voce mostrata su %1 lette</numerusform>
            <numerusform>%n voci mostrate su %1 lette</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::BansModel</name>
    <message>
        <source>permanent</source>
        <translation>permanente</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>(no log lines found)</source>
        <translation>(nessuna riga di log trovata)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Jail</source>
        <translation>Jail</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Banned since</source>
        <translation>Bloccato dal</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Rimanente</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::BansView</name>
    <message>
        <source>Whitelist %1</source>
        <translation>Metti %1 nella whitelist</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message numerus="yes">
        <source>%n banned</source>
        <translation>
            <numerusform>%n bloccato</numerusform>
            <numerusform>%n bloccati</numerusform>
        </translation>
    </message>
    <message>
        <source>Why %1 is banned: %2</source>
        <translation>Perché %1 è bloccato: %2</translation>
    </message>
    <message>
        <source>no failure found in the logs</source>
        <translation>nessun errore trovato nei log</translation>
    </message>
    <message>
        <source>%1 unbanned (%2).</source>
        <translation>Blocco di %1 rimosso (%2).</translation>
    </message>
    <message>
        <source>%1 is on the whitelist.</source>
        <translation>%1 è nella whitelist.</translation>
    </message>
    <message>
        <source>%1 is no longer on the whitelist.</source>
        <translation>%1 non è più nella whitelist.</translation>
    </message>
    <message>
        <source>Banned addresses</source>
        <translation>Indirizzi bloccati</translation>
    </message>
    <message>
        <source>Whitelist (never banned)</source>
        <translation>Whitelist (mai bloccati)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Unban</source>
        <translation>Rimuovi il blocco</translation>
    </message>
    <message>
        <source>Whitelist…</source>
        <translation>Metti nella whitelist…</translation>
    </message>
    <message>
        <source>This relay does not let you unban addresses.</source>
        <translation>Questo relay non ti permette di rimuovere il blocco degli indirizzi.</translation>
    </message>
    <message>
        <source>This relay does not let you change its whitelist.</source>
        <translation>Questo relay non ti permette di modificare la sua whitelist.</translation>
    </message>
    <message>
        <source>This relay does not let you see its bans.</source>
        <translation>Questo relay non ti permette di vedere i suoi blocchi.</translation>
    </message>
    <message>
        <source>Type an IP address (192.0.2.7) or a network (192.0.2.0/24).</source>
        <translation>Scrivi un indirizzo IP (192.0.2.7) o una rete (192.0.2.0/24).</translation>
    </message>
    <message>
        <source>“%1” is not an IP address or a network: type one such as 192.0.2.7 or 192.0.2.0/24.</source>
        <translation>«%1» non è un indirizzo IP né una rete: scrivine uno come 192.0.2.7 o 192.0.2.0/24.</translation>
    </message>
    <message>
        <source>%1 is wider than /24 (IPv4) or /64 (IPv6): this relay does not let you whitelist such a network.</source>
        <translation>%1 è più ampia di /24 (IPv4) o /64 (IPv6): questo relay non ti permette di mettere nella whitelist una rete così.</translation>
    </message>
    <message>
        <source>Add to the whitelist</source>
        <translation>Aggiungi alla whitelist</translation>
    </message>
    <message>
        <source>192.0.2.7 or 192.0.2.0/24</source>
        <translation>192.0.2.7 o 192.0.2.0/24</translation>
    </message>
    <message>
        <source>the customer and the ticket, e.g. Rossi srl, #4711</source>
        <translation>il cliente e il ticket, ad es. Rossi srl, #4711</translation>
    </message>
    <message>
        <source>A whitelisted address is never banned on this relay (a ban in force is lifted).</source>
        <translation>Un indirizzo nella whitelist non viene mai bloccato su questo relay (un blocco in corso viene rimosso).</translation>
    </message>
    <message>
        <source>Whitelist</source>
        <translation>Metti nella whitelist</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Indirizzo:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <source>%1 is not banned any more.</source>
        <translation>%1 non è più bloccato.</translation>
    </message>
    <message>
        <source>Whitelist any address or network, banned or not.</source>
        <translation>Metti nella whitelist qualsiasi indirizzo o rete, bloccato o no.</translation>
    </message>
    <message>
        <source>Reading the log lines…</source>
        <translation>Lettura delle righe di log…</translation>
    </message>
    <message>
        <source>%1 is not banned.</source>
        <translation>%1 non è bloccato.</translation>
    </message>
    <message>
        <source>Why %1 is banned:</source>
        <translation>Perché %1 è bloccato:</translation>
    </message>
    <message>
        <source>On the whitelist since %1 (%2): %3</source>
        <translation>Nella whitelist dal %1 (%2): %3</translation>
    </message>
    <message>
        <source>What the logs say:</source>
        <translation>Cosa dicono i log:</translation>
    </message>
    <message>
        <source>Remove from the whitelist</source>
        <translation>Rimuovi dalla whitelist</translation>
    </message>
    <message>
        <source>Remove %1 from the whitelist? It can be banned again after failed logins, like any other address.</source>
        <translation>Rimuovere %1 dalla whitelist? Potrà essere bloccato di nuovo dopo accessi non riusciti, come qualsiasi altro indirizzo.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Togli</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Lascialo</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Aggiungi…</translation>
    </message>
    <message>
        <source>Remove from whitelist…</source>
        <translation>Rimuovi dalla whitelist…</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ContentScopesModel</name>
    <message>
        <source>Relay defaults</source>
        <translation>Valori predefiniti del relay</translation>
    </message>
    <message>
        <source>%1 (relay)</source>
        <translation>%1 (relay)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Allegati</translation>
    </message>
    <message>
        <source>BCC archive</source>
        <translation>Archivio in copia nascosta (BCC)</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ContentView</name>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>The relay&apos;s refusals are written in:</source>
        <translation>I rifiuti del relay sono scritti in:</translation>
    </message>
    <message>
        <source>Dangerous attachments</source>
        <translation>Allegati pericolosi</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>Regola:</translation>
    </message>
    <message>
        <source>This account has its own list of allowed extensions</source>
        <translation>Questo account ha un proprio elenco di estensioni consentite</translation>
    </message>
    <message>
        <source>Extension to allow, e.g. docx</source>
        <translation>Estensione da consentire, ad es. docx</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Consenti</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>Notice of the refusal</source>
        <translation>Avviso di rifiuto</translation>
    </message>
    <message>
        <source>Italian:</source>
        <translation>Italiano:</translation>
    </message>
    <message>
        <source>English:</source>
        <translation>Inglese:</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Anteprima:</translation>
    </message>
    <message>
        <source>Use this wording</source>
        <translation>Usa questo testo</translation>
    </message>
    <message>
        <source>Default wording</source>
        <translation>Testo predefinito</translation>
    </message>
    <message>
        <source>BCC archive</source>
        <translation>Archivio in copia nascosta (BCC)</translation>
    </message>
    <message>
        <source>Copy of every accepted message:</source>
        <translation>Copia di ogni messaggio accettato:</translation>
    </message>
    <message>
        <source>Policy not loaded</source>
        <translation>Policy non caricata</translation>
    </message>
    <message>
        <source>Relay defaults: every account without a value of its own follows them</source>
        <translation>Valori predefiniti del relay: li segue ogni account che non ha un valore proprio</translation>
    </message>
    <message>
        <source>Relay defaults (read-only for your role)</source>
        <translation>Valori predefiniti del relay (sola lettura per il tuo ruolo)</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
    <message>
        <source>Account %1 (read-only for your role)</source>
        <translation>Account %1 (sola lettura per il tuo ruolo)</translation>
    </message>
    <message>
        <source>The notice is the relay&apos;s; this account&apos;s customers read it in %1.</source>
        <translation>L&apos;avviso è quello del relay; i clienti di questo account lo leggono in %1.</translation>
    </message>
    <message>
        <source>What a sender reads when an attachment is refused (554 5.7.1): each line is a line of the reply, {filename} is the attachment&apos;s name. Plain ASCII: write e&apos; for è.</source>
        <translation>Ciò che legge il mittente quando un allegato viene rifiutato (554 5.7.1): ogni riga è una riga della risposta, {filename} è il nome dell&apos;allegato. Solo ASCII: scrivi e&apos; per è.</translation>
    </message>
    <message>
        <source>A notice is 1 to 10 lines of at most 200 characters, in plain ASCII (write e&apos; for è).</source>
        <translation>Un avviso è di 1-10 righe di al massimo 200 caratteri, solo ASCII (scrivi e&apos; per è).</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Indirizzo:</translation>
    </message>
    <message>
        <source>Archive mailbox:</source>
        <translation>Casella d&apos;archivio:</translation>
    </message>
    <message>
        <source>archive@example.com</source>
        <translation>archivio@example.com</translation>
    </message>
    <message>
        <source>Mailbox name on the relay, e.g. archivio</source>
        <translation>Nome della casella sul relay, per es. archivio</translation>
    </message>
    <message>
        <source>The copies go to this address; how long they are kept is up to that mailbox. Copies never count against the quota.</source>
        <translation>Le copie vanno a questo indirizzo; per quanto tempo sono conservate dipende da quella casella. Le copie non contano mai nella quota.</translation>
    </message>
    <message>
        <source>No copies are made.</source>
        <translation>Non viene fatta alcuna copia.</translation>
    </message>
    <message>
        <source>Change the language of the refusals</source>
        <translation>Cambia la lingua dei rifiuti</translation>
    </message>
    <message>
        <source>Change the attachment rule</source>
        <translation>Cambia la regola sugli allegati</translation>
    </message>
    <message>
        <source>Give %1 its own allowed extensions</source>
        <translation>Dai a %1 un proprio elenco di estensioni consentite</translation>
    </message>
    <message>
        <source>%1 follows the relay&apos;s allowed extensions</source>
        <translation>Per %1 valgono le estensioni consentite del relay</translation>
    </message>
    <message>
        <source>Allow .%1</source>
        <translation>Consenti .%1</translation>
    </message>
    <message>
        <source>Remove .%1</source>
        <translation>Rimuovi .%1</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n extension(s)</source>
        <translation>
            <numerusform>Rimuovi %n estensione</numerusform>
            <numerusform>Rimuovi %n estensioni</numerusform>
        </translation>
    </message>
    <message>
        <source>Change the notice of the refusal</source>
        <translation>Cambia l&apos;avviso di rifiuto</translation>
    </message>
    <message>
        <source>Type the name of the archive mailbox.</source>
        <translation>Scrivi il nome della casella d&apos;archivio.</translation>
    </message>
    <message>
        <source>Type the address the copies go to.</source>
        <translation>Scrivi l&apos;indirizzo a cui vanno le copie.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a mailbox name: 1 to 64 lower-case letters, digits, dots, dashes or underscores.</source>
        <translation>&quot;%1&quot; non è un nome di casella: da 1 a 64 lettere minuscole, cifre, punti, trattini o trattini bassi.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address: write name@domain.</source>
        <translation>&quot;%1&quot; non è un indirizzo e-mail: scrivi nome@dominio.</translation>
    </message>
    <message>
        <source>Change the BCC archive</source>
        <translation>Cambia l&apos;archivio in copia nascosta</translation>
    </message>
    <message>
        <source>the archive mailbox %1 on the relay</source>
        <translation>la casella d&apos;archivio %1 sul relay</translation>
    </message>
    <message>
        <source>A copy of every message sent by the accounts that follow the relay&apos;s setting will go to %1.</source>
        <translation>Una copia di ogni messaggio inviato dagli account che seguono l&apos;impostazione del relay andrà a %1.</translation>
    </message>
    <message>
        <source>A copy of every message that %1 sends will go to %2.</source>
        <translation>Una copia di ogni messaggio inviato da %1 andrà a %2.</translation>
    </message>
    <message>
        <source>Turn on the BCC archive?</source>
        <translation>Attivare l&apos;archivio in copia nascosta (BCC)?</translation>
    </message>
    <message>
        <source>The owners of the mailboxes have been informed</source>
        <translation>I titolari delle caselle sono stati informati</translation>
    </message>
    <message>
        <source>Turn on the archive</source>
        <translation>Attiva l&apos;archivio</translation>
    </message>
    <message>
        <source>The archive mailbox keeps each copy 7 days, then deletes it by itself (Dovecot&apos;s setting on the relay, not changed here). Read it over POP3 with the mailbox&apos;s login.</source>
        <translation>La casella d&apos;archivio conserva ogni copia 7 giorni, poi la cancella da sé (impostazione di Dovecot sul relay, non modificabile qui). Si legge via POP3 con le credenziali della casella.</translation>
    </message>
    <message>
        <source>Before you turn it on, inform the people who use these mailboxes. Archiving the mail of a personal mailbox (name.surname@…) is processing of personal data under the GDPR: its owner must be told beforehand what is copied, why, where the copies go and how long they are kept (art. 13 GDPR). For employees, the rules on monitoring at work apply too (in Italy, art. 4 of the Workers&apos; Statute, law 300/1970). If in doubt, ask your data protection officer.</source>
        <translation>Prima di attivarlo, informa le persone che usano queste caselle. Archiviare la posta di una casella personale (nome.cognome@…) è un trattamento di dati personali ai sensi del GDPR: il titolare della casella deve essere informato prima di che cosa viene copiato, perché, dove vanno le copie e per quanto tempo sono conservate (art. 13 GDPR). Per i dipendenti valgono anche le regole sui controlli a distanza (art. 4 dello Statuto dei lavoratori, legge 300/1970). Nel dubbio, chiedi al tuo responsabile della protezione dei dati (DPO).</translation>
    </message>
    <message>
        <source>Copies in the archive mailbox on the relay are kept 7 days, then deleted.</source>
        <translation>Le copie nella casella d&apos;archivio sul relay sono conservate 7 giorni, poi cancellate.</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::DraftBar</name>
    <message>
        <source>Undo</source>
        <translation>Annulla modifica</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Ripeti modifica</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Scarta</translation>
    </message>
    <message>
        <source>Review and apply…</source>
        <translation>Controlla e applica…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Ricarica</translation>
    </message>
    <message>
        <source>Reading the policy…</source>
        <translation>Lettura della policy…</translation>
    </message>
    <message>
        <source>Policy not loaded</source>
        <translation>Policy non caricata</translation>
    </message>
    <message numerus="yes">
        <source>Revision %1 · %n unapplied change(s) · your role: %2</source>
        <translation>
            <numerusform>Revisione %1 · %n modifica non applicata · il tuo ruolo: %2</numerusform>
            <numerusform>Revisione %1 · %n modifiche non applicate · il tuo ruolo: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Revision %1 · no unapplied changes · your role: %2</source>
        <translation>Revisione %1 · nessuna modifica non applicata · il tuo ruolo: %2</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::FleetModel</name>
    <message>
        <source>%1@%2, port %3</source>
        <translation>%1@%2, porta %3</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n avviso</numerusform>
            <numerusform>%n avvisi</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::HistoryModel</name>
    <message>
        <source>admin</source>
        <translation>amministratore</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>partner</translation>
    </message>
    <message>
        <source>helpdesk</source>
        <translation>helpdesk</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>sola lettura</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>on the relay itself</source>
        <translation>sul relay stesso</translation>
    </message>
    <message>
        <source>Edited by hand on the relay</source>
        <translation>Modificata a mano sul relay</translation>
    </message>
    <message>
        <source>The first policy</source>
        <translation>La prima policy</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>Ripristino</translation>
    </message>
    <message>
        <source>Account added</source>
        <translation>Account aggiunto</translation>
    </message>
    <message>
        <source>Account removed</source>
        <translation>Account rimosso</translation>
    </message>
    <message>
        <source>Account suspended</source>
        <translation>Account sospeso</translation>
    </message>
    <message>
        <source>Account resumed</source>
        <translation>Account riattivato</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>nessuna modifica</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 e un&apos;altra</numerusform>
            <numerusform>%1 e altre %n</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (in force)</source>
        <translation>%1 (in vigore)</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revisione</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Chi</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commento</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifiche</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::HistoryView</name>
    <message>
        <source>This relay does not let you see its policy&apos;s history.</source>
        <translation>Questo relay non ti permette di vedere la cronologia della sua policy.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s); the relay is at revision %1</source>
        <translation>
            <numerusform>%n revisione; il relay è alla revisione %1</numerusform>
            <numerusform>%n revisioni; il relay è alla revisione %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a revision to see what it changed, or two to compare them.</source>
        <translation>Seleziona una revisione per vedere cosa ha cambiato, o due per confrontarle.</translation>
    </message>
    <message>
        <source>Select two revisions to compare them.</source>
        <translation>Seleziona due revisioni per confrontarle.</translation>
    </message>
    <message>
        <source>by %1 %2, %3</source>
        <translation>di %1 %2, %3</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>da %1</translation>
    </message>
    <message numerus="yes">
        <source>Revision %1, %2: %n change(s) to revision %3</source>
        <translation>
            <numerusform>Revisione %1, %2: %n modifica alla revisione %3</numerusform>
            <numerusform>Revisione %1, %2: %n modifiche alla revisione %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revision %1, %2: %n change(s)</source>
        <translation>
            <numerusform>Revisione %1, %2: %n modifica</numerusform>
            <numerusform>Revisione %1, %2: %n modifiche</numerusform>
        </translation>
    </message>
    <message>
        <source>From revision %1 to revision %2: loading…</source>
        <translation>Dalla revisione %1 alla revisione %2: caricamento…</translation>
    </message>
    <message>
        <source>From revision %1 to revision %2: %3</source>
        <translation>Dalla revisione %1 alla revisione %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>From revision %1 to revision %2: %n change(s)</source>
        <translation>
            <numerusform>Dalla revisione %1 alla revisione %2: %n modifica</numerusform>
            <numerusform>Dalla revisione %1 alla revisione %2: %n modifiche</numerusform>
        </translation>
    </message>
    <message>
        <source>Revision %1 is the one in force: there is nothing to roll back.</source>
        <translation>La revisione %1 è quella in vigore: non c&apos;è niente da ripristinare.</translation>
    </message>
    <message>
        <source>Comparing with revision %1…</source>
        <translation>Confronto con la revisione %1…</translation>
    </message>
    <message>
        <source>Not rolled back: %1</source>
        <translation>Non ripristinata: %1</translation>
    </message>
    <message>
        <source>Revision %1 is the same as the policy in force: there is nothing to roll back.</source>
        <translation>La revisione %1 è uguale alla policy in vigore: non c&apos;è niente da ripristinare.</translation>
    </message>
    <message>
        <source>Rolling %1 back to revision %2…</source>
        <translation>Ripristino di %1 alla revisione %2…</translation>
    </message>
    <message>
        <source>Rolled back to revision %1: the relay is at revision %2.</source>
        <translation>Ripristinata la revisione %1: il relay è alla revisione %2.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Attenzione: %1</translation>
    </message>
    <message>
        <source>Not rolled back: the relay is at revision %1 now.</source>
        <translation>Non ripristinata: ora il relay è alla revisione %1.</translation>
    </message>
    <message>
        <source>The relay is now at revision %1: someone changed the policy after you looked. Nothing was rolled back. Review again shows what rolling back to revision %2 changes now, their change included.</source>
        <translation>Il relay ora è alla revisione %1: qualcuno ha cambiato la policy dopo che l&apos;hai guardata. Non è stato ripristinato nulla. Ricontrolla mostra cosa cambia adesso il ripristino della revisione %2, compresa la sua modifica.</translation>
    </message>
    <message>
        <source>Review the rollback again</source>
        <translation>Ricontrolla il ripristino</translation>
    </message>
    <message>
        <source>Drop the rollback</source>
        <translation>Annulla il ripristino</translation>
    </message>
    <message>
        <source>This relay does not let you change its policy.</source>
        <translation>Questo relay non ti permette di cambiare la sua policy.</translation>
    </message>
    <message>
        <source>Revisions of the relay&apos;s policy (select two to compare them)</source>
        <translation>Revisioni della policy del relay (selezionane due per confrontarle)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Roll back to this revision…</source>
        <translation>Ripristina questa revisione…</translation>
    </message>
    <message>
        <source>The relay&apos;s policy file cannot be used (%1): roll back to a revision, the one in force too, to restore it.</source>
        <translation>Il file della policy sul relay non è utilizzabile (%1): ripristina una revisione, anche quella in vigore, per rimetterlo a posto.</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Ripristina</translation>
    </message>
    <message>
        <source>Write revision %1 over the relay&apos;s broken policy file?</source>
        <translation>Scrivere la revisione %1 al posto del file della policy danneggiato sul relay?</translation>
    </message>
    <message>
        <source>restore the broken policy file from revision %1</source>
        <translation>ripristino del file della policy danneggiato dalla revisione %1</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::LimitsView</name>
    <message>
        <source>Relay defaults</source>
        <translation>Valori predefiniti del relay</translation>
    </message>
    <message>
        <source>Daily quota (messages, one per outside recipient):</source>
        <translation>Quota giornaliera (messaggi, uno per destinatario esterno):</translation>
    </message>
    <message>
        <source>Quota window:</source>
        <translation>Finestra della quota:</translation>
    </message>
    <message>
        <source>Recipients per message:</source>
        <translation>Destinatari per messaggio:</translation>
    </message>
    <message>
        <source>Maximum message size:</source>
        <translation>Dimensione massima del messaggio:</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> byte</translation>
    </message>
    <message>
        <source>Calendar day (relay&apos;s time zone)</source>
        <translation>Giorno solare (fuso orario del relay)</translation>
    </message>
    <message>
        <source>Rolling 24 hours</source>
        <translation>Ultime 24 ore</translation>
    </message>
    <message>
        <source>Accounts (double-click a limit to override it; empty it to use the default)</source>
        <translation>Account (doppio clic su un limite per personalizzarlo; svuotalo per usare il predefinito)</translation>
    </message>
    <message>
        <source>Change the relay defaults</source>
        <translation>Modifica i predefiniti del relay</translation>
    </message>
    <message>
        <source>Usage unavailable: %1</source>
        <translation>Utilizzo non disponibile: %1</translation>
    </message>
    <message>
        <source>Usage as of %1</source>
        <translation>Utilizzo alle %1</translation>
    </message>
    <message>
        <source>= %1</source>
        <translation>= %1</translation>
    </message>
    <message>
        <source>Relay-wide blacklist (entries):</source>
        <translation>Blacklist del relay (voci):</translation>
    </message>
    <message>
        <source>plus, for each account:</source>
        <translation>più, per ogni account:</translation>
    </message>
    <message>
        <source>Blacklist of each account (entries):</source>
        <translation>Blacklist di ogni account (voci):</translation>
    </message>
    <message>
        <source>Local domains (mail to them is delivered here and never counts against a quota)</source>
        <translation>Domini locali (la posta per loro è consegnata qui e non conta mai nella quota)</translation>
    </message>
    <message>
        <source>Domain, e.g. example.com</source>
        <translation>Dominio, ad es. example.com</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Aggiungi</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain name</source>
        <translation>«%1» non è un nome di dominio</translation>
    </message>
    <message>
        <source>%1 is already a local domain</source>
        <translation>%1 è già un dominio locale</translation>
    </message>
    <message>
        <source>%1 is a test domain: its mail goes to the black hole</source>
        <translation>%1 è un dominio di prova: la sua posta finisce nel buco nero</translation>
    </message>
    <message>
        <source>Add the local domain %1</source>
        <translation>Aggiungi il dominio locale %1</translation>
    </message>
    <message numerus="yes">
        <source>Remove the local domain(s) %1</source>
        <translation>
            <numerusform>Rimuovi il dominio locale %1</numerusform>
            <numerusform>Rimuovi i domini locali %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::MainWindow</name>
    <message>
        <source>About Staffetta</source>
        <translation>Informazioni su Staffetta</translation>
    </message>
    <message>
        <source>Staffetta %1 — the console for outbound SMTP relays.</source>
        <translation>Staffetta %1 — la console per i relay SMTP in uscita.</translation>
    </message>
    <message>
        <source>Staffetta</source>
        <translation>Staffetta</translation>
    </message>
    <message>
        <source>&amp;Relay</source>
        <translation>&amp;Relay</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>&amp;Add relay…</source>
        <translation>&amp;Aggiungi relay…</translation>
    </message>
    <message>
        <source>&amp;Edit relay…</source>
        <translation>&amp;Modifica relay…</translation>
    </message>
    <message>
        <source>Re&amp;move relay</source>
        <translation>&amp;Rimuovi relay</translation>
    </message>
    <message>
        <source>&amp;Connect / refresh</source>
        <translation>&amp;Collega / aggiorna</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>&amp;About Staffetta</source>
        <translation>&amp;Informazioni su Staffetta</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Lingua di sistema</translation>
    </message>
    <message>
        <source>Remove relay</source>
        <translation>Rimuovi relay</translation>
    </message>
    <message>
        <source>Remove the relay %1 from this console? Its saved secret is removed from the keychain too; the relay itself is not touched.</source>
        <translation>Rimuovere il relay %1 da questa console? Anche il segreto salvato viene rimosso dal portachiavi; il relay stesso non viene toccato.</translation>
    </message>
    <message>
        <source>The secret of %1 is saved in the system keychain.</source>
        <translation>Il segreto di %1 è salvato nel portachiavi di sistema.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Ricerca</translation>
    </message>
    <message>
        <source>Search IP, address or queue id on all relays</source>
        <translation>Cerca IP, indirizzo o ID di coda su tutti i relay</translation>
    </message>
    <message>
        <source>%1 does not answer%2. What you see was read at %3 and may be out of date; the actions that need the relay are off until it answers again.</source>
        <translation>%1 non risponde%2. Quello che vedi è stato letto alle %3 e potrebbe non essere aggiornato; le azioni che richiedono il relay sono disattivate finché non risponde di nuovo.</translation>
    </message>
    <message>
        <source>On %1 these are down: %2. Mail may wait or be refused until they run again.</source>
        <translation>Su %1 sono fermi: %2. La posta può restare in attesa o essere rifiutata finché non ripartono.</translation>
    </message>
    <message>
        <source>Unapplied changes</source>
        <translation>Modifiche non applicate</translation>
    </message>
    <message numerus="yes">
        <source>%n policy draft(s) not applied yet. Quit anyway and lose them?</source>
        <translation>
            <numerusform>%n bozza della policy non ancora applicata. Uscire comunque e perderla?</numerusform>
            <numerusform>%n bozze della policy non ancora applicate. Uscire comunque e perderle?</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit and lose them</source>
        <translation>Esci e perdile</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Panoramica</translation>
    </message>
    <message>
        <source>&amp;Senders</source>
        <translation>&amp;Mittenti</translation>
    </message>
    <message>
        <source>Li&amp;mits</source>
        <translation>L&amp;imiti</translation>
    </message>
    <message>
        <source>&amp;Content</source>
        <translation>&amp;Contenuti</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>C&amp;oda</translation>
    </message>
    <message>
        <source>&amp;Bans</source>
        <translation>&amp;Blocchi</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>Atti&amp;vità</translation>
    </message>
    <message>
        <source>&amp;Trace</source>
        <translation>&amp;Traccia</translation>
    </message>
    <message>
        <source>Al&amp;erts</source>
        <translation>Avvi&amp;si</translation>
    </message>
    <message>
        <source>Acco&amp;unts</source>
        <translation>Acco&amp;unt</translation>
    </message>
    <message>
        <source>Test &amp;delivery</source>
        <translation>Prova &amp;di consegna</translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation>Cro&amp;nologia</translation>
    </message>
    <message>
        <source>Aud&amp;it</source>
        <translation>R&amp;egistro attività</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::OverviewView</name>
    <message>
        <source>Relay host name:</source>
        <translation>Nome host del relay:</translation>
    </message>
    <message>
        <source>Postfix version:</source>
        <translation>Versione di Postfix:</translation>
    </message>
    <message>
        <source>Staffetta on the relay:</source>
        <translation>Staffetta sul relay:</translation>
    </message>
    <message>
        <source>Last update:</source>
        <translation>Ultimo aggiornamento:</translation>
    </message>
    <message>
        <source>Mail queues</source>
        <translation>Code di posta</translation>
    </message>
    <message>
        <source>fail2ban jails</source>
        <translation>Jail di fail2ban</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Coda</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messaggi</translation>
    </message>
    <message>
        <source>Jail</source>
        <translation>Jail</translation>
    </message>
    <message>
        <source>Banned now</source>
        <translation>Bloccati ora</translation>
    </message>
    <message>
        <source>Banned in total</source>
        <translation>Bloccati in totale</translation>
    </message>
    <message>
        <source>Failures now</source>
        <translation>Errori ora</translation>
    </message>
    <message>
        <source>No relay selected</source>
        <translation>Nessun relay selezionato</translation>
    </message>
    <message>
        <source>Add a relay with Relay ▸ Add relay…, or select one on the left.</source>
        <translation>Aggiungi un relay con Relay ▸ Aggiungi relay…, oppure selezionane uno a sinistra.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Errore: %1</translation>
    </message>
    <message>
        <source>%1 (API %2)</source>
        <translation>%1 (API %2)</translation>
    </message>
    <message>
        <source>fail2ban unavailable: %1</source>
        <translation>fail2ban non disponibile: %1</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::PatternListEditor</name>
    <message>
        <source>Authorized senders</source>
        <translation>Mittenti autorizzati</translation>
    </message>
    <message>
        <source>name@example.com, *@example.com or *@*.example.com</source>
        <translation>nome@example.com, *@example.com o *@*.example.com</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importa…</translation>
    </message>
    <message>
        <source>Add patterns from a text file, one per line</source>
        <translation>Aggiungi modelli da un file di testo, uno per riga</translation>
    </message>
    <message>
        <source>Blacklisted senders of this account</source>
        <translation>Mittenti in blacklist per questo account</translation>
    </message>
    <message>
        <source>Relay-wide blacklist (every account)</source>
        <translation>Blacklist del relay (tutti gli account)</translation>
    </message>
    <message>
        <source>Sender pattern, e.g. *@spammer.example</source>
        <translation>Modello di mittente, ad es. *@spammer.example</translation>
    </message>
    <message>
        <source>Message for the sender (optional)</source>
        <translation>Messaggio per il mittente (facoltativo)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Aggiungi</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>Import senders</source>
        <translation>Importa mittenti</translation>
    </message>
    <message>
        <source>Text files (*.txt *.csv *.list)</source>
        <translation>File di testo (*.txt *.csv *.list)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tutti i file (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossibile leggere %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n pattern(s).</source>
        <translation>
            <numerusform>Importato %n modello.</numerusform>
            <numerusform>Importati %n modelli.</numerusform>
        </translation>
    </message>
    <message>
        <source>line %1: &quot;%2&quot;: %3</source>
        <translation>riga %1: &quot;%2&quot;: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) are not valid patterns and are left out.</source>
        <translation>
            <numerusform>%n riga non è un modello valido ed è esclusa.</numerusform>
            <numerusform>%n righe non sono modelli validi e sono escluse.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add the %n valid one(s)</source>
        <translation>
            <numerusform>Aggiungi l&apos;unico valido</numerusform>
            <numerusform>Aggiungi i %n validi</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 su %2</translation>
    </message>
    <message numerus="yes">
        <source>The relay allows at most %n entries in this list.</source>
        <translation>
            <numerusform>Il relay consente al massimo %n voce in questo elenco.</numerusform>
            <numerusform>Il relay consente al massimo %n voci in questo elenco.</numerusform>
        </translation>
    </message>
    <message>
        <source>The list is full: remove an entry first (%1)</source>
        <translation>L&apos;elenco è pieno: rimuovi prima una voce (%1)</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::PatternTableModel</name>
    <message>
        <source>Address or pattern</source>
        <translation>Indirizzo o modello</translation>
    </message>
    <message>
        <source>Sender pattern</source>
        <translation>Modello di mittente</translation>
    </message>
    <message>
        <source>Message added to the refusal</source>
        <translation>Messaggio aggiunto al rifiuto</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Modifica %1</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Aggiungi %1</translation>
    </message>
    <message numerus="yes">
        <source>Import %n pattern(s)</source>
        <translation>
            <numerusform>Importa %n modello</numerusform>
            <numerusform>Importa %n modelli</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Rimuovi %1</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n pattern(s)</source>
        <translation>
            <numerusform>Rimuovi %n modello</numerusform>
            <numerusform>Rimuovi %n modelli</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::PolicyEditor</name>
    <message>
        <source>Connect to the relay first.</source>
        <translation>Prima collegati al relay.</translation>
    </message>
    <message>
        <source>Could not read the policy: %1</source>
        <translation>Impossibile leggere la policy: %1</translation>
    </message>
    <message>
        <source>Nothing to apply.</source>
        <translation>Niente da applicare.</translation>
    </message>
    <message>
        <source>Applying to %1…</source>
        <translation>Applicazione su %1…</translation>
    </message>
    <message>
        <source>Applied: the relay is at revision %1.</source>
        <translation>Applicato: il relay è alla revisione %1.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Attenzione: %1</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Non applicato: %1</translation>
    </message>
    <message>
        <source>Merged, except what they changed too: %1</source>
        <translation>Unito, tranne ciò che ha cambiato anche l&apos;altro: %1</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::QueueModel</name>
    <message>
        <source>maildrop</source>
        <translation>maildrop</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>in arrivo</translation>
    </message>
    <message>
        <source>active</source>
        <translation>attiva</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>differita</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>sospesa</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n g</numerusform>
            <numerusform>%n g</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;&gt; (bounce)</source>
        <translation>&lt;&gt; (bounce)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (+%n more)</source>
        <translation>
            <numerusform>%1 (+%n altro)</numerusform>
            <numerusform>%1 (+%n altri)</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue ID</source>
        <translation>ID di coda</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Coda</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Età</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Mittente</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatari</translation>
    </message>
    <message>
        <source>Delay reason</source>
        <translation>Motivo del ritardo</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::QueueView</name>
    <message>
        <source>Loading… %L1 messages</source>
        <translation>Caricamento… %L1 messaggi</translation>
    </message>
    <message>
        <source>The queue could not be read: %1</source>
        <translation>Impossibile leggere la coda: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln messages</source>
        <translation>
            <numerusform>%Ln messaggio</numerusform>
            <numerusform>%Ln messaggi</numerusform>
        </translation>
    </message>
    <message>
        <source>loaded in %L1 s</source>
        <translation>caricata in %L1 s</translation>
    </message>
    <message>
        <source>Message %1 in %2</source>
        <translation>Messaggio %1 in %2</translation>
    </message>
    <message>
        <source>Sender: %1</source>
        <translation>Mittente: %1</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>Account: %1</translation>
    </message>
    <message>
        <source>Client: %1 [%2]</source>
        <translation>Client: %1 [%2]</translation>
    </message>
    <message>
        <source>Recipient: %1</source>
        <translation>Destinatario: %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n message(s) from the queue? They are gone for good: neither delivered nor bounced.</source>
        <translation>
            <numerusform>Eliminare %n messaggio dalla coda? Sparisce per sempre: né consegnato né restituito al mittente.</numerusform>
            <numerusform>Eliminare %n messaggi dalla coda? Spariscono per sempre: né consegnati né restituiti al mittente.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put %n message(s) on hold? They stay queued but are not delivered until released.</source>
        <translation>
            <numerusform>Sospendere %n messaggio? Resta in coda ma non viene consegnato finché non è rilasciato.</numerusform>
            <numerusform>Sospendere %n messaggi? Restano in coda ma non vengono consegnati finché non sono rilasciati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Release %n message(s) from hold?</source>
        <translation>
            <numerusform>Rilasciare %n messaggio sospeso?</numerusform>
            <numerusform>Rilasciare %n messaggi sospesi?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Requeue %n message(s)? Postfix processes them again from the start.</source>
        <translation>
            <numerusform>Rimettere in coda %n messaggio? Postfix lo rielabora da capo.</numerusform>
            <numerusform>Rimettere in coda %n messaggi? Postfix li rielabora da capo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Try to deliver %n deferred message(s) now?</source>
        <translation>
            <numerusform>Tentare ora la consegna di %n messaggio differito?</numerusform>
            <numerusform>Tentare ora la consegna di %n messaggi differiti?</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Coda</translation>
    </message>
    <message numerus="yes">
        <source>Done for %n message(s).</source>
        <translation>
            <numerusform>Fatto per %n messaggio.</numerusform>
            <numerusform>Fatto per %n messaggi.</numerusform>
        </translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>Tutte le code</translation>
    </message>
    <message>
        <source>Filter by id, sender, recipient or reason</source>
        <translation>Filtra per ID, mittente, destinatario o motivo</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation>Aggiornamento automatico</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Ferma</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Sospendi</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Rilascia</translation>
    </message>
    <message>
        <source>Requeue</source>
        <translation>Rimetti in coda</translation>
    </message>
    <message>
        <source>Deliver now</source>
        <translation>Consegna ora</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Elimina…</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>eliminato</translation>
    </message>
    <message>
        <source>put on hold</source>
        <translation>sospeso</translation>
    </message>
    <message>
        <source>released</source>
        <translation>rilasciato</translation>
    </message>
    <message>
        <source>requeued</source>
        <translation>rimesso in coda</translation>
    </message>
    <message>
        <source>delivery attempted</source>
        <translation>consegna tentata</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>invariato</translation>
    </message>
    <message>
        <source>no longer queued</source>
        <translation>non più in coda</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>non riuscito</translation>
    </message>
    <message>
        <source>This relay does not let you change its queue.</source>
        <translation>Questo relay non ti permette di modificare la sua coda.</translation>
    </message>
    <message>
        <source>Loading stopped.</source>
        <translation>Caricamento interrotto.</translation>
    </message>
    <message numerus="yes">
        <source>Delivery attempted for %n message(s); checking what became of them…</source>
        <translation>
            <numerusform>Consegna tentata per %n messaggio; verifico com&apos;è andata…</numerusform>
            <numerusform>Consegna tentata per %n messaggi; verifico com&apos;è andata…</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not check the delivery: %1</source>
        <translation>Impossibile verificare la consegna: %1</translation>
    </message>
    <message>
        <source>%1: still queued (%2)</source>
        <translation>%1: ancora in coda (%2)</translation>
    </message>
    <message>
        <source>%1: still queued: %2</source>
        <translation>%1: ancora in coda: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) left the queue: delivered, or bounced to the sender (the Trace view says which).</source>
        <translation>
            <numerusform>%n messaggio ha lasciato la coda: consegnato, o restituito al mittente (la vista Traccia dice quale).</numerusform>
            <numerusform>%n messaggi hanno lasciato la coda: consegnati, o restituiti al mittente (la vista Traccia dice quali).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) are still queued: the attempt did not work.</source>
        <translation>
            <numerusform>%n messaggio è ancora in coda: il tentativo non è riuscito.</numerusform>
            <numerusform>%n messaggi sono ancora in coda: il tentativo non è riuscito.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::RelayConnection</name>
    <message>
        <source>not connected</source>
        <translation>non collegato</translation>
    </message>
    <message>
        <source>refreshing…</source>
        <translation>aggiornamento…</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>collegamento…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>non riuscito</translation>
    </message>
    <message>
        <source>online</source>
        <translation>in linea</translation>
    </message>
    <message numerus="yes">
        <source>%n banned</source>
        <translation>
            <numerusform>%n bloccato</numerusform>
            <numerusform>%n bloccati</numerusform>
        </translation>
    </message>
    <message>
        <source>The host key was not trusted; not connected.</source>
        <translation>La chiave host non è stata considerata affidabile; non collegato.</translation>
    </message>
    <message>
        <source>queue empty</source>
        <translation>coda vuota</translation>
    </message>
    <message>
        <source>Postfix</source>
        <translation>Postfix</translation>
    </message>
    <message>
        <source>submission port</source>
        <translation>porta di invio (submission)</translation>
    </message>
    <message>
        <source>Dovecot authentication</source>
        <translation>autenticazione Dovecot</translation>
    </message>
    <message>
        <source>policy service (staffettad)</source>
        <translation>servizio di policy (staffettad)</translation>
    </message>
    <message>
        <source>fail2ban</source>
        <translation>fail2ban</translation>
    </message>
    <message>
        <source>content filter (staffetta-milter)</source>
        <translation>filtro dei contenuti (staffetta-milter)</translation>
    </message>
    <message>
        <source>event index (staffetta-events)</source>
        <translation>indice degli eventi (staffetta-events)</translation>
    </message>
    <message>
        <source>last answered %1</source>
        <translation>ultima risposta %1</translation>
    </message>
    <message>
        <source>never answered</source>
        <translation>mai risposto</translation>
    </message>
    <message>
        <source>trying again… (%1)</source>
        <translation>nuovo tentativo… (%1)</translation>
    </message>
    <message>
        <source>next try at %1</source>
        <translation>prossimo tentativo alle %1</translation>
    </message>
    <message>
        <source>degraded: %1 down</source>
        <translation>degradato, non attivi: %1</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::RelayDialog</name>
    <message>
        <source>Add relay</source>
        <translation>Aggiungi relay</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Gruppo:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Porta:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utente:</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Autenticazione:</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>File di &amp;chiave:</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Segreto:</translation>
    </message>
    <message>
        <source>K&amp;nown hosts:</source>
        <translation>Host no&amp;ti:</translation>
    </message>
    <message>
        <source>&amp;Remote command:</source>
        <translation>Comando &amp;remoto:</translation>
    </message>
    <message>
        <source>SSH agent</source>
        <translation>Agente SSH</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>File di chiave</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>e.g. Relay Milano 1</source>
        <translation>ad es. Relay Milano 1</translation>
    </message>
    <message>
        <source>e.g. a customer or a data centre</source>
        <translation>ad es. un cliente o un data center</translation>
    </message>
    <message>
        <source>relay.example.net</source>
        <translation>relay.example.net</translation>
    </message>
    <message>
        <source>~/.ssh/id_ed25519</source>
        <translation>~/.ssh/id_ed25519</translation>
    </message>
    <message>
        <source>~/.ssh/known_hosts</source>
        <translation>~/.ssh/known_hosts</translation>
    </message>
    <message>
        <source>Remember the secret in the system keychain</source>
        <translation>Ricorda il segreto nel portachiavi di sistema</translation>
    </message>
    <message>
        <source>password (optional: asked when needed)</source>
        <translation>password (facoltativa: chiesta quando serve)</translation>
    </message>
    <message>
        <source>key passphrase, if the key has one</source>
        <translation>passphrase della chiave, se ne ha una</translation>
    </message>
    <message>
        <source>Give the relay a name.</source>
        <translation>Dai un nome al relay.</translation>
    </message>
    <message>
        <source>Enter the relay&apos;s host name or address.</source>
        <translation>Inserisci il nome host o l&apos;indirizzo del relay.</translation>
    </message>
    <message>
        <source>Enter the SSH user.</source>
        <translation>Inserisci l&apos;utente SSH.</translation>
    </message>
    <message>
        <source>Choose the private key file.</source>
        <translation>Scegli il file della chiave privata.</translation>
    </message>
    <message>
        <source>The remote command may contain only letters, digits and _ . / -</source>
        <translation>Il comando remoto può contenere solo lettere, cifre e _ . / -</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Scegli un file</translation>
    </message>
    <message>
        <source>Choose the private key file…</source>
        <translation>Scegli il file della chiave privata…</translation>
    </message>
    <message>
        <source>Choose the known_hosts file…</source>
        <translation>Scegli il file known_hosts…</translation>
    </message>
    <message>
        <source>Edit relay “%1”</source>
        <translation>Modifica relay «%1»</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::RelayView</name>
    <message>
        <source>The relay does not answer: this waits until it does.</source>
        <translation>Il relay non risponde: si potrà fare quando risponderà di nuovo.</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ReputationHistoryModel</name>
    <message>
        <source>first check</source>
        <translation>primo controllo</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>IP or domain</source>
        <translation>IP o dominio</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Prima</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Dopo</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ReputationModel</name>
    <message>
        <source>IP address</source>
        <translation>indirizzo IP</translation>
    </message>
    <message>
        <source>sender domain</source>
        <translation>dominio mittente</translation>
    </message>
    <message>
        <source>Listed</source>
        <translation>In lista</translation>
    </message>
    <message>
        <source>Not listed</source>
        <translation>Non in lista</translation>
    </message>
    <message>
        <source>Query refused by the list (not a listing)</source>
        <translation>Interrogazione rifiutata dalla lista (non è un inserimento)</translation>
    </message>
    <message>
        <source>No answer (not checked)</source>
        <translation>Nessuna risposta (non controllato)</translation>
    </message>
    <message>
        <source>no list of this kind</source>
        <translation>nessuna lista di questo tipo</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>IP or domain</source>
        <translation>IP o dominio</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Ultimo risultato</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Dal</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ReputationPanel</name>
    <message>
        <source>Reputation</source>
        <translation>Reputazione</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Show the relay&apos;s last check again (the relay checks every day)</source>
        <translation>Mostra di nuovo l&apos;ultimo controllo del relay (il relay controlla ogni giorno)</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>non ancora controllato</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>checked %1 on %n list(s): %2</source>
        <translation>
            <numerusform>controllato il %1 su %n lista: %2</numerusform>
            <numerusform>controllato il %1 su %n liste: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) or domain(s) listed</source>
        <translation>
            <numerusform>%n indirizzo o dominio in blacklist</numerusform>
            <numerusform>%n indirizzi o domini in blacklist</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing listed.</source>
        <translation>Nessun inserimento in blacklist.</translation>
    </message>
    <message>
        <source>This relay does not let you see its reputation.</source>
        <translation>Questo relay non ti permette di vederne la reputazione.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>Cronologia di %1</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::SearchPanel</name>
    <message>
        <source>searching…</source>
        <translation>ricerca in corso…</translation>
    </message>
    <message>
        <source>No relay is connected: connect one first.</source>
        <translation>Nessun relay collegato: collegane prima uno.</translation>
    </message>
    <message>
        <source>%1 is not banned</source>
        <translation>%1 non è bloccato</translation>
    </message>
    <message>
        <source>%1 banned in %2 since %3: %4</source>
        <translation>%1 bloccato in %2 dal %3: %4</translation>
    </message>
    <message>
        <source>no failure found in the logs</source>
        <translation>nessun errore trovato nei log</translation>
    </message>
    <message>
        <source>On the whitelist since %1 (%2): %3</source>
        <translation>Nella whitelist dal %1 (%2): %3</translation>
    </message>
    <message numerus="yes">
        <source>%n log line(s) mention it</source>
        <translation>
            <numerusform>%n riga di log lo cita</numerusform>
            <numerusform>%n righe di log lo citano</numerusform>
        </translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
    <message>
        <source>Account %1 may send as %2</source>
        <translation>L&apos;account %1 può inviare come %2</translation>
    </message>
    <message>
        <source>Queued %1 (%2): %3 → %4</source>
        <translation>In coda %1 (%2): %3 → %4</translation>
    </message>
    <message>
        <source>Double-click to open it in the Queue view.</source>
        <translation>Doppio clic per aprirlo nella vista Coda.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more queued message(s)</source>
        <translation>
            <numerusform>… e ancora %n messaggio in coda</numerusform>
            <numerusform>… e ancora %n messaggi in coda</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found</source>
        <translation>Nessun risultato</translation>
    </message>
    <message>
        <source>Why banned?</source>
        <translation>Perché è bloccato?</translation>
    </message>
    <message>
        <source>Unban</source>
        <translation>Rimuovi il blocco</translation>
    </message>
    <message>
        <source>Whitelist…</source>
        <translation>Metti nella whitelist…</translation>
    </message>
    <message>
        <source>%1 unbanned (%2).</source>
        <translation>Blocco di %1 rimosso (%2).</translation>
    </message>
    <message>
        <source>%1 is on the whitelist.</source>
        <translation>%1 è nella whitelist.</translation>
    </message>
    <message>
        <source>Search an IP, an address or a queue id above.</source>
        <translation>Cerca qui sopra un IP, un indirizzo o un ID di coda.</translation>
    </message>
    <message>
        <source>Results for “%1”</source>
        <translation>Risultati per «%1»</translation>
    </message>
    <message>
        <source>Trace “%1” in the delivery history…</source>
        <translation>Traccia «%1» nella cronologia delle consegne…</translation>
    </message>
    <message>
        <source>Double-click to open the Trace view of it on every connected relay.</source>
        <translation>Doppio clic per aprirne la traccia su tutti i relay collegati.</translation>
    </message>
    <message>
        <source>not searched: the relay does not answer</source>
        <translation>non cercato: il relay non risponde</translation>
    </message>
    <message>
        <source>not searched: not connected</source>
        <translation>non cercato: non collegato</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>Righe di log</translation>
    </message>
    <message numerus="yes">
        <source>Not searched on %n relay(s) that do not answer: %1</source>
        <translation>
            <numerusform>Non cercato su %n relay che non risponde: %1</numerusform>
            <numerusform>Non cercato su %n relay che non rispondono: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::SendersView</name>
    <message>
        <source>Search accounts</source>
        <translation>Cerca account</translation>
    </message>
    <message>
        <source>No account selected</source>
        <translation>Nessun account selezionato</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
    <message>
        <source>Account %1 (read-only for your role)</source>
        <translation>Account %1 (sola lettura per il tuo ruolo)</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::TestDeliveryView</name>
    <message>
        <source>Save the report</source>
        <translation>Salva il rapporto</translation>
    </message>
    <message>
        <source>HTML (*.html);;JSON (*.json)</source>
        <translation>HTML (*.html);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossibile scrivere %1.</translation>
    </message>
    <message>
        <source>Sends test messages from this computer to the relay&apos;s submission port, like a customer&apos;s mail client, only to the relay&apos;s test addresses (a black hole: they never count against the quota).</source>
        <translation>Invia messaggi di prova da questo computer alla porta di invio del relay, come il programma di posta di un cliente, solo agli indirizzi di prova del relay (un buco nero: non contano mai nella quota).</translation>
    </message>
    <message>
        <source>Submission host:</source>
        <translation>Host di invio:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Porta:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Save in the keychain</source>
        <translation>Salva nel portachiavi</translation>
    </message>
    <message>
        <source>the account&apos;s SMTP password</source>
        <translation>la password SMTP dell&apos;account</translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation>Mittente:</translation>
    </message>
    <message>
        <source>Also try one unauthorized sender (553 expected)</source>
        <translation>Prova anche un mittente non autorizzato (atteso 553)</translation>
    </message>
    <message numerus="yes">
        <source>Three refused senders in a row get this computer&apos;s IP address banned by the relay: a run tries one at most, and none within %n minutes of the last.</source>
        <translation>
            <numerusform>Tre mittenti rifiutati di seguito fanno bloccare dal relay l&apos;indirizzo IP di questo computer: ogni esecuzione ne prova al massimo uno, e nessuno entro %n minuto dall&apos;ultimo.</numerusform>
            <numerusform>Tre mittenti rifiutati di seguito fanno bloccare dal relay l&apos;indirizzo IP di questo computer: ogni esecuzione ne prova al massimo uno, e nessuno entro %n minuti dall&apos;ultimo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Avvia</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Salva rapporto…</translation>
    </message>
    <message>
        <source>Copy transcript</source>
        <translation>Copia trascrizione</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Atteso</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Osservato</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Fill in the host, account, password and sender, and pick a probe.</source>
        <translation>Compila host, account, password e mittente, e scegli una prova.</translation>
    </message>
    <message>
        <source>The password was not saved: %1</source>
        <translation>La password non è stata salvata: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annullato.</translation>
    </message>
    <message>
        <source>Done: %1 failed, %2 findings.</source>
        <translation>Fatto: %1 fallite, %2 rilievi.</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::TopSendersModel</name>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>External</source>
        <translation>Esterni</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Locali</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rifiutati</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Consegnati</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Differiti</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>Respinti</translation>
    </message>
    <message>
        <source>Daily quota</source>
        <translation>Quota giornaliera</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::TraceView</name>
    <message>
        <source>delivered</source>
        <translation>consegnato</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>differito</translation>
    </message>
    <message>
        <source>bounced</source>
        <translation>respinto</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>scaduto</translation>
    </message>
    <message>
        <source>not tried yet</source>
        <translation>non ancora tentato</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>ricerca in corso…</translation>
    </message>
    <message>
        <source>No relay in the fleet.</source>
        <translation>Nessun relay configurato.</translation>
    </message>
    <message>
        <source>Every relay was asked.</source>
        <translation>Interrogati tutti i relay.</translation>
    </message>
    <message>
        <source>Not covered (not connected or not allowed): %1</source>
        <translation>Non interrogati (non collegati o senza permesso): %1</translation>
    </message>
    <message>
        <source>%1 of %2 messages</source>
        <translation>%1 su %2 messaggi</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n messaggio</numerusform>
            <numerusform>%n messaggi</numerusform>
        </translation>
    </message>
    <message>
        <source>Message %1 (%2)</source>
        <translation>Messaggio %1 (%2)</translation>
    </message>
    <message>
        <source>no name</source>
        <translation>senza nome</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <source>%1 → %2 via %3 (DSN %4, after %5 s)</source>
        <translation>%1 → %2 tramite %3 (DSN %4, dopo %5 s)</translation>
    </message>
    <message>
        <source>%1: finally %2</source>
        <translation>%1: alla fine %2</translation>
    </message>
    <message>
        <source>removed from the queue</source>
        <translation>rimosso dalla coda</translation>
    </message>
    <message>
        <source>Export the trace</source>
        <translation>Esporta la traccia</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <source>Trace exported to %1</source>
        <translation>Traccia esportata in %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossibile scrivere %1: %2</translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation>Mittente:</translation>
    </message>
    <message>
        <source>Recipient:</source>
        <translation>Destinatario:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Stato:</translation>
    </message>
    <message>
        <source>any</source>
        <translation>qualsiasi</translation>
    </message>
    <message>
        <source>Accepted between</source>
        <translation>Accettati tra</translation>
    </message>
    <message>
        <source>and</source>
        <translation>e</translation>
    </message>
    <message>
        <source>Trace on all relays</source>
        <translation>Traccia su tutti i relay</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Esporta CSV…</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accettato</translation>
    </message>
    <message>
        <source>Queue id</source>
        <translation>ID di coda</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Mittente</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatari</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>accepted from %1 (%2), account %3, sender %4, %5</source>
        <translation>accettato da %1 (%2), account %3, mittente %4, %5</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::WhitelistModel</name>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Aggiunto da</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Aggiunto</translation>
    </message>
</context>
</TS>
