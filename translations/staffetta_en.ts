<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ContentWords</name>
    <message>
        <source>Write the extension without the dot: %1</source>
        <translation>Write the extension without the dot: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a file extension: letters and digits only, like pdf or docx.</source>
        <translation>&quot;%1&quot; is not a file extension: letters and digits only, like pdf or docx.</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 is already in the list.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italian</translation>
    </message>
    <message>
        <source>Off: every attachment passes</source>
        <translation>Off: every attachment passes</translation>
    </message>
    <message>
        <source>Allow-list: only the listed extensions pass</source>
        <translation>Allow-list: only the listed extensions pass</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>Allow-list: %1</source>
        <translation>Allow-list: %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Archive mailbox on the relay</source>
        <translation>Archive mailbox on the relay</translation>
    </message>
    <message>
        <source>Another address</source>
        <translation>Another address</translation>
    </message>
    <message>
        <source>Mailbox %1</source>
        <translation>Mailbox %1</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>To %1</translation>
    </message>
    <message>
        <source>Follow the relay (%1)</source>
        <translation>Follow the relay (%1)</translation>
    </message>
</context>
<context>
    <name>DialogPrompter</name>
    <message>
        <source>Unknown host key — %1</source>
        <translation>Unknown host key — %1</translation>
    </message>
    <message>
        <source>Staffetta has never connected to %1 before.</source>
        <translation>Staffetta has never connected to %1 before.</translation>
    </message>
    <message>
        <source>Its %1 key fingerprint is:
%2

Compare it with the fingerprint your relay&apos;s administrator gave you (ssh-keygen -lf on the relay&apos;s host key). Trust this key and remember it?</source>
        <translation>Its %1 key fingerprint is:
%2

Compare it with the fingerprint your relay&apos;s administrator gave you (ssh-keygen -lf on the relay&apos;s host key). Trust this key and remember it?</translation>
    </message>
    <message>
        <source>Trust and connect</source>
        <translation>Trust and connect</translation>
    </message>
    <message>
        <source>Key passphrase — %1</source>
        <translation>Key passphrase — %1</translation>
    </message>
    <message>
        <source>Password — %1</source>
        <translation>Password — %1</translation>
    </message>
    <message>
        <source>Remember in the system keychain</source>
        <translation>Remember in the system keychain</translation>
    </message>
</context>
<context>
    <name>PolicyChange</name>
    <message>
        <source>%1 (message: &quot;%2&quot;)</source>
        <translation>%1 (message: &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>+ %1: %2</source>
        <translation>+ %1: %2</translation>
    </message>
    <message>
        <source>- %1: %2 (back to the default)</source>
        <translation>- %1: %2 (back to the default)</translation>
    </message>
    <message>
        <source>- %1: %2</source>
        <translation>- %1: %2</translation>
    </message>
    <message>
        <source>~ %1: %2: message &quot;%3&quot; → &quot;%4&quot;</source>
        <translation>~ %1: %2: message &quot;%3&quot; → &quot;%4&quot;</translation>
    </message>
    <message>
        <source>~ %1: %2 → %3</source>
        <translation>~ %1: %2 → %3</translation>
    </message>
    <message>
        <source>- %1: resumed</source>
        <translation>- %1: resumed</translation>
    </message>
    <message>
        <source>+ %1: suspended by %2 (%3): %4</source>
        <translation>+ %1: suspended by %2 (%3): %4</translation>
    </message>
</context>
<context>
    <name>PolicyClient</name>
    <message>
        <source>The relay&apos;s answer has no policy.</source>
        <translation>The relay&apos;s answer has no policy.</translation>
    </message>
    <message>
        <source>The relay sent a policy this console cannot read: %1</source>
        <translation>The relay sent a policy this console cannot read: %1</translation>
    </message>
    <message>
        <source>on the relay itself</source>
        <translation>on the relay itself</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <source>revision %1: %2 (%3) %4, %5</source>
        <translation>revision %1: %2 (%3) %4, %5</translation>
    </message>
</context>
<context>
    <name>PolicyDialogs</name>
    <message>
        <source>Review changes — %1</source>
        <translation>Review changes — %1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to revision %1 of the relay&apos;s policy:</source>
        <translation>
            <numerusform>%n change to revision %1 of the relay&apos;s policy:</numerusform>
            <numerusform>%n changes to revision %1 of the relay&apos;s policy:</numerusform>
        </translation>
    </message>
    <message>
        <source>Comment for the audit log (optional)</source>
        <translation>Comment for the audit log (optional)</translation>
    </message>
    <message>
        <source>Apply to the relay</source>
        <translation>Apply to the relay</translation>
    </message>
    <message>
        <source>Someone else changed the policy — %1</source>
        <translation>Someone else changed the policy — %1</translation>
    </message>
    <message>
        <source>The relay is now at revision %1. Nothing of yours was written. Merge puts your changes on top of theirs for you to review again; Reload drops yours.</source>
        <translation>The relay is now at revision %1. Nothing of yours was written. Merge puts your changes on top of theirs for you to review again; Reload drops yours.</translation>
    </message>
    <message>
        <source>Their change</source>
        <translation>Their change</translation>
    </message>
    <message>
        <source>Your change</source>
        <translation>Your change</translation>
    </message>
    <message>
        <source>Merge my changes</source>
        <translation>Merge my changes</translation>
    </message>
    <message>
        <source>Reload (drop mine)</source>
        <translation>Reload (drop mine)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Lab relay</source>
        <translation>Lab relay</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Lab</translation>
    </message>
    <message>
        <source>Staffetta console</source>
        <translation>Staffetta console</translation>
    </message>
    <message>
        <source>Use this settings file instead of the user&apos;s.</source>
        <translation>Use this settings file instead of the user&apos;s.</translation>
    </message>
    <message>
        <source>Add the lab relay described by this lab.env and connect to it.</source>
        <translation>Add the lab relay described by this lab.env and connect to it.</translation>
    </message>
    <message>
        <source>Language for this run (en, it).</source>
        <translation>Language for this run (en, it).</translation>
    </message>
    <message>
        <source>Save a picture of the window to this PNG file, print its tabs, and quit.</source>
        <translation>Save a picture of the window to this PNG file, print its tabs, and quit.</translation>
    </message>
</context>
<context>
    <name>staffetta::Process</name>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>Cannot run %1: %2</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 ms</source>
        <translation>%1 did not finish within %2 ms</translation>
    </message>
</context>
<context>
    <name>staffetta::SecretStore</name>
    <message>
        <source>No secret is stored in the keychain for this relay.</source>
        <translation>No secret is stored in the keychain for this relay.</translation>
    </message>
    <message>
        <source>The keychain refused the request: %1</source>
        <translation>The keychain refused the request: %1</translation>
    </message>
    <message>
        <source>No keychain is available: the password will be asked each time (Staffetta never stores it in plain text).</source>
        <translation>No keychain is available: the password will be asked each time (Staffetta never stores it in plain text).</translation>
    </message>
</context>
<context>
    <name>staffetta::SshTransport</name>
    <message>
        <source>Canceled.</source>
        <translation>Canceled.</translation>
    </message>
    <message>
        <source>The server sent no host key: %1</source>
        <translation>The server sent no host key: %1</translation>
    </message>
    <message>
        <source>Cannot hash the server&apos;s host key.</source>
        <translation>Cannot hash the server&apos;s host key.</translation>
    </message>
    <message>
        <source>WARNING: the host key of %1 has changed (it now presents %2 %3). This can mean that someone is intercepting the connection. The connection was refused; if the change is expected, remove the old key from %4 and connect again.</source>
        <translation>WARNING: the host key of %1 has changed (it now presents %2 %3). This can mean that someone is intercepting the connection. The connection was refused; if the change is expected, remove the old key from %4 and connect again.</translation>
    </message>
    <message>
        <source>Cannot record the host key in known_hosts: %1</source>
        <translation>Cannot record the host key in known_hosts: %1</translation>
    </message>
    <message>
        <source>The authenticity of host %1 can&apos;t be established. Its %2 key fingerprint is %3.</source>
        <translation>The authenticity of host %1 can&apos;t be established. Its %2 key fingerprint is %3.</translation>
    </message>
    <message>
        <source>Cannot check the host key against known_hosts: %1</source>
        <translation>Cannot check the host key against known_hosts: %1</translation>
    </message>
    <message>
        <source>The key file %1 does not exist.</source>
        <translation>The key file %1 does not exist.</translation>
    </message>
    <message>
        <source>The key %1 is protected by a passphrase.</source>
        <translation>The key %1 is protected by a passphrase.</translation>
    </message>
    <message>
        <source>Cannot read the key %1: wrong passphrase or unsupported format.</source>
        <translation>Cannot read the key %1: wrong passphrase or unsupported format.</translation>
    </message>
    <message>
        <source>A password is needed.</source>
        <translation>A password is needed.</translation>
    </message>
    <message>
        <source>The connection failed during authentication: %1</source>
        <translation>The connection failed during authentication: %1</translation>
    </message>
    <message>
        <source>The relay refused the login of %1 (%2).</source>
        <translation>The relay refused the login of %1 (%2).</translation>
    </message>
    <message>
        <source>no key of the SSH agent was accepted</source>
        <translation>no key of the SSH agent was accepted</translation>
    </message>
    <message>
        <source>the key was not accepted</source>
        <translation>the key was not accepted</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>wrong password</translation>
    </message>
    <message>
        <source>The remote command &apos;%1&apos; may contain only letters, digits and _ . / -</source>
        <translation>The remote command &apos;%1&apos; may contain only letters, digits and _ . / -</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be sent as a command word; data goes as JSON on stdin.</source>
        <translation>&apos;%1&apos; cannot be sent as a command word; data goes as JSON on stdin.</translation>
    </message>
    <message>
        <source>Cannot create an SSH session.</source>
        <translation>Cannot create an SSH session.</translation>
    </message>
    <message>
        <source>Cannot reach %1 port %2: %3</source>
        <translation>Cannot reach %1 port %2: %3</translation>
    </message>
    <message>
        <source>Cannot open an SSH channel: %1</source>
        <translation>Cannot open an SSH channel: %1</translation>
    </message>
    <message>
        <source>The relay refused to run staffettactl: %1</source>
        <translation>The relay refused to run staffettactl: %1</translation>
    </message>
    <message>
        <source>The connection was lost while sending the request: %1</source>
        <translation>The connection was lost while sending the request: %1</translation>
    </message>
    <message>
        <source>The relay did not answer within %1 seconds.</source>
        <translation>The relay did not answer within %1 seconds.</translation>
    </message>
    <message>
        <source>The connection was lost while reading the answer: %1</source>
        <translation>The connection was lost while reading the answer: %1</translation>
    </message>
    <message>
        <source>The relay sent more than %1 on its output for one request; the console stopped reading.</source>
        <translation>The relay sent more than %1 on its output for one request; the console stopped reading.</translation>
    </message>
    <message>
        <source>The relay sent a line longer than %1; the console stopped reading.</source>
        <translation>The relay sent a line longer than %1; the console stopped reading.</translation>
    </message>
    <message>
        <source>The relay sent more than %1 of error messages for one request; the console stopped reading.</source>
        <translation>The relay sent more than %1 of error messages for one request; the console stopped reading.</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>The request is %1 bytes; a relay accepts at most %2 bytes (1 MiB). Nothing was sent.</source>
        <translation>The request is %1 bytes; a relay accepts at most %2 bytes (1 MiB). Nothing was sent.</translation>
    </message>
    <message>
        <source>no SSH answer within %1 s</source>
        <translation>no SSH answer within %1 s</translation>
    </message>
    <message>
        <source>The relay did not answer the login of %1 within %2 s.</source>
        <translation>The relay did not answer the login of %1 within %2 s.</translation>
    </message>
</context>
<context>
    <name>staffetta::api</name>
    <message>
        <source>The relay did not answer with JSON (exit status %1): %2</source>
        <translation>The relay did not answer with JSON (exit status %1): %2</translation>
    </message>
    <message>
        <source>The relay&apos;s answer is not a Staffetta API response.</source>
        <translation>The relay&apos;s answer is not a Staffetta API response.</translation>
    </message>
    <message>
        <source>The relay&apos;s info answer lacks its API or Postfix version.</source>
        <translation>The relay&apos;s info answer lacks its API or Postfix version.</translation>
    </message>
    <message>
        <source>The relay&apos;s streamed answer is broken: %1 (%2 lines).</source>
        <translation>The relay&apos;s streamed answer is broken: %1 (%2 lines).</translation>
    </message>
    <message>
        <source>items that are not JSON objects</source>
        <translation>items that are not JSON objects</translation>
    </message>
    <message>
        <source>lines after the response</source>
        <translation>lines after the response</translation>
    </message>
    <message>
        <source>already on hold</source>
        <translation>already on hold</translation>
    </message>
    <message>
        <source>not on hold</source>
        <translation>not on hold</translation>
    </message>
    <message>
        <source>not deferred (only deferred mail is flushed)</source>
        <translation>not deferred (only deferred mail is flushed)</translation>
    </message>
    <message>
        <source>not in the queue</source>
        <translation>not in the queue</translation>
    </message>
    <message>
        <source>left the queue before the action</source>
        <translation>left the queue before the action</translation>
    </message>
    <message>
        <source>staffettad is not running; the new policy will be used when it starts.</source>
        <translation>staffettad is not running; the new policy will be used when it starts.</translation>
    </message>
    <message>
        <source>staffettad did not confirm the reload within 5 s; see its log.</source>
        <translation>staffettad did not confirm the reload within 5 s; see its log.</translation>
    </message>
    <message>
        <source>the content milter is not running: mail on the submission port is deferred until it starts, with the new policy.</source>
        <translation>the content milter is not running: mail on the submission port is deferred until it starts, with the new policy.</translation>
    </message>
    <message>
        <source>the content milter did not confirm the reload within 5 s; see its log.</source>
        <translation>the content milter did not confirm the reload within 5 s; see its log.</translation>
    </message>
</context>
<context>
    <name>staffetta::client</name>
    <message>
        <source>acknowledge alerts</source>
        <translation>acknowledge alerts</translation>
    </message>
    <message>
        <source>see the relay&apos;s status</source>
        <translation>see the relay&apos;s status</translation>
    </message>
    <message>
        <source>read the policy, usage and audit</source>
        <translation>read the policy, usage and audit</translation>
    </message>
    <message>
        <source>read the mail queue</source>
        <translation>read the mail queue</translation>
    </message>
    <message>
        <source>read the bans and the whitelist</source>
        <translation>read the bans and the whitelist</translation>
    </message>
    <message>
        <source>see every account</source>
        <translation>see every account</translation>
    </message>
    <message>
        <source>change the policy</source>
        <translation>change the policy</translation>
    </message>
    <message>
        <source>change every account and the relay-wide settings</source>
        <translation>change every account and the relay-wide settings</translation>
    </message>
    <message>
        <source>unban addresses</source>
        <translation>unban addresses</translation>
    </message>
    <message>
        <source>change the whitelist</source>
        <translation>change the whitelist</translation>
    </message>
    <message>
        <source>whitelist networks wider than /24 (IPv4) or /64 (IPv6)</source>
        <translation>whitelist networks wider than /24 (IPv4) or /64 (IPv6)</translation>
    </message>
    <message>
        <source>change the mail queue</source>
        <translation>change the mail queue</translation>
    </message>
    <message>
        <source>You may change only your own accounts, not the relay-wide settings.</source>
        <translation>You may change only your own accounts, not the relay-wide settings.</translation>
    </message>
    <message>
        <source>You may change only your own accounts, not %1.</source>
        <translation>You may change only your own accounts, not %1.</translation>
    </message>
    <message>
        <source>You may not authorize %1 for %2: your sender domains are %3.</source>
        <translation>You may not authorize %1 for %2: your sender domains are %3.</translation>
    </message>
    <message>
        <source>You may not send the alerts of %1 to %2: your domains are %3; the relay&apos;s admin can set another address.</source>
        <translation>You may not send the alerts of %1 to %2: your domains are %3; the relay&apos;s admin can set another address.</translation>
    </message>
    <message>
        <source>You may not archive the mail of %1 to %2: your domains are %3.</source>
        <translation>You may not archive the mail of %1 to %2: your domains are %3.</translation>
    </message>
    <message>
        <source>You may set %1 of %2 to at most %3, not %4.</source>
        <translation>You may set %1 of %2 to at most %3, not %4.</translation>
    </message>
    <message>
        <source>Your role (%1) may not %2 on this relay.</source>
        <translation>Your role (%1) may not %2 on this relay.</translation>
    </message>
    <message>
        <source>Your role (%1) may not do this on this relay.</source>
        <translation>Your role (%1) may not do this on this relay.</translation>
    </message>
    <message>
        <source>The policy changed since revision %1 (it is now at revision %2); nothing was written.</source>
        <translation>The policy changed since revision %1 (it is now at revision %2); nothing was written.</translation>
    </message>
    <message>
        <source>%1 is not banned in any jail.</source>
        <translation>%1 is not banned in any jail.</translation>
    </message>
    <message>
        <source>%1 is not on the whitelist.</source>
        <translation>%1 is not on the whitelist.</translation>
    </message>
    <message>
        <source>Message %1 is no longer in the queue.</source>
        <translation>Message %1 is no longer in the queue.</translation>
    </message>
    <message>
        <source>The request is larger than the %1 bytes the relay accepts; nothing was done.</source>
        <translation>The request is larger than the %1 bytes the relay accepts; nothing was done.</translation>
    </message>
    <message>
        <source>The relay refused the policy: %1</source>
        <translation>The relay refused the policy: %1</translation>
    </message>
    <message>
        <source>%1 is not a valid pattern: %2</source>
        <translation>%1 is not a valid pattern: %2</translation>
    </message>
    <message>
        <source>(%1 more)</source>
        <translation>(%1 more)</translation>
    </message>
    <message>
        <source>The relay does not know the command &apos;%1&apos; (is it an older version?).</source>
        <translation>The relay does not know the command &apos;%1&apos; (is it an older version?).</translation>
    </message>
    <message>
        <source>wrong credentials</source>
        <translation>wrong credentials</translation>
    </message>
    <message>
        <source>AUTH without TLS</source>
        <translation>AUTH without TLS</translation>
    </message>
    <message>
        <source>connection dropped during AUTH</source>
        <translation>connection dropped during AUTH</translation>
    </message>
    <message>
        <source>unauthorized sender</source>
        <translation>unauthorized sender</translation>
    </message>
    <message numerus="yes">
        <source>%n failed login(s) — the customer&apos;s mail program probably has an old password.</source>
        <translation>
            <numerusform>%n failed login — the customer&apos;s mail program probably has an old password.</numerusform>
            <numerusform>%n failed logins — the customer&apos;s mail program probably has an old password.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed login(s) as %1 — the customer&apos;s mail program probably has an old password.</source>
        <translation>
            <numerusform>%n failed login as %1 — the customer&apos;s mail program probably has an old password.</numerusform>
            <numerusform>%n failed logins as %1 — the customer&apos;s mail program probably has an old password.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n login(s) tried without encryption — the customer&apos;s mail program must use STARTTLS (or SSL/TLS) for the outgoing server.</source>
        <translation>
            <numerusform>%n login tried without encryption — the customer&apos;s mail program must use STARTTLS (or SSL/TLS) for the outgoing server.</numerusform>
            <numerusform>%n logins tried without encryption — the customer&apos;s mail program must use STARTTLS (or SSL/TLS) for the outgoing server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) dropped in the middle of a login — a mail program that gives up, or someone trying passwords.</source>
        <translation>
            <numerusform>%n connection dropped in the middle of a login — a mail program that gives up, or someone trying passwords.</numerusform>
            <numerusform>%n connections dropped in the middle of a login — a mail program that gives up, or someone trying passwords.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) from a sender address the account may not use — the customer&apos;s mail program sends as an address that is not theirs.</source>
        <translation>
            <numerusform>%n message from a sender address the account may not use — the customer&apos;s mail program sends as an address that is not theirs.</numerusform>
            <numerusform>%n messages from a sender address the account may not use — the customer&apos;s mail program sends as an address that is not theirs.</numerusform>
        </translation>
    </message>
    <message>
        <source>The logs show no failure from this address.</source>
        <translation>The logs show no failure from this address.</translation>
    </message>
    <message>
        <source>The logs show no failure from this address: the ban comes from older log lines or from another jail.</source>
        <translation>The logs show no failure from this address: the ban comes from older log lines or from another jail.</translation>
    </message>
    <message>
        <source>Whitelisting lets a misconfigured mail program retry forever: fix its settings first, and whitelist only an address you know.</source>
        <translation>Whitelisting lets a misconfigured mail program retry forever: fix its settings first, and whitelist only an address you know.</translation>
    </message>
    <message>
        <source>daily quota</source>
        <translation>daily quota</translation>
    </message>
    <message>
        <source>recipients per message</source>
        <translation>recipients per message</translation>
    </message>
    <message>
        <source>message size limit</source>
        <translation>message size limit</translation>
    </message>
    <message>
        <source>quota window</source>
        <translation>quota window</translation>
    </message>
    <message>
        <source>hourly quota</source>
        <translation>hourly quota</translation>
    </message>
    <message>
        <source>daily quota per sender address</source>
        <translation>daily quota per sender address</translation>
    </message>
    <message>
        <source>trusted addresses</source>
        <translation>trusted addresses</translation>
    </message>
    <message>
        <source>language</source>
        <translation>language</translation>
    </message>
    <message>
        <source>attachment rule</source>
        <translation>attachment rule</translation>
    </message>
    <message>
        <source>allowed attachments</source>
        <translation>allowed attachments</translation>
    </message>
    <message>
        <source>Italian attachment notice</source>
        <translation>Italian attachment notice</translation>
    </message>
    <message>
        <source>English attachment notice</source>
        <translation>English attachment notice</translation>
    </message>
    <message>
        <source>BCC archive</source>
        <translation>BCC archive</translation>
    </message>
    <message>
        <source>abuse address</source>
        <translation>abuse address</translation>
    </message>
    <message>
        <source>alert recipients</source>
        <translation>alert recipients</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>contact</translation>
    </message>
    <message>
        <source>alert rule %1</source>
        <translation>alert rule %1</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>off</source>
        <translation>off</translation>
    </message>
    <message>
        <source>allow-list</source>
        <translation>allow-list</translation>
    </message>
    <message>
        <source>the last 24 hours</source>
        <translation>the last 24 hours</translation>
    </message>
    <message>
        <source>the calendar day</source>
        <translation>the calendar day</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italian</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>copies to %1</source>
        <translation>copies to %1</translation>
    </message>
    <message>
        <source>copies to the relay&apos;s archive mailbox</source>
        <translation>copies to the relay&apos;s archive mailbox</translation>
    </message>
    <message>
        <source>copies to the archive mailbox %1</source>
        <translation>copies to the archive mailbox %1</translation>
    </message>
    <message>
        <source>%1 (reply: “%2”)</source>
        <translation>%1 (reply: “%2”)</translation>
    </message>
    <message>
        <source>Local domain %1 removed</source>
        <translation>Local domain %1 removed</translation>
    </message>
    <message>
        <source>Local domain %1 added</source>
        <translation>Local domain %1 added</translation>
    </message>
    <message>
        <source>Test domain %1 removed</source>
        <translation>Test domain %1 removed</translation>
    </message>
    <message numerus="yes">
        <source>Test domain %1 added, %n address(es)</source>
        <translation>
            <numerusform>Test domain %1 added, %n address</numerusform>
            <numerusform>Test domain %1 added, %n addresses</numerusform>
        </translation>
    </message>
    <message>
        <source>Test domain %1: addresses %2 → %3</source>
        <translation>Test domain %1: addresses %2 → %3</translation>
    </message>
    <message>
        <source>Account %1 removed</source>
        <translation>Account %1 removed</translation>
    </message>
    <message>
        <source>New account %1</source>
        <translation>New account %1</translation>
    </message>
    <message>
        <source>%1 may no longer send as %2</source>
        <translation>%1 may no longer send as %2</translation>
    </message>
    <message>
        <source>%1 may send as %2</source>
        <translation>%1 may send as %2</translation>
    </message>
    <message>
        <source>Every account</source>
        <translation>Every account</translation>
    </message>
    <message>
        <source>%1: sender %2 refused</source>
        <translation>%1: sender %2 refused</translation>
    </message>
    <message>
        <source>%1: sender %2 no longer refused</source>
        <translation>%1: sender %2 no longer refused</translation>
    </message>
    <message>
        <source>%1: the reply to sender %2: “%3” → “%4”</source>
        <translation>%1: the reply to sender %2: “%3” → “%4”</translation>
    </message>
    <message>
        <source>Relay-wide %1: %2</source>
        <translation>Relay-wide %1: %2</translation>
    </message>
    <message>
        <source>Relay-wide %1 removed (was %2)</source>
        <translation>Relay-wide %1 removed (was %2)</translation>
    </message>
    <message>
        <source>Relay-wide %1: %2 → %3</source>
        <translation>Relay-wide %1: %2 → %3</translation>
    </message>
    <message>
        <source>%1: resumed</source>
        <translation>%1: resumed</translation>
    </message>
    <message>
        <source>%1: suspended by %2 (%3): %4</source>
        <translation>%1: suspended by %2 (%3): %4</translation>
    </message>
    <message>
        <source>%1: %2 %3 (its own)</source>
        <translation>%1: %2 %3 (its own)</translation>
    </message>
    <message>
        <source>%1: %2 back to the relay&apos;s (was %3)</source>
        <translation>%1: %2 back to the relay&apos;s (was %3)</translation>
    </message>
    <message>
        <source>%1: %2 %3 → %4</source>
        <translation>%1: %2 %3 → %4</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>none, every attachment passes</source>
        <translation>none, every attachment passes</translation>
    </message>
    <message>
        <source>blacklist cap</source>
        <translation>blacklist cap</translation>
    </message>
    <message>
        <source>blacklist entries added for each account</source>
        <translation>blacklist entries added for each account</translation>
    </message>
    <message>
        <source>blacklist cap of each account</source>
        <translation>blacklist cap of each account</translation>
    </message>
    <message>
        <source>%1: %2 %3 (instead of the relay&apos;s %4)</source>
        <translation>%1: %2 %3 (instead of the relay&apos;s %4)</translation>
    </message>
    <message>
        <source>%1: %2 back to the relay&apos;s %3 (was %4)</source>
        <translation>%1: %2 back to the relay&apos;s %3 (was %4)</translation>
    </message>
    <message>
        <source>%1: %2 %3 (the relay&apos;s is off)</source>
        <translation>%1: %2 %3 (the relay&apos;s is off)</translation>
    </message>
    <message>
        <source>check the relay&apos;s reputation</source>
        <translation>check the relay&apos;s reputation</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
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
        <translation>viewer</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>no role</translation>
    </message>
</context>
<context>
    <name>staffetta::policy</name>
    <message>
        <source>is empty</source>
        <translation>is empty</translation>
    </message>
    <message>
        <source>is longer than %1 characters (an address is at most %1)</source>
        <translation>is longer than %1 characters (an address is at most %1)</translation>
    </message>
    <message>
        <source>must contain exactly one @</source>
        <translation>must contain exactly one @</translation>
    </message>
    <message>
        <source>has nothing before the @ (use * for any local part)</source>
        <translation>has nothing before the @ (use * for any local part)</translation>
    </message>
    <message>
        <source>has no domain after the @</source>
        <translation>has no domain after the @</translation>
    </message>
    <message>
        <source>would match every domain (its domain has no fixed character)</source>
        <translation>would match every domain (its domain has no fixed character)</translation>
    </message>
    <message>
        <source>contains the control character %1</source>
        <translation>contains the control character %1</translation>
    </message>
    <message>
        <source>contains &apos;%1&apos;, which an address cannot contain</source>
        <translation>contains &apos;%1&apos;, which an address cannot contain</translation>
    </message>
</context>
<context>
    <name>staffetta::probe</name>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>STARTTLS offered; AUTH refused before STARTTLS; AUTH PLAIN or LOGIN after it; a certificate valid for more than 30 days</source>
        <translation>STARTTLS offered; AUTH refused before STARTTLS; AUTH PLAIN or LOGIN after it; a certificate valid for more than 30 days</translation>
    </message>
    <message>
        <source>No banner: %1</source>
        <translation>No banner: %1</translation>
    </message>
    <message>
        <source>EHLO refused: %1</source>
        <translation>EHLO refused: %1</translation>
    </message>
    <message>
        <source>AUTH is offered before STARTTLS (%1).</source>
        <translation>AUTH is offered before STARTTLS (%1).</translation>
    </message>
    <message>
        <source>AUTH is accepted before STARTTLS: passwords may travel in clear.</source>
        <translation>AUTH is accepted before STARTTLS: passwords may travel in clear.</translation>
    </message>
    <message>
        <source>STARTTLS is not offered.</source>
        <translation>STARTTLS is not offered.</translation>
    </message>
    <message>
        <source>STARTTLS failed: %1</source>
        <translation>STARTTLS failed: %1</translation>
    </message>
    <message>
        <source>EHLO after STARTTLS refused: %1</source>
        <translation>EHLO after STARTTLS refused: %1</translation>
    </message>
    <message>
        <source>The certificate has expired.</source>
        <translation>The certificate has expired.</translation>
    </message>
    <message numerus="yes">
        <source>The certificate expires in %n days.</source>
        <translation>
            <numerusform>The certificate expires in %n day.</numerusform>
            <numerusform>The certificate expires in %n days.</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>Certificate: %1</translation>
    </message>
    <message>
        <source>certificate %1, issued by %2, expires %3, SHA-256 %4</source>
        <translation>certificate %1, issued by %2, expires %3, SHA-256 %4</translation>
    </message>
    <message>
        <source>AUTH %1</source>
        <translation>AUTH %1</translation>
    </message>
    <message>
        <source>Neither AUTH PLAIN nor LOGIN is offered after STARTTLS.</source>
        <translation>Neither AUTH PLAIN nor LOGIN is offered after STARTTLS.</translation>
    </message>
    <message>
        <source>Login refused: %1</source>
        <translation>Login refused: %1</translation>
    </message>
    <message>
        <source>AUTH before STARTTLS refused: %1</source>
        <translation>AUTH before STARTTLS refused: %1</translation>
    </message>
    <message>
        <source>AUTH before STARTTLS: %1</source>
        <translation>AUTH before STARTTLS: %1</translation>
    </message>
    <message>
        <source>%1 accepted</source>
        <translation>%1 accepted</translation>
    </message>
    <message>
        <source>No session: %1</source>
        <translation>No session: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Warning: three refused senders in a row get this desktop&apos;s IP address banned by the relay; a run tries one at most.</source>
        <translation>Warning: three refused senders in a row get this desktop&apos;s IP address banned by the relay; a run tries one at most.</translation>
    </message>
    <message>
        <source>Unauthorized sender not tried: the account may send as %1.</source>
        <translation>Unauthorized sender not tried: the account may send as %1.</translation>
    </message>
    <message>
        <source>Unauthorized sender not tried: one was tried at %1, less than %2 minutes ago.</source>
        <translation>Unauthorized sender not tried: one was tried at %1, less than %2 minutes ago.</translation>
    </message>
    <message>
        <source>; %1 refused with 553</source>
        <translation>; %1 refused with 553</translation>
    </message>
    <message numerus="yes">
        <source>%n recipients, then 452 4.5.3</source>
        <translation>
            <numerusform>%n recipient, then 452 4.5.3</numerusform>
            <numerusform>%n recipients, then 452 4.5.3</numerusform>
        </translation>
    </message>
    <message>
        <source>452 4.5.3 after the account&apos;s limit</source>
        <translation>452 4.5.3 after the account&apos;s limit</translation>
    </message>
    <message>
        <source>MAIL FROM refused: %1</source>
        <translation>MAIL FROM refused: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n recipients accepted</source>
        <translation>
            <numerusform>%n recipient accepted</numerusform>
            <numerusform>%n recipients accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accepted, then: %1</source>
        <translation>
            <numerusform>%n accepted, then: %1</numerusform>
            <numerusform>%n accepted, then: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>all %n test addresses accepted</source>
        <translation>
            <numerusform>%n test address accepted</numerusform>
            <numerusform>all %n test addresses accepted</numerusform>
        </translation>
    </message>
    <message>
        <source>The relay allows %1 recipients, the account&apos;s policy says %2 (another limit of the relay, e.g. Postfix&apos;s smtpd_recipient_limit, comes first).</source>
        <translation>The relay allows %1 recipients, the account&apos;s policy says %2 (another limit of the relay, e.g. Postfix&apos;s smtpd_recipient_limit, comes first).</translation>
    </message>
    <message>
        <source>about %1 bytes accepted, more refused (SIZE %2)</source>
        <translation>about %1 bytes accepted, more refused (SIZE %2)</translation>
    </message>
    <message>
        <source>a size limit</source>
        <translation>a size limit</translation>
    </message>
    <message>
        <source>No limit known: the relay advertises none and the policy was not read.</source>
        <translation>No limit known: the relay advertises none and the policy was not read.</translation>
    </message>
    <message>
        <source>%1 bytes: %2</source>
        <translation>%1 bytes: %2</translation>
    </message>
    <message>
        <source>largest accepted %1 bytes; %2 bytes refused: %3</source>
        <translation>largest accepted %1 bytes; %2 bytes refused: %3</translation>
    </message>
    <message>
        <source>%1 bytes accepted: no limit found</source>
        <translation>%1 bytes accepted: no limit found</translation>
    </message>
    <message>
        <source>(the policy was not read)</source>
        <translation>(the policy was not read)</translation>
    </message>
    <message>
        <source>.%1 accepted, .zip refused with the relay&apos;s notice</source>
        <translation>.%1 accepted, .zip refused with the relay&apos;s notice</translation>
    </message>
    <message>
        <source>.%1 and .zip accepted (.zip is allowed)</source>
        <translation>.%1 and .zip accepted (.zip is allowed)</translation>
    </message>
    <message>
        <source>both accepted: no attachment rule is active</source>
        <translation>both accepted: no attachment rule is active</translation>
    </message>
    <message>
        <source>.%1: %2; .zip: %3</source>
        <translation>.%1: %2; .zip: %3</translation>
    </message>
    <message>
        <source>No attachment rule is active: the .zip file was accepted.</source>
        <translation>No attachment rule is active: the .zip file was accepted.</translation>
    </message>
    <message>
        <source>The relay&apos;s notice: %1</source>
        <translation>The relay&apos;s notice: %1</translation>
    </message>
    <message>
        <source>delivered to the black hole, confirmed by the relay&apos;s message trace</source>
        <translation>delivered to the black hole, confirmed by the relay&apos;s message trace</translation>
    </message>
    <message>
        <source>Not accepted: %1</source>
        <translation>Not accepted: %1</translation>
    </message>
    <message>
        <source>Accepted (%1); not confirmed: no relay connection.</source>
        <translation>Accepted (%1); not confirmed: no relay connection.</translation>
    </message>
    <message>
        <source>Accepted; the relay&apos;s trace failed: %1</source>
        <translation>Accepted; the relay&apos;s trace failed: %1</translation>
    </message>
    <message>
        <source>Accepted, then %1.</source>
        <translation>Accepted, then %1.</translation>
    </message>
    <message>
        <source>Delivered to %1 (%2) %3 s after submission, queue id %4</source>
        <translation>Delivered to %1 (%2) %3 s after submission, queue id %4</translation>
    </message>
    <message>
        <source>the black hole</source>
        <translation>the black hole</translation>
    </message>
    <message>
        <source>Reading the relay&apos;s policy</source>
        <translation>Reading the relay&apos;s policy</translation>
    </message>
    <message>
        <source>The relay did not answer: %1</source>
        <translation>The relay did not answer: %1</translation>
    </message>
    <message>
        <source>The relay names no test domain (policy.json: test_domains): the probes send only to its test addresses.</source>
        <translation>The relay names no test domain (policy.json: test_domains): the probes send only to its test addresses.</translation>
    </message>
    <message>
        <source>The sender is not an e-mail address.</source>
        <translation>The sender is not an e-mail address.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Authorized sender</source>
        <translation>Authorized sender</translation>
    </message>
    <message>
        <source>Recipients per message</source>
        <translation>Recipients per message</translation>
    </message>
    <message>
        <source>Message size</source>
        <translation>Message size</translation>
    </message>
    <message>
        <source>Attachment rules</source>
        <translation>Attachment rules</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>Test delivery</source>
        <translation>Test delivery</translation>
    </message>
    <message>
        <source>Relay %1 port %2, account %3, sender %4; %5 to %6 (UTC)</source>
        <translation>Relay %1 port %2, account %3, sender %4; %5 to %6 (UTC)</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Probe</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Observed</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcript</translation>
    </message>
    <message>
        <source>The test delivery&apos;s time limit of %1 s was reached.</source>
        <translation>The test delivery&apos;s time limit of %1 s was reached.</translation>
    </message>
    <message>
        <source>Accepted; not confirmed: %1</source>
        <translation>Accepted; not confirmed: %1</translation>
    </message>
    <message>
        <source>The relay stopped answering: %1</source>
        <translation>The relay stopped answering: %1</translation>
    </message>
    <message>
        <source>Not run: %1</source>
        <translation>Not run: %1</translation>
    </message>
</context>
<context>
    <name>staffetta::smtp</name>
    <message>
        <source>The server did not answer in time.</source>
        <translation>The server did not answer in time.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation>The connection was closed.</translation>
    </message>
    <message>
        <source>The TLS handshake failed.</source>
        <translation>The TLS handshake failed.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not an SMTP reply.</source>
        <translation>The server&apos;s answer is not an SMTP reply.</translation>
    </message>
    <message>
        <source>The server sent a line longer than 4 KB.</source>
        <translation>The server sent a line longer than 4 KB.</translation>
    </message>
    <message>
        <source>The server&apos;s reply has too many lines.</source>
        <translation>The server&apos;s reply has too many lines.</translation>
    </message>
    <message>
        <source>Cannot use the local address %1: %2</source>
        <translation>Cannot use the local address %1: %2</translation>
    </message>
    <message>
        <source>Connecting to %1 port %2</source>
        <translation>Connecting to %1 port %2</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Cannot connect: %1</translation>
    </message>
    <message>
        <source>The TLS handshake failed: %1</source>
        <translation>The TLS handshake failed: %1</translation>
    </message>
    <message>
        <source>TLS: %1, %2; certificate %3, issued by %4, expires %5</source>
        <translation>TLS: %1, %2; certificate %3, issued by %4, expires %5</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>user name</translation>
    </message>
    <message>
        <source>password</source>
        <translation>password</translation>
    </message>
    <message numerus="yes">
        <source>&lt;message, %n bytes&gt;</source>
        <translation>
            <numerusform>&lt;message, %n byte&gt;</numerusform>
            <numerusform>&lt;message, %n bytes&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>The test delivery&apos;s time limit was reached.</source>
        <translation>The test delivery&apos;s time limit was reached.</translation>
    </message>
    <message>
        <source>The server did not answer within %1 s.</source>
        <translation>The server did not answer within %1 s.</translation>
    </message>
    <message>
        <source>No connection within %1 s.</source>
        <translation>No connection within %1 s.</translation>
    </message>
    <message>
        <source>The TLS handshake did not end within %1 s.</source>
        <translation>The TLS handshake did not end within %1 s.</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AccountLimitsModel</name>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (default)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Daily quota</source>
        <translation>Daily quota</translation>
    </message>
    <message>
        <source>Recipients per message</source>
        <translation>Recipients per message</translation>
    </message>
    <message>
        <source>Used today</source>
        <translation>Used today</translation>
    </message>
    <message>
        <source>Change a limit of %1</source>
        <translation>Change a limit of %1</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>Max message size</source>
        <translation>Max message size</translation>
    </message>
    <message>
        <source>off</source>
        <translation>off</translation>
    </message>
    <message>
        <source>Per hour</source>
        <translation>Per hour</translation>
    </message>
    <message>
        <source>Per sender per day</source>
        <translation>Per sender per day</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Client addresses or networks that relay for this account without authenticating, on the relay&apos;s trusted port (one account per address).</source>
        <translation>Client addresses or networks that relay for this account without authenticating, on the relay&apos;s trusted port (one account per address).</translation>
    </message>
    <message>
        <source>Trusted addresses (no AUTH)</source>
        <translation>Trusted addresses (no AUTH)</translation>
    </message>
    <message>
        <source>Change the trusted addresses of %1</source>
        <translation>Change the trusted addresses of %1</translation>
    </message>
    <message>
        <source>This hour: %1 of %2</source>
        <translation>This hour: %1 of %2</translation>
    </message>
    <message>
        <source>No sender has sent today</source>
        <translation>No sender has sent today</translation>
    </message>
    <message>
        <source>Busiest sender today: %1, %2 of %3</source>
        <translation>Busiest sender today: %1, %2 of %3</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AccountsModel</name>
    <message numerus="yes">
        <source>%n sender(s)</source>
        <translation>
            <numerusform>%n sender</numerusform>
            <numerusform>%n senders</numerusform>
        </translation>
    </message>
    <message>
        <source>checked by the mail server</source>
        <translation>checked by the mail server</translation>
    </message>
    <message>
        <source>set</source>
        <translation>set</translation>
    </message>
    <message>
        <source>none: cannot log in</source>
        <translation>none: cannot log in</translation>
    </message>
    <message>
        <source>Suspended: %1</source>
        <translation>Suspended: %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Authorized senders</source>
        <translation>Authorized senders</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AccountsView</name>
    <message>
        <source>Add an account</source>
        <translation>Add an account</translation>
    </message>
    <message>
        <source>The login is the one the customer&apos;s mail program uses. A password is generated and shown once.</source>
        <translation>The login is the one the customer&apos;s mail program uses. A password is generated and shown once.</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Login:</translation>
    </message>
    <message>
        <source>Authorized senders:</source>
        <translation>Authorized senders:</translation>
    </message>
    <message>
        <source>addresses or patterns, separated by spaces or commas</source>
        <translation>addresses or patterns, separated by spaces or commas</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Generate a new password for %1? The old one stops working at once: every mail program of the customer must be given the new one.</source>
        <translation>Generate a new password for %1? The old one stops working at once: every mail program of the customer must be given the new one.</translation>
    </message>
    <message>
        <source>Suspend %1</source>
        <translation>Suspend %1</translation>
    </message>
    <message>
        <source>Its logins still succeed, but every message is refused (550) with the reply below, and its queued mail is held until it is resumed. Its contact is told by e-mail.</source>
        <translation>Its logins still succeed, but every message is refused (550) with the reply below, and its queued mail is held until it is resumed. Its contact is told by e-mail.</translation>
    </message>
    <message>
        <source>Reason (audited, mailed to the contact):</source>
        <translation>Reason (audited, mailed to the contact):</translation>
    </message>
    <message>
        <source>Reply to the mail program:</source>
        <translation>Reply to the mail program:</translation>
    </message>
    <message>
        <source>default: Account suspended for suspected abuse: contact support</source>
        <translation>default: Account suspended for suspected abuse: contact support</translation>
    </message>
    <message>
        <source>Resume %1</source>
        <translation>Resume %1</translation>
    </message>
    <message>
        <source>Its mail is accepted again and its held messages are delivered.</source>
        <translation>Its mail is accepted again and its held messages are delivered.</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Remove account</translation>
    </message>
    <message>
        <source>Remove %1? Its password and its policy (senders, limits, rules) are removed; its mail programs can no longer send.</source>
        <translation>Remove %1? Its password and its policy (senders, limits, rules) are removed; its mail programs can no longer send.</translation>
    </message>
    <message>
        <source>This relay does not let you see its accounts.</source>
        <translation>This relay does not let you see its accounts.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Account %1 added.</source>
        <translation>Account %1 added.</translation>
    </message>
    <message>
        <source>New password of %1 set.</source>
        <translation>New password of %1 set.</translation>
    </message>
    <message>
        <source>Account %1 removed.</source>
        <translation>Account %1 removed.</translation>
    </message>
    <message numerus="yes">
        <source>%1 suspended: %n queued message(s) on hold.</source>
        <translation>
            <numerusform>%1 suspended: %n queued message on hold.</numerusform>
            <numerusform>%1 suspended: %n queued messages on hold.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 resumed: %n held message(s) released.</source>
        <translation>
            <numerusform>%1 resumed: %n held message released.</numerusform>
            <numerusform>%1 resumed: %n held messages released.</numerusform>
        </translation>
    </message>
    <message>
        <source>Told %1.</source>
        <translation>Told %1.</translation>
    </message>
    <message>
        <source>Nobody was told: %1</source>
        <translation>Nobody was told: %1</translation>
    </message>
    <message>
        <source>The queue was not fully changed: %1</source>
        <translation>The queue was not fully changed: %1</translation>
    </message>
    <message>
        <source>Password of %1</source>
        <translation>Password of %1</translation>
    </message>
    <message>
        <source>The password of %1, shown only now: copy it for the customer. The relay keeps only its hash.</source>
        <translation>The password of %1, shown only now: copy it for the customer. The relay keeps only its hash.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>This relay does not let you change accounts.</source>
        <translation>This relay does not let you change accounts.</translation>
    </message>
    <message>
        <source>Accounts of this relay</source>
        <translation>Accounts of this relay</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>New password…</source>
        <translation>New password…</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>Suspend…</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>Resume…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <source>Delete held mail</source>
        <translation>Delete held mail</translation>
    </message>
    <message>
        <source>Delete the selected held messages of %1 (all of them when none is selected)? They are not delivered and cannot be recovered.</source>
        <translation>Delete the selected held messages of %1 (all of them when none is selected)? They are not delivered and cannot be recovered.</translation>
    </message>
    <message>
        <source>Queue id</source>
        <translation>Queue id</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Mail on hold</source>
        <translation>Mail on hold</translation>
    </message>
    <message>
        <source>Mail of %1 on hold</source>
        <translation>Mail of %1 on hold</translation>
    </message>
    <message numerus="yes">
        <source>Mail of %1 on hold: %n message(s)</source>
        <translation>
            <numerusform>Mail of %1 on hold: %n message</numerusform>
            <numerusform>Mail of %1 on hold: %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n held message(s) released.</source>
        <translation>
            <numerusform>%n held message released.</numerusform>
            <numerusform>%n held messages released.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n held message(s) deleted.</source>
        <translation>
            <numerusform>%n held message deleted.</numerusform>
            <numerusform>%n held messages deleted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>Limits and trusted addresses…</source>
        <translation>Limits and trusted addresses…</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ActivityView</name>
    <message>
        <source>Accepted (external)</source>
        <translation>Accepted (external)</translation>
    </message>
    <message>
        <source>Accepted (local)</source>
        <translation>Accepted (local)</translation>
    </message>
    <message>
        <source>Refused: quota</source>
        <translation>Refused: quota</translation>
    </message>
    <message>
        <source>Refused: sender</source>
        <translation>Refused: sender</translation>
    </message>
    <message>
        <source>Refused: blacklist</source>
        <translation>Refused: blacklist</translation>
    </message>
    <message>
        <source>Refused: recipients</source>
        <translation>Refused: recipients</translation>
    </message>
    <message>
        <source>Refused: size</source>
        <translation>Refused: size</translation>
    </message>
    <message>
        <source>Refused: attachment</source>
        <translation>Refused: attachment</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Deferred</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>Bounced</translation>
    </message>
    <message>
        <source>This relay does not let you see its activity.</source>
        <translation>This relay does not let you see its activity.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n account</numerusform>
            <numerusform>%n accounts</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Loading %1…</translation>
    </message>
    <message>
        <source>No activity of %1 on this relay.</source>
        <translation>No activity of %1 on this relay.</translation>
    </message>
    <message>
        <source>%1: %2 accepted, %3 refused, %4 delivered, %5 deferred, %6 bounced</source>
        <translation>%1: %2 accepted, %3 refused, %4 delivered, %5 deferred, %6 bounced</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Last:</source>
        <translation>Last:</translation>
    </message>
    <message>
        <source>Bars per:</source>
        <translation>Bars per:</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 day</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 days</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 days</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 days</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>hour</translation>
    </message>
    <message>
        <source>day</source>
        <translation>day</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Top senders of the relay (double-click: its charts)</source>
        <translation>Top senders of the relay (double-click: its charts)</translation>
    </message>
    <message>
        <source>Accepted and refused (click a bar: its trace)</source>
        <translation>Accepted and refused (click a bar: its trace)</translation>
    </message>
    <message>
        <source>Delivery attempts</source>
        <translation>Delivery attempts</translation>
    </message>
    <message>
        <source>Daily quota</source>
        <translation>Daily quota</translation>
    </message>
    <message>
        <source>account</source>
        <translation>account</translation>
    </message>
    <message>
        <source>recipients</source>
        <translation>recipients</translation>
    </message>
    <message>
        <source>attempts</source>
        <translation>attempts</translation>
    </message>
    <message>
        <source>Refused: account suspended</source>
        <translation>Refused: account suspended</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nothing</translation>
    </message>
    <message numerus="yes">
        <source>(each series&apos; highest hour of these %n)</source>
        <translation>
            <numerusform>(each series&apos; highest hour of these %n)</numerusform>
            <numerusform>(each series&apos; highest hour of these %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Accepted and refused, the daily quota dashed (click a bar: its trace)</source>
        <translation>Accepted and refused, the daily quota dashed (click a bar: its trace)</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AlertsModel</name>
    <message>
        <source>Daily quota reached</source>
        <translation>Daily quota reached</translation>
    </message>
    <message>
        <source>Hourly rate over the usual</source>
        <translation>Hourly rate over the usual</translation>
    </message>
    <message>
        <source>Too many bounces</source>
        <translation>Too many bounces</translation>
    </message>
    <message>
        <source>Unauthorized senders refused</source>
        <translation>Unauthorized senders refused</translation>
    </message>
    <message>
        <source>Logins from too many addresses</source>
        <translation>Logins from too many addresses</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) today</source>
        <translation>
            <numerusform>%n message today</numerusform>
            <numerusform>%n messages today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) in the hour</source>
        <translation>
            <numerusform>%n message in the hour</numerusform>
            <numerusform>%n messages in the hour</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 % bounced</source>
        <translation>%1 % bounced</translation>
    </message>
    <message numerus="yes">
        <source>%n refusal(s) in the hour</source>
        <translation>
            <numerusform>%n refusal in the hour</numerusform>
            <numerusform>%n refusals in the hour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client address(es) in the hour</source>
        <translation>
            <numerusform>%n client address in the hour</numerusform>
            <numerusform>%n client addresses in the hour</numerusform>
        </translation>
    </message>
    <message>
        <source>quota %1</source>
        <translation>quota %1</translation>
    </message>
    <message>
        <source>over %1 (14-day hourly baseline %2)</source>
        <translation>over %1 (14-day hourly baseline %2)</translation>
    </message>
    <message numerus="yes">
        <source>over %1 % of the last %n deliveries</source>
        <translation>
            <numerusform>over %1 % of the last delivery</numerusform>
            <numerusform>over %1 % of the last %n deliveries</numerusform>
        </translation>
    </message>
    <message>
        <source>over %1</source>
        <translation>over %1</translation>
    </message>
    <message>
        <source>acknowledged by %1</source>
        <translation>acknowledged by %1</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Raised</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Observed</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Threshold</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Listed on a DNS blacklist</source>
        <translation>Listed on a DNS blacklist</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 on %2</translation>
    </message>
    <message>
        <source>no removal page</source>
        <translation>no removal page</translation>
    </message>
    <message>
        <source>removal: %1</source>
        <translation>removal: %1</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AlertsView</name>
    <message>
        <source>Acknowledge the alert</source>
        <translation>Acknowledge the alert</translation>
    </message>
    <message>
        <source>%1 of %2. What was found, for your colleagues (e.g. the ticket, or &quot;a newsletter, expected&quot;):</source>
        <translation>%1 of %2. What was found, for your colleagues (e.g. the ticket, or &quot;a newsletter, expected&quot;):</translation>
    </message>
    <message>
        <source>This relay does not let you see its alerts.</source>
        <translation>This relay does not let you see its alerts.</translation>
    </message>
    <message>
        <source>This relay keeps no history (its event index is not set up).</source>
        <translation>This relay keeps no history (its event index is not set up).</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>%n not acknowledged</source>
        <translation>
            <numerusform>%n not acknowledged</numerusform>
            <numerusform>%n not acknowledged</numerusform>
        </translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation>Alert acknowledged.</translation>
    </message>
    <message>
        <source>This relay does not let you acknowledge alerts.</source>
        <translation>This relay does not let you acknowledge alerts.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Window: %1 to %2</source>
        <translation>Window: %1 to %2</translation>
    </message>
    <message>
        <source>Observed: %1, %2</source>
        <translation>Observed: %1, %2</translation>
    </message>
    <message>
        <source>Sample messages: %1</source>
        <translation>Sample messages: %1</translation>
    </message>
    <message>
        <source>Other evidence: %1</source>
        <translation>Other evidence: %1</translation>
    </message>
    <message>
        <source>Mailed to: %1</source>
        <translation>Mailed to: %1</translation>
    </message>
    <message>
        <source>The warning could not be mailed: %1</source>
        <translation>The warning could not be mailed: %1</translation>
    </message>
    <message>
        <source>Nobody was mailed (no contact or abuse address).</source>
        <translation>Nobody was mailed (no contact or abuse address).</translation>
    </message>
    <message>
        <source>Acknowledged by %1 on %2</source>
        <translation>Acknowledged by %1 on %2</translation>
    </message>
    <message>
        <source>Comment: %1</source>
        <translation>Comment: %1</translation>
    </message>
    <message>
        <source>Alerts of abnormal sending</source>
        <translation>Alerts of abnormal sending</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Acknowledge…</source>
        <translation>Acknowledge…</translation>
    </message>
    <message>
        <source>Show activity</source>
        <translation>Show activity</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AuditModel</name>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>refused: someone else changed it first</source>
        <translation>refused: someone else changed it first</translation>
    </message>
    <message>
        <source>refused: not allowed</source>
        <translation>refused: not allowed</translation>
    </message>
    <message>
        <source>refused: invalid policy</source>
        <translation>refused: invalid policy</translation>
    </message>
    <message>
        <source>refused: bad request</source>
        <translation>refused: bad request</translation>
    </message>
    <message>
        <source>refused: not found</source>
        <translation>refused: not found</translation>
    </message>
    <message>
        <source>refused: request too large</source>
        <translation>refused: request too large</translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation>failed (%1)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Verb</source>
        <translation>Verb</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::AuditView</name>
    <message>
        <source>This relay does not let you see its audit log.</source>
        <translation>This relay does not let you see its audit log.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Every verb</source>
        <translation>Every verb</translation>
    </message>
    <message>
        <source>Every outcome</source>
        <translation>Every outcome</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Refused or failed</source>
        <translation>Refused or failed</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Last 24 hours</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Select an entry to see what it changed.</source>
        <translation>Select an entry to see what it changed.</translation>
    </message>
    <message>
        <source>%1 by %2, %3: %4</source>
        <translation>%1 by %2, %3: %4</translation>
    </message>
    <message>
        <source>(revision %1)</source>
        <translation>(revision %1)</translation>
    </message>
    <message>
        <source>Every write on the relay, and every refused one, newest first</source>
        <translation>Every write on the relay, and every refused one, newest first</translation>
    </message>
    <message>
        <source>Who (user name)</source>
        <translation>Who (user name)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) shown, of %1 read</source>
        <translation>
            <numerusform>%n entry shown, of %1 read</numerusform>
            <numerusform>%n entries shown, of %1 read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::BansModel</name>
    <message>
        <source>permanent</source>
        <translation>permanent</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>(no log lines found)</source>
        <translation>(no log lines found)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Jail</source>
        <translation>Jail</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Banned since</source>
        <translation>Banned since</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Remaining</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::BansView</name>
    <message>
        <source>Whitelist %1</source>
        <translation>Whitelist %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>%n banned</source>
        <translation>
            <numerusform>%n banned</numerusform>
            <numerusform>%n banned</numerusform>
        </translation>
    </message>
    <message>
        <source>Why %1 is banned: %2</source>
        <translation>Why %1 is banned: %2</translation>
    </message>
    <message>
        <source>no failure found in the logs</source>
        <translation>no failure found in the logs</translation>
    </message>
    <message>
        <source>%1 unbanned (%2).</source>
        <translation>%1 unbanned (%2).</translation>
    </message>
    <message>
        <source>%1 is on the whitelist.</source>
        <translation>%1 is on the whitelist.</translation>
    </message>
    <message>
        <source>%1 is no longer on the whitelist.</source>
        <translation>%1 is no longer on the whitelist.</translation>
    </message>
    <message>
        <source>Banned addresses</source>
        <translation>Banned addresses</translation>
    </message>
    <message>
        <source>Whitelist (never banned)</source>
        <translation>Whitelist (never banned)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Unban</source>
        <translation>Unban</translation>
    </message>
    <message>
        <source>Whitelist…</source>
        <translation>Whitelist…</translation>
    </message>
    <message>
        <source>This relay does not let you unban addresses.</source>
        <translation>This relay does not let you unban addresses.</translation>
    </message>
    <message>
        <source>This relay does not let you change its whitelist.</source>
        <translation>This relay does not let you change its whitelist.</translation>
    </message>
    <message>
        <source>This relay does not let you see its bans.</source>
        <translation>This relay does not let you see its bans.</translation>
    </message>
    <message>
        <source>Type an IP address (192.0.2.7) or a network (192.0.2.0/24).</source>
        <translation>Type an IP address (192.0.2.7) or a network (192.0.2.0/24).</translation>
    </message>
    <message>
        <source>“%1” is not an IP address or a network: type one such as 192.0.2.7 or 192.0.2.0/24.</source>
        <translation>“%1” is not an IP address or a network: type one such as 192.0.2.7 or 192.0.2.0/24.</translation>
    </message>
    <message>
        <source>%1 is wider than /24 (IPv4) or /64 (IPv6): this relay does not let you whitelist such a network.</source>
        <translation>%1 is wider than /24 (IPv4) or /64 (IPv6): this relay does not let you whitelist such a network.</translation>
    </message>
    <message>
        <source>Add to the whitelist</source>
        <translation>Add to the whitelist</translation>
    </message>
    <message>
        <source>192.0.2.7 or 192.0.2.0/24</source>
        <translation>192.0.2.7 or 192.0.2.0/24</translation>
    </message>
    <message>
        <source>the customer and the ticket, e.g. Rossi srl, #4711</source>
        <translation>the customer and the ticket, e.g. Rossi srl, #4711</translation>
    </message>
    <message>
        <source>A whitelisted address is never banned on this relay (a ban in force is lifted).</source>
        <translation>A whitelisted address is never banned on this relay (a ban in force is lifted).</translation>
    </message>
    <message>
        <source>Whitelist</source>
        <translation>Whitelist</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>%1 is not banned any more.</source>
        <translation>%1 is not banned any more.</translation>
    </message>
    <message>
        <source>Whitelist any address or network, banned or not.</source>
        <translation>Whitelist any address or network, banned or not.</translation>
    </message>
    <message>
        <source>Reading the log lines…</source>
        <translation>Reading the log lines…</translation>
    </message>
    <message>
        <source>%1 is not banned.</source>
        <translation>%1 is not banned.</translation>
    </message>
    <message>
        <source>Why %1 is banned:</source>
        <translation>Why %1 is banned:</translation>
    </message>
    <message>
        <source>On the whitelist since %1 (%2): %3</source>
        <translation>On the whitelist since %1 (%2): %3</translation>
    </message>
    <message>
        <source>What the logs say:</source>
        <translation>What the logs say:</translation>
    </message>
    <message>
        <source>Remove from the whitelist</source>
        <translation>Remove from the whitelist</translation>
    </message>
    <message>
        <source>Remove %1 from the whitelist? It can be banned again after failed logins, like any other address.</source>
        <translation>Remove %1 from the whitelist? It can be banned again after failed logins, like any other address.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Keep it</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Remove from whitelist…</source>
        <translation>Remove from whitelist…</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ContentScopesModel</name>
    <message>
        <source>Relay defaults</source>
        <translation>Relay defaults</translation>
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
        <translation>Language</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>BCC archive</source>
        <translation>BCC archive</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ContentView</name>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>The relay&apos;s refusals are written in:</source>
        <translation>The relay&apos;s refusals are written in:</translation>
    </message>
    <message>
        <source>Dangerous attachments</source>
        <translation>Dangerous attachments</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>Rule:</translation>
    </message>
    <message>
        <source>This account has its own list of allowed extensions</source>
        <translation>This account has its own list of allowed extensions</translation>
    </message>
    <message>
        <source>Extension to allow, e.g. docx</source>
        <translation>Extension to allow, e.g. docx</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Allow</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Notice of the refusal</source>
        <translation>Notice of the refusal</translation>
    </message>
    <message>
        <source>Italian:</source>
        <translation>Italian:</translation>
    </message>
    <message>
        <source>English:</source>
        <translation>English:</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Preview:</translation>
    </message>
    <message>
        <source>Use this wording</source>
        <translation>Use this wording</translation>
    </message>
    <message>
        <source>Default wording</source>
        <translation>Default wording</translation>
    </message>
    <message>
        <source>BCC archive</source>
        <translation>BCC archive</translation>
    </message>
    <message>
        <source>Copy of every accepted message:</source>
        <translation>Copy of every accepted message:</translation>
    </message>
    <message>
        <source>Policy not loaded</source>
        <translation>Policy not loaded</translation>
    </message>
    <message>
        <source>Relay defaults: every account without a value of its own follows them</source>
        <translation>Relay defaults: every account without a value of its own follows them</translation>
    </message>
    <message>
        <source>Relay defaults (read-only for your role)</source>
        <translation>Relay defaults (read-only for your role)</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
    <message>
        <source>Account %1 (read-only for your role)</source>
        <translation>Account %1 (read-only for your role)</translation>
    </message>
    <message>
        <source>The notice is the relay&apos;s; this account&apos;s customers read it in %1.</source>
        <translation>The notice is the relay&apos;s; this account&apos;s customers read it in %1.</translation>
    </message>
    <message>
        <source>What a sender reads when an attachment is refused (554 5.7.1): each line is a line of the reply, {filename} is the attachment&apos;s name. Plain ASCII: write e&apos; for è.</source>
        <translation>What a sender reads when an attachment is refused (554 5.7.1): each line is a line of the reply, {filename} is the attachment&apos;s name. Plain ASCII: write e&apos; for è.</translation>
    </message>
    <message>
        <source>A notice is 1 to 10 lines of at most 200 characters, in plain ASCII (write e&apos; for è).</source>
        <translation>A notice is 1 to 10 lines of at most 200 characters, in plain ASCII (write e&apos; for è).</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Archive mailbox:</source>
        <translation>Archive mailbox:</translation>
    </message>
    <message>
        <source>archive@example.com</source>
        <translation>archive@example.com</translation>
    </message>
    <message>
        <source>Mailbox name on the relay, e.g. archivio</source>
        <translation>Mailbox name on the relay, e.g. archivio</translation>
    </message>
    <message>
        <source>The copies go to this address; how long they are kept is up to that mailbox. Copies never count against the quota.</source>
        <translation>The copies go to this address; how long they are kept is up to that mailbox. Copies never count against the quota.</translation>
    </message>
    <message>
        <source>No copies are made.</source>
        <translation>No copies are made.</translation>
    </message>
    <message>
        <source>Change the language of the refusals</source>
        <translation>Change the language of the refusals</translation>
    </message>
    <message>
        <source>Change the attachment rule</source>
        <translation>Change the attachment rule</translation>
    </message>
    <message>
        <source>Give %1 its own allowed extensions</source>
        <translation>Give %1 its own allowed extensions</translation>
    </message>
    <message>
        <source>%1 follows the relay&apos;s allowed extensions</source>
        <translation>%1 follows the relay&apos;s allowed extensions</translation>
    </message>
    <message>
        <source>Allow .%1</source>
        <translation>Allow .%1</translation>
    </message>
    <message>
        <source>Remove .%1</source>
        <translation>Remove .%1</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n extension(s)</source>
        <translation>
            <numerusform>Remove %n extension</numerusform>
            <numerusform>Remove %n extensions</numerusform>
        </translation>
    </message>
    <message>
        <source>Change the notice of the refusal</source>
        <translation>Change the notice of the refusal</translation>
    </message>
    <message>
        <source>Type the name of the archive mailbox.</source>
        <translation>Type the name of the archive mailbox.</translation>
    </message>
    <message>
        <source>Type the address the copies go to.</source>
        <translation>Type the address the copies go to.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a mailbox name: 1 to 64 lower-case letters, digits, dots, dashes or underscores.</source>
        <translation>&quot;%1&quot; is not a mailbox name: 1 to 64 lower-case letters, digits, dots, dashes or underscores.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address: write name@domain.</source>
        <translation>&quot;%1&quot; is not an e-mail address: write name@domain.</translation>
    </message>
    <message>
        <source>Change the BCC archive</source>
        <translation>Change the BCC archive</translation>
    </message>
    <message>
        <source>the archive mailbox %1 on the relay</source>
        <translation>the archive mailbox %1 on the relay</translation>
    </message>
    <message>
        <source>A copy of every message sent by the accounts that follow the relay&apos;s setting will go to %1.</source>
        <translation>A copy of every message sent by the accounts that follow the relay&apos;s setting will go to %1.</translation>
    </message>
    <message>
        <source>A copy of every message that %1 sends will go to %2.</source>
        <translation>A copy of every message that %1 sends will go to %2.</translation>
    </message>
    <message>
        <source>Turn on the BCC archive?</source>
        <translation>Turn on the BCC archive?</translation>
    </message>
    <message>
        <source>The owners of the mailboxes have been informed</source>
        <translation>The owners of the mailboxes have been informed</translation>
    </message>
    <message>
        <source>Turn on the archive</source>
        <translation>Turn on the archive</translation>
    </message>
    <message>
        <source>The archive mailbox keeps each copy 7 days, then deletes it by itself (Dovecot&apos;s setting on the relay, not changed here). Read it over POP3 with the mailbox&apos;s login.</source>
        <translation>The archive mailbox keeps each copy 7 days, then deletes it by itself (Dovecot&apos;s setting on the relay, not changed here). Read it over POP3 with the mailbox&apos;s login.</translation>
    </message>
    <message>
        <source>Before you turn it on, inform the people who use these mailboxes. Archiving the mail of a personal mailbox (name.surname@…) is processing of personal data under the GDPR: its owner must be told beforehand what is copied, why, where the copies go and how long they are kept (art. 13 GDPR). For employees, the rules on monitoring at work apply too (in Italy, art. 4 of the Workers&apos; Statute, law 300/1970). If in doubt, ask your data protection officer.</source>
        <translation>Before you turn it on, inform the people who use these mailboxes. Archiving the mail of a personal mailbox (name.surname@…) is processing of personal data under the GDPR: its owner must be told beforehand what is copied, why, where the copies go and how long they are kept (art. 13 GDPR). For employees, the rules on monitoring at work apply too (in Italy, art. 4 of the Workers&apos; Statute, law 300/1970). If in doubt, ask your data protection officer.</translation>
    </message>
    <message>
        <source>Copies in the archive mailbox on the relay are kept 7 days, then deleted.</source>
        <translation>Copies in the archive mailbox on the relay are kept 7 days, then deleted.</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::DraftBar</name>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Review and apply…</source>
        <translation>Review and apply…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Reading the policy…</source>
        <translation>Reading the policy…</translation>
    </message>
    <message>
        <source>Policy not loaded</source>
        <translation>Policy not loaded</translation>
    </message>
    <message numerus="yes">
        <source>Revision %1 · %n unapplied change(s) · your role: %2</source>
        <translation>
            <numerusform>Revision %1 · %n unapplied change · your role: %2</numerusform>
            <numerusform>Revision %1 · %n unapplied changes · your role: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Revision %1 · no unapplied changes · your role: %2</source>
        <translation>Revision %1 · no unapplied changes · your role: %2</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::FleetModel</name>
    <message>
        <source>%1@%2, port %3</source>
        <translation>%1@%2, port %3</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n alert</numerusform>
            <numerusform>%n alerts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::HistoryModel</name>
    <message>
        <source>admin</source>
        <translation>admin</translation>
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
        <translation>viewer</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>on the relay itself</source>
        <translation>on the relay itself</translation>
    </message>
    <message>
        <source>Edited by hand on the relay</source>
        <translation>Edited by hand on the relay</translation>
    </message>
    <message>
        <source>The first policy</source>
        <translation>The first policy</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <source>Account added</source>
        <translation>Account added</translation>
    </message>
    <message>
        <source>Account removed</source>
        <translation>Account removed</translation>
    </message>
    <message>
        <source>Account suspended</source>
        <translation>Account suspended</translation>
    </message>
    <message>
        <source>Account resumed</source>
        <translation>Account resumed</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>no change</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (in force)</source>
        <translation>%1 (in force)</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Changes</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::HistoryView</name>
    <message>
        <source>This relay does not let you see its policy&apos;s history.</source>
        <translation>This relay does not let you see its policy&apos;s history.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s); the relay is at revision %1</source>
        <translation>
            <numerusform>%n revision; the relay is at revision %1</numerusform>
            <numerusform>%n revisions; the relay is at revision %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a revision to see what it changed, or two to compare them.</source>
        <translation>Select a revision to see what it changed, or two to compare them.</translation>
    </message>
    <message>
        <source>Select two revisions to compare them.</source>
        <translation>Select two revisions to compare them.</translation>
    </message>
    <message>
        <source>by %1 %2, %3</source>
        <translation>by %1 %2, %3</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>from %1</translation>
    </message>
    <message numerus="yes">
        <source>Revision %1, %2: %n change(s) to revision %3</source>
        <translation>
            <numerusform>Revision %1, %2: %n change to revision %3</numerusform>
            <numerusform>Revision %1, %2: %n changes to revision %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revision %1, %2: %n change(s)</source>
        <translation>
            <numerusform>Revision %1, %2: %n change</numerusform>
            <numerusform>Revision %1, %2: %n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>From revision %1 to revision %2: loading…</source>
        <translation>From revision %1 to revision %2: loading…</translation>
    </message>
    <message>
        <source>From revision %1 to revision %2: %3</source>
        <translation>From revision %1 to revision %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>From revision %1 to revision %2: %n change(s)</source>
        <translation>
            <numerusform>From revision %1 to revision %2: %n change</numerusform>
            <numerusform>From revision %1 to revision %2: %n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>Revision %1 is the one in force: there is nothing to roll back.</source>
        <translation>Revision %1 is the one in force: there is nothing to roll back.</translation>
    </message>
    <message>
        <source>Comparing with revision %1…</source>
        <translation>Comparing with revision %1…</translation>
    </message>
    <message>
        <source>Not rolled back: %1</source>
        <translation>Not rolled back: %1</translation>
    </message>
    <message>
        <source>Revision %1 is the same as the policy in force: there is nothing to roll back.</source>
        <translation>Revision %1 is the same as the policy in force: there is nothing to roll back.</translation>
    </message>
    <message>
        <source>Rolling %1 back to revision %2…</source>
        <translation>Rolling %1 back to revision %2…</translation>
    </message>
    <message>
        <source>Rolled back to revision %1: the relay is at revision %2.</source>
        <translation>Rolled back to revision %1: the relay is at revision %2.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warning: %1</translation>
    </message>
    <message>
        <source>Not rolled back: the relay is at revision %1 now.</source>
        <translation>Not rolled back: the relay is at revision %1 now.</translation>
    </message>
    <message>
        <source>The relay is now at revision %1: someone changed the policy after you looked. Nothing was rolled back. Review again shows what rolling back to revision %2 changes now, their change included.</source>
        <translation>The relay is now at revision %1: someone changed the policy after you looked. Nothing was rolled back. Review again shows what rolling back to revision %2 changes now, their change included.</translation>
    </message>
    <message>
        <source>Review the rollback again</source>
        <translation>Review the rollback again</translation>
    </message>
    <message>
        <source>Drop the rollback</source>
        <translation>Drop the rollback</translation>
    </message>
    <message>
        <source>This relay does not let you change its policy.</source>
        <translation>This relay does not let you change its policy.</translation>
    </message>
    <message>
        <source>Revisions of the relay&apos;s policy (select two to compare them)</source>
        <translation>Revisions of the relay&apos;s policy (select two to compare them)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Roll back to this revision…</source>
        <translation>Roll back to this revision…</translation>
    </message>
    <message>
        <source>The relay&apos;s policy file cannot be used (%1): roll back to a revision, the one in force too, to restore it.</source>
        <translation>The relay&apos;s policy file cannot be used (%1): roll back to a revision, the one in force too, to restore it.</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Roll back</translation>
    </message>
    <message>
        <source>Write revision %1 over the relay&apos;s broken policy file?</source>
        <translation>Write revision %1 over the relay&apos;s broken policy file?</translation>
    </message>
    <message>
        <source>restore the broken policy file from revision %1</source>
        <translation>restore the broken policy file from revision %1</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::LimitsView</name>
    <message>
        <source>Relay defaults</source>
        <translation>Relay defaults</translation>
    </message>
    <message>
        <source>Daily quota (messages, one per outside recipient):</source>
        <translation>Daily quota (messages, one per outside recipient):</translation>
    </message>
    <message>
        <source>Quota window:</source>
        <translation>Quota window:</translation>
    </message>
    <message>
        <source>Recipients per message:</source>
        <translation>Recipients per message:</translation>
    </message>
    <message>
        <source>Maximum message size:</source>
        <translation>Maximum message size:</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> bytes</translation>
    </message>
    <message>
        <source>Calendar day (relay&apos;s time zone)</source>
        <translation>Calendar day (relay&apos;s time zone)</translation>
    </message>
    <message>
        <source>Rolling 24 hours</source>
        <translation>Rolling 24 hours</translation>
    </message>
    <message>
        <source>Accounts (double-click a limit to override it; empty it to use the default)</source>
        <translation>Accounts (double-click a limit to override it; empty it to use the default)</translation>
    </message>
    <message>
        <source>Change the relay defaults</source>
        <translation>Change the relay defaults</translation>
    </message>
    <message>
        <source>Usage unavailable: %1</source>
        <translation>Usage unavailable: %1</translation>
    </message>
    <message>
        <source>Usage as of %1</source>
        <translation>Usage as of %1</translation>
    </message>
    <message>
        <source>= %1</source>
        <translation>= %1</translation>
    </message>
    <message>
        <source>Relay-wide blacklist (entries):</source>
        <translation>Relay-wide blacklist (entries):</translation>
    </message>
    <message>
        <source>plus, for each account:</source>
        <translation>plus, for each account:</translation>
    </message>
    <message>
        <source>Blacklist of each account (entries):</source>
        <translation>Blacklist of each account (entries):</translation>
    </message>
    <message>
        <source>Local domains (mail to them is delivered here and never counts against a quota)</source>
        <translation>Local domains (mail to them is delivered here and never counts against a quota)</translation>
    </message>
    <message>
        <source>Domain, e.g. example.com</source>
        <translation>Domain, e.g. example.com</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain name</source>
        <translation>&quot;%1&quot; is not a domain name</translation>
    </message>
    <message>
        <source>%1 is already a local domain</source>
        <translation>%1 is already a local domain</translation>
    </message>
    <message>
        <source>%1 is a test domain: its mail goes to the black hole</source>
        <translation>%1 is a test domain: its mail goes to the black hole</translation>
    </message>
    <message>
        <source>Add the local domain %1</source>
        <translation>Add the local domain %1</translation>
    </message>
    <message numerus="yes">
        <source>Remove the local domain(s) %1</source>
        <translation>
            <numerusform>Remove the local domain %1</numerusform>
            <numerusform>Remove the local domains %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::MainWindow</name>
    <message>
        <source>About Staffetta</source>
        <translation>About Staffetta</translation>
    </message>
    <message>
        <source>Staffetta %1 — the console for outbound SMTP relays.</source>
        <translation>Staffetta %1 — the console for outbound SMTP relays.</translation>
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
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Add relay…</source>
        <translation>&amp;Add relay…</translation>
    </message>
    <message>
        <source>&amp;Edit relay…</source>
        <translation>&amp;Edit relay…</translation>
    </message>
    <message>
        <source>Re&amp;move relay</source>
        <translation>Re&amp;move relay</translation>
    </message>
    <message>
        <source>&amp;Connect / refresh</source>
        <translation>&amp;Connect / refresh</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;About Staffetta</source>
        <translation>&amp;About Staffetta</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>Remove relay</source>
        <translation>Remove relay</translation>
    </message>
    <message>
        <source>Remove the relay %1 from this console? Its saved secret is removed from the keychain too; the relay itself is not touched.</source>
        <translation>Remove the relay %1 from this console? Its saved secret is removed from the keychain too; the relay itself is not touched.</translation>
    </message>
    <message>
        <source>The secret of %1 is saved in the system keychain.</source>
        <translation>The secret of %1 is saved in the system keychain.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Search IP, address or queue id on all relays</source>
        <translation>Search IP, address or queue id on all relays</translation>
    </message>
    <message>
        <source>%1 does not answer%2. What you see was read at %3 and may be out of date; the actions that need the relay are off until it answers again.</source>
        <translation>%1 does not answer%2. What you see was read at %3 and may be out of date; the actions that need the relay are off until it answers again.</translation>
    </message>
    <message>
        <source>On %1 these are down: %2. Mail may wait or be refused until they run again.</source>
        <translation>On %1 these are down: %2. Mail may wait or be refused until they run again.</translation>
    </message>
    <message>
        <source>Unapplied changes</source>
        <translation>Unapplied changes</translation>
    </message>
    <message numerus="yes">
        <source>%n policy draft(s) not applied yet. Quit anyway and lose them?</source>
        <translation>
            <numerusform>%n policy draft not applied yet. Quit anyway and lose it?</numerusform>
            <numerusform>%n policy drafts not applied yet. Quit anyway and lose them?</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit and lose them</source>
        <translation>Quit and lose them</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Overview</translation>
    </message>
    <message>
        <source>&amp;Senders</source>
        <translation>&amp;Senders</translation>
    </message>
    <message>
        <source>Li&amp;mits</source>
        <translation>Li&amp;mits</translation>
    </message>
    <message>
        <source>&amp;Content</source>
        <translation>&amp;Content</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Queue</translation>
    </message>
    <message>
        <source>&amp;Bans</source>
        <translation>&amp;Bans</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>&amp;Activity</translation>
    </message>
    <message>
        <source>&amp;Trace</source>
        <translation>&amp;Trace</translation>
    </message>
    <message>
        <source>Al&amp;erts</source>
        <translation>Al&amp;erts</translation>
    </message>
    <message>
        <source>Acco&amp;unts</source>
        <translation>Acco&amp;unts</translation>
    </message>
    <message>
        <source>Test &amp;delivery</source>
        <translation>Test &amp;delivery</translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation>Histor&amp;y</translation>
    </message>
    <message>
        <source>Aud&amp;it</source>
        <translation>Aud&amp;it</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::OverviewView</name>
    <message>
        <source>Relay host name:</source>
        <translation>Relay host name:</translation>
    </message>
    <message>
        <source>Postfix version:</source>
        <translation>Postfix version:</translation>
    </message>
    <message>
        <source>Staffetta on the relay:</source>
        <translation>Staffetta on the relay:</translation>
    </message>
    <message>
        <source>Last update:</source>
        <translation>Last update:</translation>
    </message>
    <message>
        <source>Mail queues</source>
        <translation>Mail queues</translation>
    </message>
    <message>
        <source>fail2ban jails</source>
        <translation>fail2ban jails</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Jail</source>
        <translation>Jail</translation>
    </message>
    <message>
        <source>Banned now</source>
        <translation>Banned now</translation>
    </message>
    <message>
        <source>Banned in total</source>
        <translation>Banned in total</translation>
    </message>
    <message>
        <source>Failures now</source>
        <translation>Failures now</translation>
    </message>
    <message>
        <source>No relay selected</source>
        <translation>No relay selected</translation>
    </message>
    <message>
        <source>Add a relay with Relay ▸ Add relay…, or select one on the left.</source>
        <translation>Add a relay with Relay ▸ Add relay…, or select one on the left.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>%1 (API %2)</source>
        <translation>%1 (API %2)</translation>
    </message>
    <message>
        <source>fail2ban unavailable: %1</source>
        <translation>fail2ban unavailable: %1</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::PatternListEditor</name>
    <message>
        <source>Authorized senders</source>
        <translation>Authorized senders</translation>
    </message>
    <message>
        <source>name@example.com, *@example.com or *@*.example.com</source>
        <translation>name@example.com, *@example.com or *@*.example.com</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Add patterns from a text file, one per line</source>
        <translation>Add patterns from a text file, one per line</translation>
    </message>
    <message>
        <source>Blacklisted senders of this account</source>
        <translation>Blacklisted senders of this account</translation>
    </message>
    <message>
        <source>Relay-wide blacklist (every account)</source>
        <translation>Relay-wide blacklist (every account)</translation>
    </message>
    <message>
        <source>Sender pattern, e.g. *@spammer.example</source>
        <translation>Sender pattern, e.g. *@spammer.example</translation>
    </message>
    <message>
        <source>Message for the sender (optional)</source>
        <translation>Message for the sender (optional)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Import senders</source>
        <translation>Import senders</translation>
    </message>
    <message>
        <source>Text files (*.txt *.csv *.list)</source>
        <translation>Text files (*.txt *.csv *.list)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n pattern(s).</source>
        <translation>
            <numerusform>Imported %n pattern.</numerusform>
            <numerusform>Imported %n patterns.</numerusform>
        </translation>
    </message>
    <message>
        <source>line %1: &quot;%2&quot;: %3</source>
        <translation>line %1: &quot;%2&quot;: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) are not valid patterns and are left out.</source>
        <translation>
            <numerusform>%n line is not a valid pattern and is left out.</numerusform>
            <numerusform>%n lines are not valid patterns and are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add the %n valid one(s)</source>
        <translation>
            <numerusform>Add the %n valid one</numerusform>
            <numerusform>Add the %n valid ones</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message numerus="yes">
        <source>The relay allows at most %n entries in this list.</source>
        <translation>
            <numerusform>The relay allows at most %n entries in this list.</numerusform>
            <numerusform>The relay allows at most %n entries in this list.</numerusform>
        </translation>
    </message>
    <message>
        <source>The list is full: remove an entry first (%1)</source>
        <translation>The list is full: remove an entry first (%1)</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::PatternTableModel</name>
    <message>
        <source>Address or pattern</source>
        <translation>Address or pattern</translation>
    </message>
    <message>
        <source>Sender pattern</source>
        <translation>Sender pattern</translation>
    </message>
    <message>
        <source>Message added to the refusal</source>
        <translation>Message added to the refusal</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Edit %1</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Add %1</translation>
    </message>
    <message numerus="yes">
        <source>Import %n pattern(s)</source>
        <translation>
            <numerusform>Import %n pattern</numerusform>
            <numerusform>Import %n patterns</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Remove %1</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n pattern(s)</source>
        <translation>
            <numerusform>Remove %n pattern</numerusform>
            <numerusform>Remove %n patterns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::PolicyEditor</name>
    <message>
        <source>Connect to the relay first.</source>
        <translation>Connect to the relay first.</translation>
    </message>
    <message>
        <source>Could not read the policy: %1</source>
        <translation>Could not read the policy: %1</translation>
    </message>
    <message>
        <source>Nothing to apply.</source>
        <translation>Nothing to apply.</translation>
    </message>
    <message>
        <source>Applying to %1…</source>
        <translation>Applying to %1…</translation>
    </message>
    <message>
        <source>Applied: the relay is at revision %1.</source>
        <translation>Applied: the relay is at revision %1.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warning: %1</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Not applied: %1</translation>
    </message>
    <message>
        <source>Merged, except what they changed too: %1</source>
        <translation>Merged, except what they changed too: %1</translation>
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
        <translation>incoming</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>deferred</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>hold</translation>
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
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;&gt; (bounce)</source>
        <translation>&lt;&gt; (bounce)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (+%n more)</source>
        <translation>
            <numerusform>%1 (+%n more)</numerusform>
            <numerusform>%1 (+%n more)</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue ID</source>
        <translation>Queue ID</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Delay reason</source>
        <translation>Delay reason</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::QueueView</name>
    <message>
        <source>Loading… %L1 messages</source>
        <translation>Loading… %L1 messages</translation>
    </message>
    <message>
        <source>The queue could not be read: %1</source>
        <translation>The queue could not be read: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln messages</source>
        <translation>
            <numerusform>%Ln messages</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
    <message>
        <source>loaded in %L1 s</source>
        <translation>loaded in %L1 s</translation>
    </message>
    <message>
        <source>Message %1 in %2</source>
        <translation>Message %1 in %2</translation>
    </message>
    <message>
        <source>Sender: %1</source>
        <translation>Sender: %1</translation>
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
        <translation>Recipient: %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n message(s) from the queue? They are gone for good: neither delivered nor bounced.</source>
        <translation>
            <numerusform>Delete %n message from the queue? It is gone for good: neither delivered nor bounced.</numerusform>
            <numerusform>Delete %n messages from the queue? They are gone for good: neither delivered nor bounced.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put %n message(s) on hold? They stay queued but are not delivered until released.</source>
        <translation>
            <numerusform>Put %n message on hold? It stays queued but is not delivered until released.</numerusform>
            <numerusform>Put %n messages on hold? They stay queued but are not delivered until released.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Release %n message(s) from hold?</source>
        <translation>
            <numerusform>Release %n message from hold?</numerusform>
            <numerusform>Release %n messages from hold?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Requeue %n message(s)? Postfix processes them again from the start.</source>
        <translation>
            <numerusform>Requeue %n message? Postfix processes it again from the start.</numerusform>
            <numerusform>Requeue %n messages? Postfix processes them again from the start.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Try to deliver %n deferred message(s) now?</source>
        <translation>
            <numerusform>Try to deliver %n deferred message now?</numerusform>
            <numerusform>Try to deliver %n deferred messages now?</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message numerus="yes">
        <source>Done for %n message(s).</source>
        <translation>
            <numerusform>Done for %n message.</numerusform>
            <numerusform>Done for %n messages.</numerusform>
        </translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>All queues</translation>
    </message>
    <message>
        <source>Filter by id, sender, recipient or reason</source>
        <translation>Filter by id, sender, recipient or reason</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation>Auto-refresh</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <source>Requeue</source>
        <translation>Requeue</translation>
    </message>
    <message>
        <source>Deliver now</source>
        <translation>Deliver now</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>put on hold</source>
        <translation>put on hold</translation>
    </message>
    <message>
        <source>released</source>
        <translation>released</translation>
    </message>
    <message>
        <source>requeued</source>
        <translation>requeued</translation>
    </message>
    <message>
        <source>delivery attempted</source>
        <translation>delivery attempted</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>no longer queued</source>
        <translation>no longer queued</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>This relay does not let you change its queue.</source>
        <translation>This relay does not let you change its queue.</translation>
    </message>
    <message>
        <source>Loading stopped.</source>
        <translation>Loading stopped.</translation>
    </message>
    <message numerus="yes">
        <source>Delivery attempted for %n message(s); checking what became of them…</source>
        <translation>
            <numerusform>Delivery attempted for %n message; checking what became of them…</numerusform>
            <numerusform>Delivery attempted for %n messages; checking what became of them…</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not check the delivery: %1</source>
        <translation>Could not check the delivery: %1</translation>
    </message>
    <message>
        <source>%1: still queued (%2)</source>
        <translation>%1: still queued (%2)</translation>
    </message>
    <message>
        <source>%1: still queued: %2</source>
        <translation>%1: still queued: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) left the queue: delivered, or bounced to the sender (the Trace view says which).</source>
        <translation>
            <numerusform>%n message left the queue: delivered, or bounced to the sender (the Trace view says which).</numerusform>
            <numerusform>%n messages left the queue: delivered, or bounced to the sender (the Trace view says which).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) are still queued: the attempt did not work.</source>
        <translation>
            <numerusform>%n message is still queued: the attempt did not work.</numerusform>
            <numerusform>%n messages are still queued: the attempt did not work.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::RelayConnection</name>
    <message>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
    <message>
        <source>refreshing…</source>
        <translation>refreshing…</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>connecting…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message numerus="yes">
        <source>%n banned</source>
        <translation>
            <numerusform>%n banned</numerusform>
            <numerusform>%n banned</numerusform>
        </translation>
    </message>
    <message>
        <source>The host key was not trusted; not connected.</source>
        <translation>The host key was not trusted; not connected.</translation>
    </message>
    <message>
        <source>queue empty</source>
        <translation>queue empty</translation>
    </message>
    <message>
        <source>Postfix</source>
        <translation>Postfix</translation>
    </message>
    <message>
        <source>submission port</source>
        <translation>submission port</translation>
    </message>
    <message>
        <source>Dovecot authentication</source>
        <translation>Dovecot authentication</translation>
    </message>
    <message>
        <source>policy service (staffettad)</source>
        <translation>policy service (staffettad)</translation>
    </message>
    <message>
        <source>fail2ban</source>
        <translation>fail2ban</translation>
    </message>
    <message>
        <source>content filter (staffetta-milter)</source>
        <translation>content filter (staffetta-milter)</translation>
    </message>
    <message>
        <source>event index (staffetta-events)</source>
        <translation>event index (staffetta-events)</translation>
    </message>
    <message>
        <source>last answered %1</source>
        <translation>last answered %1</translation>
    </message>
    <message>
        <source>never answered</source>
        <translation>never answered</translation>
    </message>
    <message>
        <source>trying again… (%1)</source>
        <translation>trying again… (%1)</translation>
    </message>
    <message>
        <source>next try at %1</source>
        <translation>next try at %1</translation>
    </message>
    <message>
        <source>degraded: %1 down</source>
        <translation>degraded: %1 down</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::RelayDialog</name>
    <message>
        <source>Add relay</source>
        <translation>Add relay</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Group:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentication:</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>&amp;Key file:</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Secret:</translation>
    </message>
    <message>
        <source>K&amp;nown hosts:</source>
        <translation>K&amp;nown hosts:</translation>
    </message>
    <message>
        <source>&amp;Remote command:</source>
        <translation>&amp;Remote command:</translation>
    </message>
    <message>
        <source>SSH agent</source>
        <translation>SSH agent</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Key file</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>e.g. Relay Milano 1</source>
        <translation>e.g. Relay Milano 1</translation>
    </message>
    <message>
        <source>e.g. a customer or a data centre</source>
        <translation>e.g. a customer or a data centre</translation>
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
        <translation>Remember the secret in the system keychain</translation>
    </message>
    <message>
        <source>password (optional: asked when needed)</source>
        <translation>password (optional: asked when needed)</translation>
    </message>
    <message>
        <source>key passphrase, if the key has one</source>
        <translation>key passphrase, if the key has one</translation>
    </message>
    <message>
        <source>Give the relay a name.</source>
        <translation>Give the relay a name.</translation>
    </message>
    <message>
        <source>Enter the relay&apos;s host name or address.</source>
        <translation>Enter the relay&apos;s host name or address.</translation>
    </message>
    <message>
        <source>Enter the SSH user.</source>
        <translation>Enter the SSH user.</translation>
    </message>
    <message>
        <source>Choose the private key file.</source>
        <translation>Choose the private key file.</translation>
    </message>
    <message>
        <source>The remote command may contain only letters, digits and _ . / -</source>
        <translation>The remote command may contain only letters, digits and _ . / -</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <source>Choose the private key file…</source>
        <translation>Choose the private key file…</translation>
    </message>
    <message>
        <source>Choose the known_hosts file…</source>
        <translation>Choose the known_hosts file…</translation>
    </message>
    <message>
        <source>Edit relay “%1”</source>
        <translation>Edit relay “%1”</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::RelayView</name>
    <message>
        <source>The relay does not answer: this waits until it does.</source>
        <translation>The relay does not answer: this waits until it does.</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ReputationHistoryModel</name>
    <message>
        <source>first check</source>
        <translation>first check</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>IP or domain</source>
        <translation>IP or domain</translation>
    </message>
    <message>
        <source>List</source>
        <translation>List</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ReputationModel</name>
    <message>
        <source>IP address</source>
        <translation>IP address</translation>
    </message>
    <message>
        <source>sender domain</source>
        <translation>sender domain</translation>
    </message>
    <message>
        <source>Listed</source>
        <translation>Listed</translation>
    </message>
    <message>
        <source>Not listed</source>
        <translation>Not listed</translation>
    </message>
    <message>
        <source>Query refused by the list (not a listing)</source>
        <translation>Query refused by the list (not a listing)</translation>
    </message>
    <message>
        <source>No answer (not checked)</source>
        <translation>No answer (not checked)</translation>
    </message>
    <message>
        <source>no list of this kind</source>
        <translation>no list of this kind</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>IP or domain</source>
        <translation>IP or domain</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>List</source>
        <translation>List</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Last result</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Since</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::ReputationPanel</name>
    <message>
        <source>Reputation</source>
        <translation>Reputation</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Show the relay&apos;s last check again (the relay checks every day)</source>
        <translation>Show the relay&apos;s last check again (the relay checks every day)</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>not checked yet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>checked %1 on %n list(s): %2</source>
        <translation>
            <numerusform>checked %1 on %n list: %2</numerusform>
            <numerusform>checked %1 on %n lists: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) or domain(s) listed</source>
        <translation>
            <numerusform>%n address(es) or domain listed</numerusform>
            <numerusform>%n address(es) or domains listed</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing listed.</source>
        <translation>Nothing listed.</translation>
    </message>
    <message>
        <source>This relay does not let you see its reputation.</source>
        <translation>This relay does not let you see its reputation.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>History of %1</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::SearchPanel</name>
    <message>
        <source>searching…</source>
        <translation>searching…</translation>
    </message>
    <message>
        <source>No relay is connected: connect one first.</source>
        <translation>No relay is connected: connect one first.</translation>
    </message>
    <message>
        <source>%1 is not banned</source>
        <translation>%1 is not banned</translation>
    </message>
    <message>
        <source>%1 banned in %2 since %3: %4</source>
        <translation>%1 banned in %2 since %3: %4</translation>
    </message>
    <message>
        <source>no failure found in the logs</source>
        <translation>no failure found in the logs</translation>
    </message>
    <message>
        <source>On the whitelist since %1 (%2): %3</source>
        <translation>On the whitelist since %1 (%2): %3</translation>
    </message>
    <message numerus="yes">
        <source>%n log line(s) mention it</source>
        <translation>
            <numerusform>%n log line mentions it</numerusform>
            <numerusform>%n log lines mention it</numerusform>
        </translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
    <message>
        <source>Account %1 may send as %2</source>
        <translation>Account %1 may send as %2</translation>
    </message>
    <message>
        <source>Queued %1 (%2): %3 → %4</source>
        <translation>Queued %1 (%2): %3 → %4</translation>
    </message>
    <message>
        <source>Double-click to open it in the Queue view.</source>
        <translation>Double-click to open it in the Queue view.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more queued message(s)</source>
        <translation>
            <numerusform>… and %n more queued message</numerusform>
            <numerusform>… and %n more queued messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found</source>
        <translation>Nothing found</translation>
    </message>
    <message>
        <source>Why banned?</source>
        <translation>Why banned?</translation>
    </message>
    <message>
        <source>Unban</source>
        <translation>Unban</translation>
    </message>
    <message>
        <source>Whitelist…</source>
        <translation>Whitelist…</translation>
    </message>
    <message>
        <source>%1 unbanned (%2).</source>
        <translation>%1 unbanned (%2).</translation>
    </message>
    <message>
        <source>%1 is on the whitelist.</source>
        <translation>%1 is on the whitelist.</translation>
    </message>
    <message>
        <source>Search an IP, an address or a queue id above.</source>
        <translation>Search an IP, an address or a queue id above.</translation>
    </message>
    <message>
        <source>Results for “%1”</source>
        <translation>Results for “%1”</translation>
    </message>
    <message>
        <source>Trace “%1” in the delivery history…</source>
        <translation>Trace “%1” in the delivery history…</translation>
    </message>
    <message>
        <source>Double-click to open the Trace view of it on every connected relay.</source>
        <translation>Double-click to open the Trace view of it on every connected relay.</translation>
    </message>
    <message>
        <source>not searched: the relay does not answer</source>
        <translation>not searched: the relay does not answer</translation>
    </message>
    <message>
        <source>not searched: not connected</source>
        <translation>not searched: not connected</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>Log lines</translation>
    </message>
    <message numerus="yes">
        <source>Not searched on %n relay(s) that do not answer: %1</source>
        <translation>
            <numerusform>Not searched on %n relay that does not answer: %1</numerusform>
            <numerusform>Not searched on %n relays that do not answer: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>staffetta::ui::SendersView</name>
    <message>
        <source>Search accounts</source>
        <translation>Search accounts</translation>
    </message>
    <message>
        <source>No account selected</source>
        <translation>No account selected</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
    <message>
        <source>Account %1 (read-only for your role)</source>
        <translation>Account %1 (read-only for your role)</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::TestDeliveryView</name>
    <message>
        <source>Save the report</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>HTML (*.html);;JSON (*.json)</source>
        <translation>HTML (*.html);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Cannot write %1.</translation>
    </message>
    <message>
        <source>Sends test messages from this computer to the relay&apos;s submission port, like a customer&apos;s mail client, only to the relay&apos;s test addresses (a black hole: they never count against the quota).</source>
        <translation>Sends test messages from this computer to the relay&apos;s submission port, like a customer&apos;s mail client, only to the relay&apos;s test addresses (a black hole: they never count against the quota).</translation>
    </message>
    <message>
        <source>Submission host:</source>
        <translation>Submission host:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
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
        <translation>Save in the keychain</translation>
    </message>
    <message>
        <source>the account&apos;s SMTP password</source>
        <translation>the account&apos;s SMTP password</translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation>Sender:</translation>
    </message>
    <message>
        <source>Also try one unauthorized sender (553 expected)</source>
        <translation>Also try one unauthorized sender (553 expected)</translation>
    </message>
    <message numerus="yes">
        <source>Three refused senders in a row get this computer&apos;s IP address banned by the relay: a run tries one at most, and none within %n minutes of the last.</source>
        <translation>
            <numerusform>Three refused senders in a row get this computer&apos;s IP address banned by the relay: a run tries one at most, and none within %n minute of the last.</numerusform>
            <numerusform>Three refused senders in a row get this computer&apos;s IP address banned by the relay: a run tries one at most, and none within %n minutes of the last.</numerusform>
        </translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <source>Copy transcript</source>
        <translation>Copy transcript</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Probe</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Observed</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Fill in the host, account, password and sender, and pick a probe.</source>
        <translation>Fill in the host, account, password and sender, and pick a probe.</translation>
    </message>
    <message>
        <source>The password was not saved: %1</source>
        <translation>The password was not saved: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>Done: %1 failed, %2 findings.</source>
        <translation>Done: %1 failed, %2 findings.</translation>
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
        <translation>External</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Local</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Deferred</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>Bounced</translation>
    </message>
    <message>
        <source>Daily quota</source>
        <translation>Daily quota</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::TraceView</name>
    <message>
        <source>delivered</source>
        <translation>delivered</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>deferred</translation>
    </message>
    <message>
        <source>bounced</source>
        <translation>bounced</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expired</translation>
    </message>
    <message>
        <source>not tried yet</source>
        <translation>not tried yet</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>searching…</translation>
    </message>
    <message>
        <source>No relay in the fleet.</source>
        <translation>No relay in the fleet.</translation>
    </message>
    <message>
        <source>Every relay was asked.</source>
        <translation>Every relay was asked.</translation>
    </message>
    <message>
        <source>Not covered (not connected or not allowed): %1</source>
        <translation>Not covered (not connected or not allowed): %1</translation>
    </message>
    <message>
        <source>%1 of %2 messages</source>
        <translation>%1 of %2 messages</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Message %1 (%2)</source>
        <translation>Message %1 (%2)</translation>
    </message>
    <message>
        <source>no name</source>
        <translation>no name</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>%1 → %2 via %3 (DSN %4, after %5 s)</source>
        <translation>%1 → %2 via %3 (DSN %4, after %5 s)</translation>
    </message>
    <message>
        <source>%1: finally %2</source>
        <translation>%1: finally %2</translation>
    </message>
    <message>
        <source>removed from the queue</source>
        <translation>removed from the queue</translation>
    </message>
    <message>
        <source>Export the trace</source>
        <translation>Export the trace</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Trace exported to %1</source>
        <translation>Trace exported to %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation>Sender:</translation>
    </message>
    <message>
        <source>Recipient:</source>
        <translation>Recipient:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>any</source>
        <translation>any</translation>
    </message>
    <message>
        <source>Accepted between</source>
        <translation>Accepted between</translation>
    </message>
    <message>
        <source>and</source>
        <translation>and</translation>
    </message>
    <message>
        <source>Trace on all relays</source>
        <translation>Trace on all relays</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Queue id</source>
        <translation>Queue id</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>accepted from %1 (%2), account %3, sender %4, %5</source>
        <translation>accepted from %1 (%2), account %3, sender %4, %5</translation>
    </message>
</context>
<context>
    <name>staffetta::ui::WhitelistModel</name>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Added by</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
</context>
</TS>
