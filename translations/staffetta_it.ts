<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
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
        <source>Render each view to PNG files in this directory, then quit.</source>
        <translation>Salva ogni vista come PNG in questa cartella, poi esci.</translation>
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
        <source>No OS keychain is available (%1). Staffetta never stores passwords in plain text: you will be asked for the secret when connecting.</source>
        <translation>Nessun portachiavi di sistema disponibile (%1). Staffetta non salva mai le password in chiaro: il segreto ti verrà chiesto al collegamento.</translation>
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
        <translation>Impossibile raggiungere %1 porta %2: %3</translation>
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
</context>
<context>
    <name>staffetta::fail2ban</name>
    <message>
        <source>Unexpected output of fail2ban-client status %1</source>
        <translation>Output inatteso di fail2ban-client status %1</translation>
    </message>
    <message>
        <source>fail2ban-client %1 failed: %2</source>
        <translation>fail2ban-client %1 non riuscito: %2</translation>
    </message>
</context>
<context>
    <name>staffetta::postfix</name>
    <message>
        <source>postqueue -j output, line %1: not a queue entry</source>
        <translation>output di postqueue -j, riga %1: non è una voce di coda</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 non riuscito: %2</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::FleetModel</name>
    <message>
        <source>%1@%2, port %3</source>
        <translation>%1@%2, porta %3</translation>
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
        <source>Overview</source>
        <translation>Panoramica</translation>
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
        <translation>Bannati ora</translation>
    </message>
    <message>
        <source>Banned in total</source>
        <translation>Bannati in totale</translation>
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
        <source>online · %n queued</source>
        <translation>
            <numerusform>in linea · %n in coda</numerusform>
            <numerusform>in linea · %n in coda</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n banned</source>
        <translation>
            <numerusform>%n bannato</numerusform>
            <numerusform>%n bannati</numerusform>
        </translation>
    </message>
    <message>
        <source>The host key was not trusted; not connected.</source>
        <translation>La chiave host non è stata considerata affidabile; non collegato.</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::RelayDialog</name>
    <message>
        <source>Add relay</source>
        <translation>Aggiungi relay</translation>
    </message>
    <message>
        <source>Edit relay %1</source>
        <translation>Modifica relay %1</translation>
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
        <translation>Host &amp;noti:</translation>
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
        <translation>es. Relay Milano 1</translation>
    </message>
    <message>
        <source>e.g. a customer or a data centre</source>
        <translation>es. un cliente o un data center</translation>
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
</context>
</TS>
