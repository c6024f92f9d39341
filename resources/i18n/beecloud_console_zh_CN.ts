<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AmountField</name>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApiTexts</name>
    <message>
        <source>{field} is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must be a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bill_no must be 8 to 32 letters or digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must be an integer of hundredths.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must be at most {limit}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{currency} takes whole units only: {field} must be a multiple of 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown channel {value!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must be a 13-digit millisecond time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip must be a whole number, 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit must be a whole number from {low} to {high}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown currency {value!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>title has characters it cannot hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>title is {size} bytes; at most {limit} (a Chinese character counts 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel must be one of {channels}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>return_url is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>return_url must not contain ? or &amp;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>return_url is not a valid address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>return_url must be an absolute http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>return_url must not contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card number has 12-19 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The month is 1 to 12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The year has 4 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CVV is 3 or 4 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of {types}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refund_no is today&apos;s date (YYYYMMDD) then 3 to 24 letters or digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refund_no must start with today&apos;s date in China time ({today}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The serial after the date must not be all zeros.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>11 to 32 letters or digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end_time is before start_time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount must be positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text!r} is not an amount; type it like 1,200.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{currency} takes whole units only, no decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{currency} takes at most {places} decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is too large (at most {limit}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PayPal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UnionPay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JD Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YeePay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>99Bill (Kuaiqian)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected {error} occurred. It was written to the log in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App Secret changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused {code_and_message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>{count} entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator, profile, number, result or detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in the entries shown:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a first day before the last day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} (the newest {limit}: narrow the dates to see older ones)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} — {shown} shown by the search</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BillsModel</name>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} bills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bills match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bills loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All bills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading bills</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BillsTab</name>
    <message>
        <source>This console refunds PayPal bills only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a paid bill can be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund this bill…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show its refunds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardForm</name>
    <message>
        <source>Card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CVV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the card number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the month and year the card expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the CVV (3 or 4 digits on the card).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the card holder&apos;s first name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the card holder&apos;s last name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the card type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid card number: a digit is probably mistyped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 4111 1111 1111 1111</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 or 4 digits, on the back of the card (front for American Express)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as printed on the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ number checks out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ not a valid number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmRefund</name>
    <message>
        <source>partial refund of {amount} out of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full refund of {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund bill {bill_no}: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel: {channel}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund number: {refund_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: {name} — LIVE, real money goes back to the payer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: {name} — practice data, no real money moves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bill does not say its currency; you chose {currency} for display. BeeCloud refunds {hundredths} hundredths of the bill&apos;s own currency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refund cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmRefundDialog</name>
    <message>
        <source>Confirm refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleSession</name>
    <message>
        <source>No app secret is stored for the profile “{name}”. Enter it in Profiles… first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No app secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatePresets</name>
    <message>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateRangePicker</name>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryRow</name>
    <message>
        <source>Send again (same refund number)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a fresh refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: {profile} · sent by {operator} on {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{facts} · sent {count} times</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnvironmentBand</name>
    <message>
        <source>SANDBOX — practice data, no real money moves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIVE — {name} (app {app_id}): real payments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorReport</name>
    <message>
        <source>Result code {code} {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome of the refund {refund_no} of bill {bill_no} is unknown: {host} {reason}. Check it with a query before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome of the payment of bill {bill_no} is unknown: {host} {reason}. Check it with a query before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BeeCloud refused the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No BeeCloud server could be reached. Tried: {hosts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} answered HTTP {status} with an HTML page instead of JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} answered HTTP {status} with something that is not a BeeCloud answer instead of JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer made no sense</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please correct the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request has {count} problem(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected {error} occurred; it was written to the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BeeCloud Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes the next time the console starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentTab</name>
    <message>
        <source>PayPal (the payer approves in a browser)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a bill number (or press New number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a title: what the payer is paying for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address PayPal sends the payer back to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a saved card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a fresh, unused bill number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the payer pays for, e.g. Order 1234</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where PayPal sends the payer&apos;s browser after they approve or cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PayPal approval page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember this card as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PayPal card id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask BeeCloud whether the bill exists; nothing is sent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved card:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{size} / {limit} bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Chinese character counts 2 bytes, a letter or digit 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To pay, complete: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved cards yet: pay by card once and save it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the payment of {amount} (bill {bill_no})…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the payment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount}. Please wait for the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paying {amount} (bill {bill_no})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment created: waiting for the payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount}. The PayPal approval page has opened in your browser; if the payer is elsewhere, copy its address and send it to them. The bill is paid once they approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill {bill_no}: {amount} paid by card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: bill {bill_no}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer did not come: press Check now before paying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment was not made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The approval page&apos;s address was copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as “{label}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch back to the profile “{name}” to check this bill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking BeeCloud about bill {bill_no}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking bill {bill_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill {bill_no} does not exist: the payment was not made and no money moved. You may pay again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill {bill_no} exists and is paid ({amount}). Do not pay again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill {bill_no} exists but is not paid ({amount}). A PayPal payment waits for the payer to approve it. Do not pay again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check got no answer either ({reason}). Try Check now again later; do not pay again until you know.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <source>has a space in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must start with https:// or http://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be just the server&apos;s address, with no path after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has a port that is not a number from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one server address, one a line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {number}, “{line}”, {problem}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the App ID BeeCloud gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be more than 0 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file at this path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the App Secret BeeCloud gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the profile “{name}” (app {app_id})?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its settings and its stored App Secret are deleted from this computer. Bills and refunds at BeeCloud are not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The App Secret cannot be stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The App Secret could not be stored safely. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console never writes secrets to a file. It can keep App Secrets in memory for this session only: you will need to enter them again after the console closes.

Keep the App Secret for this session only?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (built in, read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} — live, app {app_id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add live profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in Sandbox runs on this computer with practice data and cannot be changed. Add a live profile to work with a real BeeCloud app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Shop – live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the App ID from BeeCloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: a PEM file of trusted authorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One a line, e.g. https://apibj.beecloud.cn; one is picked at random and the others are tried when it cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA bundle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server certificates are always checked. Leave empty to trust the usual authorities, or pick the file of authorities this app&apos;s servers use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App Secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App Secrets are kept {where}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox (built in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox server on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox needs no App Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live profile “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to keep the stored App Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New live profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the App Secret from BeeCloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its App Secret is kept {where}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its App Secret was left as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The App Secret could not be stored. {reason} The console never writes secrets to a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its App Secret could not be deleted from the keyring: {error} You can delete the entry “{entry}” of “beecloud-console” with your keyring manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed “{name}” and its App Secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a CA bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryFilters</name>
    <message>
        <source>All channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{family} — every {name} channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact bill number, 8 to 32 letters or digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact refund number (YYYYMMDD…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reconciler</name>
    <message>
        <source>Refund {refund_no} is not in the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile that sent refund {refund_no} was removed; it cannot go again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to the profile “{name}” to send refund {refund_no} again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} is being checked or sent; wait for the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending refund {refund_no} of bill {bill_no} again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking refund {refund_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not ask BeeCloud: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordDetails</name>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount}   ({hundredths} in hundredths)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{currency} (remembered by this console; the server did not send one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known (the server did not send one; amounts shown with 2 decimals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} local time   ({ms})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill number (bill_no)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (title)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel (channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount (total_fee)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency (currency)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid (spay_result)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created (created_time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund number (refund_no)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill amount (total_fee)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund amount (refund_fee)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished (finish)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded (result)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordDetailsDialog</name>
    <message>
        <source>Bill {bill_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpaid only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsTab</name>
    <message>
        <source>Loading… {loaded}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading stopped after {loaded}. Press Search to load again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading failed after {loaded}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Search to load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} — {shown} shown by the filters below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill number, title or channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy bill_no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill or refund number, title or channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy refund_no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundAmountField</name>
    <message>
        <source>The bill does not say its currency: pick it beside the amount.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundJournal</name>
    <message>
        <source>Refund {refund_no} can be sent again only once BeeCloud has shown that it never arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} can no longer be sent: its number is for {day} (China time), and BeeCloud takes a refund number only on the day it names. Nothing was refunded. Start a fresh refund of bill {bill_no} instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundNotice</name>
    <message>
        <source>{amount} (currency unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} of {amount} for bill {bill_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} of unknown outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} never reached BeeCloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} refund needs checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} refunds need checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ {head}: {parts}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} Asking BeeCloud now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} was not sent again; nothing was refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} was not made. {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being sent again now; waiting for BeeCloud&apos;s answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being sent now; waiting for BeeCloud&apos;s answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking BeeCloud about it now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was being sent when the console stopped; whether BeeCloud got it is not known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It never reached BeeCloud: nothing was refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown: it may or may not have been made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile that sent it was removed, so it cannot be checked here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to the profile “{name}” to send it again or drop it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to the profile “{name}” to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may send it again with the same refund number (BeeCloud takes a number only once, so it cannot be refunded twice), or drop it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press “Check now” to ask BeeCloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: {name} — practice data, no real money moves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: {name} — LIVE, real money goes back to the payer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send refund {refund_no} again?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill {bill_no}: {amount}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BeeCloud showed that this refund never arrived, so nothing was refunded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It goes with the same refund number: BeeCloud takes a number only once, so the bill cannot be refunded twice this way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refund cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the refund again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review and check…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this news</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundTab</name>
    <message>
        <source>Made when you press Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Refunds to check” at the top of the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} (currency unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} of {amount} for bill {bill_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency unknown — pick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bill number, e.g. BC20261130120000AB12CD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier refunds of this bill:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund the bill&apos;s whole amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, e.g. item returned damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask BeeCloud whether this refund number exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bill number is 8 to 32 letters or digits, without spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up bill {bill_no}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up bill {bill_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading refunds of bill {bill_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bill with number {bill_no} was found in the profile “{profile}”. Check the number and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No — not paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} (the bill does not say its currency; shown in the one you picked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was paid through {channel}; only PayPal bills are refunded here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was not paid, so there is nothing to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was refunded already ({refunds}); a bill can be refunded only once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is more than {days} days old; PayPal refunds younger sales only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BeeCloud will most likely refuse a refund of this bill:
• {reasons}
You may still send one; BeeCloud decides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No refunds yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {amount}, the whole bill: a refund cannot exceed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refund of bill {bill_no} is on its way; wait for its answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome of refund {refund_no} of this bill is unknown. Press “Check now” before refunding it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} of this bill is on its way; wait for its answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} of this bill never reached BeeCloud. Send it again or drop it under {where} before starting another refund of this bill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} of this bill was being sent when the console stopped; its outcome is not known yet. Check it under {where} before refunding this bill again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome of refund {refund_no} of this bill is unknown. Check it under {where} before refunding this bill again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a bill first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for your confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beware: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} was not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was refunded for bill {bill_no}: the console could not write the refund down before sending it. {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending refund {refund_no}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}. Wait for BeeCloud&apos;s answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunding bill {bill_no} ({refund_no})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} of {amount} done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bill {bill_no}: {what}. Profile: {profile}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was refunded for bill {bill_no}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} was not made: BeeCloud refused it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} was not sent: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer came back from {host}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its answer could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer came back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} was sent through the profile “{profile}”, but {what_happened}. It may or may not have been made. Press “Check now” to ask BeeCloud; do not refund this bill again before that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown: refund {refund_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch back to the profile “{profile}” to check this refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking BeeCloud about refund {refund_no}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking refund {refund_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} is in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BeeCloud has it ({subject}) but has not finished it. Check again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BeeCloud refused it; nothing was refunded for bill {bill_no}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No refund with number {refund_no} exists: it did not happen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was refunded for bill {bill_no}. Send it again with the same refund number, or drop it, under {where}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund was made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} was made. {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} was not made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was refunded for bill {bill_no}. {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} of {amount} for bill {bill_no} was made on {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not check refund {refund_no}: its outcome is still unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not look up bill {bill_no}.
{report}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load its refunds: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundsModel</name>
    <message>
        <source>{count} refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No refunds match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No refunds loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading refunds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundsToCheckDialog</name>
    <message>
        <source>Refunds to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These refunds were sent, but the console does not know yet how they ended, or BeeCloud showed they never arrived. They stay here until they are settled. “Check now” only asks BeeCloud; it never sends a refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No refund needs checking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask BeeCloud about every refund of this profile listed here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking BeeCloud about 1 refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking BeeCloud about {count} refunds…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing more to ask BeeCloud in this profile right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} Refunds of other profiles are checked when you switch to them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending refund {refund_no} again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund_no} will not be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RowFilters</name>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in the loaded rows:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No system keyring is available on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring is locked; unlock it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring refused the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in memory for this session only: they are forgotten when the console closes, and never written to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nowhere yet, because no system keyring is available on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in {keyring}, under “{service}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
