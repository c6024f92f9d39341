<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AuditModel</name>
    <message numerus="yes">
        <source>%Ln entry(s)</source>
        <translation>
            <numerusform>%Ln entry</numerusform>
            <numerusform>%Ln entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message numerus="yes">
        <source>%n audit entry(s) not saved yet</source>
        <translation>
            <numerusform>%n audit entry not saved yet</numerusform>
            <numerusform>%n audit entries not saved yet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChannelBars</name>
    <message numerus="yes">
        <source>{share} · {amount} · %Ln bill(s)</source>
        <translation>
            <numerusform>{share} · {amount} · %Ln bill</numerusform>
            <numerusform>{share} · {amount} · %Ln bills</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%Ln bill(s)</source>
        <translation>
            <numerusform>%Ln bill</numerusform>
            <numerusform>%Ln bills</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refund(s)</source>
        <translation>
            <numerusform>%Ln refund</numerusform>
            <numerusform>%Ln refunds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The request has %n problem(s).</source>
        <translation>
            <numerusform>The request has %n problem.</numerusform>
            <numerusform>The request has %n problems.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refund(s) need(s) checking</source>
        <translation>
            <numerusform>%Ln refund needs checking</numerusform>
            <numerusform>%Ln refunds need checking</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of unknown outcome</source>
        <translation>
            <numerusform>%Ln of unknown outcome</numerusform>
            <numerusform>%Ln of unknown outcome</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln never reached BeeCloud</source>
        <translation>
            <numerusform>%Ln never reached BeeCloud</numerusform>
            <numerusform>%Ln never reached BeeCloud</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… and %Ln more</numerusform>
            <numerusform>… and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) left out</source>
        <translation>
            <numerusform>%Ln record left out</numerusform>
            <numerusform>%Ln records left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln second(s)</source>
        <translation>
            <numerusform>%Ln second</numerusform>
            <numerusform>%Ln seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln minute</numerusform>
            <numerusform>%Ln minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln hour</numerusform>
            <numerusform>%Ln hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln year(s)</source>
        <translation>
            <numerusform>%Ln year</numerusform>
            <numerusform>%Ln years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n live profile(s) saved in {path} cannot be read (the file was damaged or edited by hand) and are not listed. They are kept in the file as they were; their App Secrets stay in the keyring.</source>
        <translation>
            <numerusform>%n live profile saved in {path} cannot be read (the file was damaged or edited by hand) and is not listed. It is kept in the file as it was; its App Secret stays in the keyring.</numerusform>
            <numerusform>%n live profiles saved in {path} cannot be read (the file was damaged or edited by hand) and are not listed. They are kept in the file as they were; their App Secrets stay in the keyring.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntryRow</name>
    <message numerus="yes">
        <source>{facts} · sent %n time(s)</source>
        <translation>
            <numerusform>{facts} · sent %n time</numerusform>
            <numerusform>{facts} · sent %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Every %n minute(s)</source>
        <translation>
            <numerusform>Every %n minute</numerusform>
            <numerusform>Every %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) through {name} had no answer when the console last closed: choose that profile to have BeeCloud asked about them.</source>
        <translation>
            <numerusform>%n payment through {name} had no answer when the console last closed: choose that profile to have BeeCloud asked about it.</numerusform>
            <numerusform>%n payments through {name} had no answer when the console last closed: choose that profile to have BeeCloud asked about them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) through {names} had no answer when the console last closed: choose each of those profiles to have BeeCloud asked about them.</source>
        <translation>
            <numerusform>%n payment through {names} had no answer when the console last closed: choose each of those profiles to have BeeCloud asked about it.</numerusform>
            <numerusform>%n payments through {names} had no answer when the console last closed: choose each of those profiles to have BeeCloud asked about them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bill {bill_no} and %n other payment(s) had no answer when the console last closed: BeeCloud is asked about them on New payment.</source>
        <translation>
            <numerusform>Bill {bill_no} and %n other payment had no answer when the console last closed: BeeCloud is asked about them on New payment.</numerusform>
            <numerusform>Bill {bill_no} and %n other payments had no answer when the console last closed: BeeCloud is asked about them on New payment.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audit entry(s) could not be saved yet (see the Audit tab). If the console closes now, they are lost from the audit log: only the console&apos;s log file keeps them.</source>
        <translation>
            <numerusform>%n audit entry could not be saved yet (see the Audit tab). If the console closes now, it is lost from the audit log: only the console&apos;s log file keeps it.</numerusform>
            <numerusform>%n audit entries could not be saved yet (see the Audit tab). If the console closes now, they are lost from the audit log: only the console&apos;s log file keeps them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message numerus="yes">
        <source>%n byte(s) left</source>
        <translation>
            <numerusform>%n byte left</numerusform>
            <numerusform>%n bytes left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) too many</source>
        <translation>
            <numerusform>%n byte too many</numerusform>
            <numerusform>%n bytes too many</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentOutcome</name>
    <message numerus="yes">
        <source>%n payment(s) had no answer when the console last closed</source>
        <translation>
            <numerusform>%n payment had no answer when the console last closed</numerusform>
            <numerusform>%n payments had no answer when the console last closed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message numerus="yes">
        <source>%n saved card(s) of the App ID before were forgotten: BeeCloud knows a saved card only under the app that saved it.</source>
        <translation>
            <numerusform>%n saved card of the App ID before was forgotten: BeeCloud knows a saved card only under the app that saved it.</numerusform>
            <numerusform>%n saved cards of the App ID before were forgotten: BeeCloud knows a saved card only under the app that saved it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refund(s) of this profile await(s) a check by its app: check them first (the yellow bar under the band), then change its App ID.</source>
        <translation>
            <numerusform>%n refund of this profile awaits a check by its app: check it first (the yellow bar under the band), then change its App ID.</numerusform>
            <numerusform>%n refunds of this profile await a check by its app: check them first (the yellow bar under the band), then change its App ID.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) of this profile await(s) a check by its app ({bills}): check them first (Check now on New payment, or Find the bill on Refund), then change its App ID.</source>
        <translation>
            <numerusform>%n payment of this profile awaits a check by its app ({bills}): check it first (Check now on New payment, or Find the bill on Refund), then change its App ID.</numerusform>
            <numerusform>%n payments of this profile await a check by its app ({bills}): check them first (Check now on New payment, or Find the bill on Refund), then change its App ID.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message numerus="yes">
        <source>Copied %n rows.</source>
        <translation>
            <numerusform>Copied %n row.</numerusform>
            <numerusform>Copied %n rows.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RefundsToCheckDialog</name>
    <message numerus="yes">
        <source>Asking BeeCloud about %Ln refund(s)…</source>
        <translation>
            <numerusform>Asking BeeCloud about %Ln refund…</numerusform>
            <numerusform>Asking BeeCloud about %Ln refunds…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message numerus="yes">
        <source>Exporting %Ln row(s) to {name}…</source>
        <translation>
            <numerusform>Exporting %Ln row to {name}…</numerusform>
            <numerusform>Exporting %Ln rows to {name}…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) written to {path}</source>
        <translation>
            <numerusform>%Ln row written to {path}</numerusform>
            <numerusform>%Ln rows written to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaitingLinks</name>
    <message numerus="yes">
        <source>%n more waiting: find them on the Bills tab (a bill&apos;s menu: Copy payment link).</source>
        <translation>
            <numerusform>%n more waiting: find it on the Bills tab (its bill&apos;s menu: Copy payment link).</numerusform>
            <numerusform>%n more waiting: find them on the Bills tab (a bill&apos;s menu: Copy payment link).</numerusform>
        </translation>
    </message>
</context>
</TS>
