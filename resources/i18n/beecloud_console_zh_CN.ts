<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AmountField</name>
    <message>
        <source>Currency unknown — pick</source>
        <translation>币种未知 — 请选择</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>The bill does not say its currency: pick it beside the amount.</source>
        <translation>该账单未注明币种：请在金额旁选择币种。</translation>
    </message>
    <message>
        <source>e.g. {amount}</source>
        <translation>例如 {amount}</translation>
    </message>
</context>
<context>
    <name>ApiGateway</name>
    <message>
        <source>{job}: waiting for the system keyring</source>
        <translation>{job}：正在等待系统密钥环</translation>
    </message>
</context>
<context>
    <name>ApiTexts</name>
    <message>
        <source>{field} is required.</source>
        <translation>{field} 为必填项。</translation>
    </message>
    <message>
        <source>{field} must be a string.</source>
        <translation>{field} 必须是字符串。</translation>
    </message>
    <message>
        <source>{field} must not be empty.</source>
        <translation>{field} 不能为空。</translation>
    </message>
    <message>
        <source>{field} must be an integer of hundredths.</source>
        <translation>{field} 必须是以分为单位的整数。</translation>
    </message>
    <message>
        <source>{field} must be more than zero.</source>
        <translation>{field} 必须大于零。</translation>
    </message>
    <message>
        <source>{field} must be at most {limit}.</source>
        <translation>{field} 不能超过 {limit}。</translation>
    </message>
    <message>
        <source>{currency} takes whole units only: {field} must be a multiple of 100.</source>
        <translation>{currency} 只能使用整数金额：{field} 必须是 100 的倍数。</translation>
    </message>
    <message>
        <source>{field} must be a JSON object.</source>
        <translation>{field} 必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>Unknown channel {value!r}.</source>
        <translation>未知渠道 {value!r}。</translation>
    </message>
    <message>
        <source>{field} must be a 13-digit millisecond time.</source>
        <translation>{field} 必须是 13 位毫秒时间戳。</translation>
    </message>
    <message>
        <source>skip must be a whole number, 0 or more.</source>
        <translation>skip 必须是大于等于 0 的整数。</translation>
    </message>
    <message>
        <source>limit must be a whole number from {low} to {high}.</source>
        <translation>limit 必须是 {low} 到 {high} 之间的整数。</translation>
    </message>
    <message>
        <source>Unknown currency {value!r}.</source>
        <translation>未知币种 {value!r}。</translation>
    </message>
    <message>
        <source>channel must be one of {channels}.</source>
        <translation>渠道必须是以下之一：{channels}。</translation>
    </message>
    <message>
        <source>must be a JSON object.</source>
        <translation>必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>The card number has 12-19 digits.</source>
        <translation>卡号为 12 到 19 位数字。</translation>
    </message>
    <message>
        <source>The month is 1 to 12.</source>
        <translation>月份为 1 到 12。</translation>
    </message>
    <message>
        <source>The year has 4 digits.</source>
        <translation>年份为 4 位数字。</translation>
    </message>
    <message>
        <source>The card has expired.</source>
        <translation>该卡已过期。</translation>
    </message>
    <message>
        <source>The CVV is 3 or 4 digits.</source>
        <translation>CVV 为 3 或 4 位数字。</translation>
    </message>
    <message>
        <source>At most {limit} characters.</source>
        <translation>最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>One of {types}.</source>
        <translation>须为以下之一：{types}。</translation>
    </message>
    <message>
        <source>The serial after the date must not be all zeros.</source>
        <translation>日期后的流水号不能全为 0。</translation>
    </message>
    <message>
        <source>A bill number is 8 to 32 letters or digits.</source>
        <translation>账单号须为 8 到 32 位字母或数字。</translation>
    </message>
    <message>
        <source>The title has characters it cannot hold.</source>
        <translation>标题中含有无法使用的字符。</translation>
    </message>
    <message>
        <source>The title is {size} bytes; at most {limit} (a Chinese character counts 2).</source>
        <translation>标题长 {size} 字节，最多 {limit} 字节（一个汉字算 2 字节）。</translation>
    </message>
    <message>
        <source>The return address is longer than {limit} characters.</source>
        <translation>返回地址超过 {limit} 个字符。</translation>
    </message>
    <message>
        <source>The return address must not contain ? or &amp;.</source>
        <translation>返回地址不能包含 ? 或 &amp;。</translation>
    </message>
    <message>
        <source>The return address must not contain a fragment (#).</source>
        <translation>返回地址不能包含片段（#）。</translation>
    </message>
    <message>
        <source>The return address is not a valid address.</source>
        <translation>返回地址无效。</translation>
    </message>
    <message>
        <source>The return address must be a whole http:// or https:// address.</source>
        <translation>返回地址必须是以 http:// 或 https:// 开头的完整地址。</translation>
    </message>
    <message>
        <source>The return address must not contain spaces.</source>
        <translation>返回地址不能包含空格。</translation>
    </message>
    <message>
        <source>The return address holds a character that does not show (a zero-width space, say): type it again.</source>
        <translation>返回地址含有看不见的字符（例如零宽空格），请重新输入。</translation>
    </message>
    <message>
        <source>The return address&apos;s host must be written in ASCII letters: give a host in other letters in its xn-- form.</source>
        <translation>返回地址的主机名须以 ASCII 字母书写：非拉丁字母的主机名请填写其 xn-- 形式。</translation>
    </message>
    <message>
        <source>The return address must not hold a user name or password (user:pass@).</source>
        <translation>返回地址不能包含用户名或密码（user:pass@）。</translation>
    </message>
    <message>
        <source>The return address has a % not followed by two hex digits (write % as %25).</source>
        <translation>返回地址中的 % 后面必须是两位十六进制数字（% 本身请写作 %25）。</translation>
    </message>
    <message>
        <source>A refund number is today&apos;s date (YYYYMMDD) then 3 to 24 letters or digits.</source>
        <translation>退款单号由当天日期（YYYYMMDD）加 3 到 24 位字母或数字组成。</translation>
    </message>
    <message>
        <source>A refund number starts with today&apos;s date in China time ({today}).</source>
        <translation>退款单号必须以北京时间的当天日期（{today}）开头。</translation>
    </message>
    <message>
        <source>A refund number is a date (YYYYMMDD) then 3 to 24 letters or digits.</source>
        <translation>退款单号由日期（YYYYMMDD）加 3 到 24 位字母或数字组成。</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>{field} must be true or false.</source>
        <translation>{field} 必须为 true 或 false。</translation>
    </message>
    <message>
        <source>{field} must not contain control characters (tab, line break, ...).</source>
        <translation>{field} 不能包含控制字符（制表符、换行符等）。</translation>
    </message>
    <message>
        <source>{field} must not be only spaces.</source>
        <translation>{field} 不能只有空格。</translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation>请输入金额。</translation>
    </message>
    <message>
        <source>The amount must be positive.</source>
        <translation>金额必须为正数。</translation>
    </message>
    <message>
        <source>{text!r} is not an amount; type it like 1,200.50.</source>
        <translation>{text!r} 不是有效金额，请按 1,200.50 的格式输入。</translation>
    </message>
    <message>
        <source>{currency} takes whole units only, no decimals.</source>
        <translation>{currency} 只能使用整数金额，不能有小数。</translation>
    </message>
    <message>
        <source>{currency} takes at most {places} decimals.</source>
        <translation>{currency} 最多 {places} 位小数。</translation>
    </message>
    <message>
        <source>{text!r} is not an amount: {currency} takes whole units only; for thousands, type {thousands}.</source>
        <translation>{text!r} 不是有效金额：{currency} 只能使用整数金额；若点号表示千位分隔，请输入 {thousands}。</translation>
    </message>
    <message>
        <source>{text!r} is not an amount: {currency} takes at most {places} decimals; for thousands, type {thousands}.</source>
        <translation>{text!r} 不是有效金额：{currency} 最多 {places} 位小数；若点号表示千位分隔，请输入 {thousands}。</translation>
    </message>
    <message>
        <source>{text!r} could mean {decimal} on this computer, where a comma marks decimals: type {plain} (without the comma) for thousands, or a point for decimals.</source>
        <translation>{text!r} 在这台电脑上可能是 {decimal}（这里用逗号表示小数点）：千位请输入 {plain}（不带逗号），小数请用点号。</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
    <message>
        <source>The amount is too large (at most {limit}).</source>
        <translation>金额过大（最多 {limit}）。</translation>
    </message>
    <message>
        <source>This amount is in {typed}, but the currency beside it is {currency}: type the amount alone, in the currency beside it.</source>
        <translation>这个金额是 {typed}，但旁边的币种是 {currency}：请只输入金额，币种以旁边的为准。</translation>
    </message>
    <message>
        <source>Type the amount without “{sign}”: its currency is the one beside it ({currency}).</source>
        <translation>请输入不带“{sign}”的金额：币种以旁边的为准（{currency}）。</translation>
    </message>
    <message>
        <source>the address is not valid (check its spelling and its port)</source>
        <translation>地址无效（请检查拼写和端口）</translation>
    </message>
    <message>
        <source>the address must start with https:// (http:// only for a local sandbox)</source>
        <translation>地址必须以 https:// 开头（http:// 仅用于本机沙盒）</translation>
    </message>
    <message>
        <source>the address must not hold a user name or password (user:pass@)</source>
        <translation>地址中不能包含用户名或密码（user:pass@）</translation>
    </message>
    <message>
        <source>the address must not hold a query (?) or a fragment (#)</source>
        <translation>地址中不能包含查询（?）或片段（#）</translation>
    </message>
    <message>
        <source>the address has no host name</source>
        <translation>地址中没有主机名</translation>
    </message>
    <message>
        <source>plain http:// is allowed only for a local sandbox</source>
        <translation>明文 http:// 仅允许用于本机沙盒</translation>
    </message>
    <message>
        <source>the address must be written in ASCII letters (a host in other letters can imitate another: type its xn-- form)</source>
        <translation>地址只能用 ASCII 字符书写（用其他文字写的主机名可能冒充另一个主机：请输入它的 xn-- 形式）</translation>
    </message>
    <message>
        <source>PayPal</source>
        <translation>PayPal</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>UnionPay</source>
        <translation>银联</translation>
    </message>
    <message>
        <source>JD Pay</source>
        <translation>京东支付</translation>
    </message>
    <message>
        <source>YeePay</source>
        <translation>易宝支付</translation>
    </message>
    <message>
        <source>99Bill (Kuaiqian)</source>
        <translation>快钱</translation>
    </message>
    <message>
        <source>answered with a redirect, HTTP {status}, which was not followed</source>
        <translation>返回了重定向，HTTP {status}，未转到它指向的地址</translation>
    </message>
    <message>
        <source>answered with more than {megabytes} MB, which was not read</source>
        <translation>返回的内容超过 {megabytes} MB，未读取</translation>
    </message>
    <message>
        <source>did not finish answering in time (within {seconds:g} s)</source>
        <translation>未在时限内（{seconds:g} 秒）完成应答</translation>
    </message>
    <message>
        <source>did not complete the connection in time; nothing was sent</source>
        <translation>未在时限内完成连接；未发送任何内容</translation>
    </message>
    <message>
        <source>had not answered when the call was aborted (the client was closed)</source>
        <translation>调用被中止（客户端已关闭）时尚未应答</translation>
    </message>
    <message>
        <source>the call was aborted (the client was closed) before anything was sent</source>
        <translation>调用在发送任何内容之前被中止（客户端已关闭）</translation>
    </message>
    <message>
        <source>not tried: the client was closed; nothing was sent</source>
        <translation>未尝试：客户端已关闭；未发送任何内容</translation>
    </message>
    <message>
        <source>not tried: {problem}; nothing was sent</source>
        <translation>未尝试：{problem}；未发送任何内容</translation>
    </message>
    <message>
        <source>not tried: the CA bundle {path} does not exist; nothing was sent</source>
        <translation>未尝试：CA 证书包 {path} 不存在；未发送任何内容</translation>
    </message>
    <message>
        <source>not tried: the CA bundle {path} named by {variable} does not exist; nothing was sent</source>
        <translation>未尝试：{variable} 所指的 CA 证书包 {path} 不存在；未发送任何内容</translation>
    </message>
    <message>
        <source>not tried: the CA bundle {path} holds no certificate; nothing was sent</source>
        <translation>未尝试：CA 证书包 {path} 中没有证书；未发送任何内容</translation>
    </message>
    <message>
        <source>not tried: the CA bundle {path} named by {variable} holds no certificate; nothing was sent</source>
        <translation>未尝试：{variable} 所指的 CA 证书包 {path} 中没有证书；未发送任何内容</translation>
    </message>
    <message>
        <source>not tried: the CA bundle {path} cannot be read; nothing was sent</source>
        <translation>未尝试：无法读取 CA 证书包 {path}；未发送任何内容</translation>
    </message>
    <message>
        <source>not tried: the CA bundle {path} named by {variable} cannot be read; nothing was sent</source>
        <translation>未尝试：无法读取 {variable} 所指的 CA 证书包 {path}；未发送任何内容</translation>
    </message>
    <message>
        <source>not tried: the proxy {proxy} set on this computer cannot be used (only an http:// or https:// address can); nothing was sent</source>
        <translation>未尝试：本机设置的代理 {proxy} 无法使用（只能使用 http:// 或 https:// 地址）；未发送任何内容</translation>
    </message>
    <message>
        <source>the proxy refused to connect to it (HTTP {status}); nothing was sent. Ask whoever manages this office&apos;s network</source>
        <translation>代理拒绝连接到该服务器（HTTP {status}）；未发送任何内容。请联系本办公室网络的管理员</translation>
    </message>
    <message>
        <source>could not be reached through the proxy; nothing was sent</source>
        <translation>无法通过代理连接到该服务器；未发送任何内容</translation>
    </message>
    <message>
        <source>refused: its TLS certificate was not trusted ({detail}); nothing was sent. If this host uses a private CA, name its CA bundle in the profile</source>
        <translation>已拒绝：其 TLS 证书不受信任（{detail}）；未发送任何内容。如果该服务器使用私有 CA，请在配置中指定其 CA 证书包</translation>
    </message>
    <message>
        <source>TLS handshake failed ({detail}); nothing was sent</source>
        <translation>TLS 握手失败（{detail}）；未发送任何内容</translation>
    </message>
    <message>
        <source>did not accept the connection in time</source>
        <translation>未在时限内接受连接</translation>
    </message>
    <message>
        <source>did not answer in time</source>
        <translation>未在时限内应答</translation>
    </message>
    <message>
        <source>refused or dropped the connection</source>
        <translation>拒绝或断开了连接</translation>
    </message>
    <message>
        <source>dropped the connection before answering</source>
        <translation>在应答前断开了连接</translation>
    </message>
    <message>
        <source>request failed ({error})</source>
        <translation>请求失败（{error}）</translation>
    </message>
    <message>
        <source>answered with an error, HTTP {status}</source>
        <translation>返回了错误，HTTP {status}</translation>
    </message>
    <message>
        <source>answered HTTP {status} with an HTML page instead of JSON</source>
        <translation>返回了 HTML 页面而不是 JSON，HTTP {status}</translation>
    </message>
    <message>
        <source>answered HTTP {status} with something that is not a BeeCloud answer</source>
        <translation>返回的内容不是 BeeCloud 的应答，HTTP {status}</translation>
    </message>
    <message>
        <source>answered HTTP {status}: it cannot take requests now and asks to wait {seconds} s</source>
        <translation>返回 HTTP {status}：暂时无法处理请求，要求等待 {seconds} 秒</translation>
    </message>
    <message>
        <source>answered HTTP {status}: it cannot take requests now</source>
        <translation>返回 HTTP {status}：暂时无法处理请求</translation>
    </message>
    <message>
        <source>not tried: it asked to wait {seconds} s more; nothing was sent</source>
        <translation>未尝试：该服务器要求再等待 {seconds} 秒；未发送任何内容</translation>
    </message>
    <message>
        <source>answered HTTP {status}: it refused access</source>
        <translation>返回 HTTP {status}：拒绝访问</translation>
    </message>
    <message>
        <source>{host} ({reason})</source>
        <translation>{host}（{reason}）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <source>The card was declined, so nothing was charged. Ask the payer for another card, or to pay through PayPal.</source>
        <translation>该卡被拒绝，未扣任何款项。请让付款人换一张卡，或改用 PayPal 付款。</translation>
    </message>
    <message>
        <source>PayPal did not take the card&apos;s expiry date, so nothing was charged. Check it with the payer. For a saved card, choose Card and type the card&apos;s details again.</source>
        <translation>PayPal 未接受该卡的有效期，未扣任何款项。请与付款人核对。如果是已存信用卡，请选择“信用卡”，重新输入该卡的信息。</translation>
    </message>
    <message>
        <source>The card&apos;s security code (CVV) was not right, so nothing was charged. Ask the payer for it again.</source>
        <translation>该卡的安全码（CVV）不正确，未扣任何款项。请向付款人重新确认。</translation>
    </message>
    <message>
        <source>The card has expired, so nothing was charged. Ask the payer for another card.</source>
        <translation>该卡已过期，未扣任何款项。请让付款人换一张卡。</translation>
    </message>
    <message>
        <source>PayPal no longer has this saved card, so nothing was charged. Choose Card and type the card&apos;s details, then save it again.</source>
        <translation>PayPal 已不再保存这张卡，未扣任何款项。请选择“信用卡”，输入该卡的信息付款，之后再重新保存。</translation>
    </message>
    <message>
        <source>PayPal found the card number invalid, so nothing was charged. Check it with the payer.</source>
        <translation>PayPal 认为该卡号无效，未扣任何款项。请与付款人核对卡号。</translation>
    </message>
    <message>
        <source>BeeCloud did not accept this profile&apos;s App ID or App Secret, so it did nothing. Check both in Profiles… against BeeCloud&apos;s dashboard, and this computer&apos;s date and time; then try again.</source>
        <translation>BeeCloud 未接受此配置的 App ID 或 App Secret，因此未做任何处理。请在“配置…”中对照 BeeCloud 控制台核对这两项，并检查本机的日期和时间，然后再试。</translation>
    </message>
    <message>
        <source>BeeCloud has no PayPal settings for this app, so it did nothing. Whoever manages the shop&apos;s BeeCloud account must set them up in BeeCloud&apos;s dashboard; then try again.</source>
        <translation>BeeCloud 尚未为此应用配置 PayPal，因此未做任何处理。请商户 BeeCloud 账户的管理员在 BeeCloud 控制台中完成配置，然后再试。</translation>
    </message>
    <message>
        <source>BeeCloud does not take this channel for this app, so it did nothing. Whoever manages the shop&apos;s BeeCloud account can turn it on in BeeCloud&apos;s dashboard; until then, use another channel.</source>
        <translation>此应用在 BeeCloud 未开通该支付渠道，因此未做任何处理。商户 BeeCloud 账户的管理员可在 BeeCloud 控制台中开通；开通之前，请改用其他渠道。</translation>
    </message>
    <message>
        <source>BeeCloud found a field missing in what the console sent, so it did nothing. Nothing in the form can mend this: tell whoever looks after this console, with the code and detail below.</source>
        <translation>BeeCloud 发现控制台发送的内容缺少字段，因此未做任何处理。这无法通过修改表单解决：请将下方的结果码和详情告知本控制台的维护人员。</translation>
    </message>
    <message>
        <source>BeeCloud did not take a field as the console sent it, so it did nothing. The detail below may name it: correct it if you typed it; otherwise tell whoever looks after this console, with the code and detail below.</source>
        <translation>BeeCloud 不接受控制台发送的某个字段，因此未做任何处理。下方详情可能写明是哪个字段：如果是您填写的，请改正；否则请将下方的结果码和详情告知本控制台的维护人员。</translation>
    </message>
    <message>
        <source>BeeCloud&apos;s certificate for this app&apos;s payment channel is missing or wrong, so it did nothing. Whoever manages the shop&apos;s BeeCloud account must put it right in BeeCloud&apos;s dashboard; then try again.</source>
        <translation>BeeCloud 中此应用支付渠道的证书缺失或有误，因此未做任何处理。请商户 BeeCloud 账户的管理员在 BeeCloud 控制台中改正，然后再试。</translation>
    </message>
    <message>
        <source>PayPal refused the request or failed, so nothing was done. Try again later; if it happens again, give the code and detail below to BeeCloud&apos;s support.</source>
        <translation>PayPal 拒绝了该请求或处理失败，因此未做任何处理。请稍后再试；如果仍然出现，请将下方的结果码和详情提供给 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>BeeCloud has no such refund, so it did nothing. Check the refund number; if it is right, give the code and detail below to BeeCloud&apos;s support.</source>
        <translation>BeeCloud 没有这笔退款，因此未做任何处理。请核对退款单号；如果单号无误，请将下方的结果码和详情提供给 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>BeeCloud failed on its side and did nothing. Try again in a few minutes; if it happens again, give the code and detail below to BeeCloud&apos;s support.</source>
        <translation>BeeCloud 自身出错，未做任何处理。请过几分钟再试；如果仍然出现，请将下方的结果码和详情提供给 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>BeeCloud could not reach the payment channel and did nothing. Try again in a few minutes; if it happens again, give the code and detail below to BeeCloud&apos;s support.</source>
        <translation>BeeCloud 无法连接支付渠道，未做任何处理。请过几分钟再试；如果仍然出现，请将下方的结果码和详情提供给 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>BeeCloud has this refund already, waiting for approval (a pre-refund), so it did nothing more. Whoever manages the shop&apos;s BeeCloud account approves or rejects it in BeeCloud&apos;s dashboard.</source>
        <translation>BeeCloud 已有这笔退款，正在等待审核（预退款），因此未再做处理。请商户 BeeCloud 账户的管理员在 BeeCloud 控制台中批准或拒绝。</translation>
    </message>
    <message>
        <source>BeeCloud has a bill numbered so already, so this payment was not made. Look the number up under Bills before paying again: it may be paid. To pay as a new bill, press New number.</source>
        <translation>BeeCloud 已有使用此单号的账单，因此这笔支付未成功。再次收款前，请先在“账单”中查询此单号：它可能已经付款。如要作为新账单收款，请点击“新单号”。</translation>
    </message>
    <message>
        <source>BeeCloud refused the request with a code this console does not know, so it did nothing. Try again later; if it happens again, give the code and detail below to BeeCloud&apos;s support.</source>
        <translation>BeeCloud 以本控制台不认识的返回码拒绝了该请求，因此未做任何处理。请稍后再试；如果再次出现，请把下面的返回码和详情提供给 BeeCloud 客服。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>An unexpected {error} occurred. It was written to the log in {folder}.</source>
        <translation>发生了意外错误（{error}），已记录到日志，位于 {folder}。</translation>
    </message>
</context>
<context>
    <name>ApprovalRow</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>再次打开</translation>
    </message>
    <message>
        <source>PayPal approval page:</source>
        <translation>PayPal 确认页面：</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>This address is not a web page (http or https), so it was not opened. Do not open it or send it to a payer: ask BeeCloud&apos;s support about it.</source>
        <translation>此地址不是网页地址（http 或 https），因此没有打开。请勿打开它，也不要发给付款人：请向 BeeCloud 客服询问。</translation>
    </message>
    <message>
        <source>This address has a user name or password before its host (before “@”), which a PayPal page never has: it can read as one site and open another, so it was not opened. Do not open it or send it to a payer: ask BeeCloud&apos;s support about it.</source>
        <translation>此地址在主机名前带有用户名或密码（“@”之前的部分），PayPal 页面从不会这样：它看起来像一个网站，打开的却可能是另一个网站，因此没有打开。请勿打开它，也不要发给付款人：请向 BeeCloud 客服询问。</translation>
    </message>
    <message>
        <source>No browser could be started to open the page. Copy its address and open it in a browser, or send it to the payer.</source>
        <translation>无法启动浏览器打开该页面。请复制其地址并在浏览器中打开，或发给付款人。</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Payment check</source>
        <translation>收款核查</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Refund check</source>
        <translation>退款核查</translation>
    </message>
    <message>
        <source>Refund dropped</source>
        <translation>退款已放弃</translation>
    </message>
    <message>
        <source>Profile added</source>
        <translation>新增配置</translation>
    </message>
    <message>
        <source>Profile changed</source>
        <translation>修改配置</translation>
    </message>
    <message>
        <source>Profile removed</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <source>Secret changed</source>
        <translation>更改密钥</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Card saved</source>
        <translation>信用卡已保存</translation>
    </message>
    <message>
        <source>Card forgotten</source>
        <translation>信用卡已删除</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>Not made</source>
        <translation>未成功</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Refused {code_and_message}</source>
        <translation>被拒绝 {code_and_message}</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>No entries match these filters.</source>
        <translation>没有符合筛选条件的记录。</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(s)</source>
        <translation>
            <numerusform>%Ln 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>{result} (not saved yet)</source>
        <translation>{result}（尚未保存）</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Operator, profile, number, result or detail</source>
        <translation>操作员、配置、单号、结果或详情</translation>
    </message>
    <message>
        <source>Narrow the entries shown to those containing every word ({key})</source>
        <translation>只显示包含所有关键词的记录（{key}）</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Find in the entries shown:</source>
        <translation>在显示的记录中查找：</translation>
    </message>
    <message>
        <source>{name} (removed)</source>
        <translation>{name}（已删除）</translation>
    </message>
    <message>
        <source>All profiles</source>
        <translation>全部配置</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message numerus="yes">
        <source>%n audit entry(s) not saved yet</source>
        <translation>
            <numerusform>%n 条审计记录尚未保存</numerusform>
        </translation>
    </message>
    <message>
        <source>{why} The entries marked “not saved yet” are kept in memory and saved, with their own times, as soon as the database can be written again. If the console closes first, they are lost (they go to the console&apos;s log file only).</source>
        <translation>{why} 标记为“尚未保存”的记录暂存在内存中，一旦数据库可以再次写入，就会按其原本的时间保存。如果控制台在此之前关闭，这些记录将会丢失（只会写入控制台的日志文件）。</translation>
    </message>
    <message>
        <source>The list is still being read: export it in a moment.</source>
        <translation>列表仍在读取：请稍后再导出。</translation>
    </message>
    <message>
        <source>Pick a first day before the last day.</source>
        <translation>请选择早于结束日期的开始日期。</translation>
    </message>
    <message>
        <source>The audit log could not be read: the console&apos;s database may have been damaged meanwhile. Press F5 to read it again; if it still fails, close the console and start it again, which checks the file and says what it finds.</source>
        <translation>无法读取审计日志：控制台的数据库可能在运行期间已损坏。请按 F5 重新读取；如果仍然失败，请关闭控制台后重新启动，启动时会检查该文件并说明检查结果。</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>{column}: {value}</source>
        <translation>{column}：{value}</translation>
    </message>
    <message>
        <source>Audit entry</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Nothing was audited yet: every payment, refund and change of a profile made in this console will be listed here.</source>
        <translation>尚无审计记录：在本控制台进行的每笔收款、退款和配置更改都会列在这里。</translation>
    </message>
    <message>
        <source>{text} (the newest {limit}: narrow the dates to see older ones)</source>
        <translation>{text}（仅显示最新的 {limit} 条，缩小日期范围可查看更早的记录）</translation>
    </message>
    <message>
        <source>{text} — {shown} shown by the search</source>
        <translation>{text} — 搜索后显示 {shown} 条</translation>
    </message>
    <message>
        <source>{text} (the list is still being read)</source>
        <translation>{text}（列表仍在读取）</translation>
    </message>
</context>
<context>
    <name>BillPanel</name>
    <message>
        <source>{amount} (currency unknown)</source>
        <translation>{amount}（币种未知）</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation>支付状态：</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>Refunded:</source>
        <translation>已退款：</translation>
    </message>
    <message>
        <source>Refund number</source>
        <translation>退款单号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Earlier refunds of this bill:</source>
        <translation>此账单之前的退款：</translation>
    </message>
    <message>
        <source>{channel} ({name})</source>
        <translation>{channel}：{name}</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Yes, paid</source>
        <translation>是，已支付</translation>
    </message>
    <message>
        <source>No — not paid</source>
        <translation>否 — 未支付</translation>
    </message>
    <message>
        <source>{amount} (the bill does not say its currency; shown in the one you picked)</source>
        <translation>{amount}（该账单未注明币种；按你选择的币种显示）</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{amount} on {time}, refund {refund_no}</source>
        <translation>{amount}，于 {time}，退款单号 {refund_no}</translation>
    </message>
    <message>
        <source>{amount} asked on {time}, refund {refund_no} (in progress)</source>
        <translation>{amount}，于 {time} 申请，退款单号 {refund_no}（处理中）</translation>
    </message>
    <message>
        <source>Not known: refund {refund_no} was sent, its outcome is unknown</source>
        <translation>不确定：退款 {refund_no} 已发出，结果未知</translation>
    </message>
    <message>
        <source>it was paid through {channel}; only PayPal bills are refunded here.</source>
        <translation>它通过 {channel} 支付；这里只能为 PayPal 账单退款。</translation>
    </message>
    <message>
        <source>it was not paid, so there is nothing to refund.</source>
        <translation>它尚未支付，没有可退的金额。</translation>
    </message>
    <message>
        <source>it is more than {days} days old; PayPal refunds younger sales only.</source>
        <translation>它已超过 {days} 天；PayPal 只为期限内的交易退款。</translation>
    </message>
    <message>
        <source>BeeCloud will most likely refuse a refund of this bill:
• {reasons}
You may still send one; BeeCloud decides.</source>
        <translation>BeeCloud 很可能会拒绝为此账单退款：
• {reasons}
你仍可以发送退款，由 BeeCloud 决定。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No refunds yet.</source>
        <translation>暂无退款。</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
</context>
<context>
    <name>BillsModel</name>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>未支付</translation>
    </message>
    <message>
        <source>No bills match these filters.</source>
        <translation>没有符合筛选条件的账单。</translation>
    </message>
    <message>
        <source>No bills yet.</source>
        <translation>暂无账单。</translation>
    </message>
    <message>
        <source>All bills</source>
        <translation>全部账单</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
</context>
<context>
    <name>BillsTab</name>
    <message>
        <source>This console refunds PayPal bills only.</source>
        <translation>本控制台只能为 PayPal 账单退款。</translation>
    </message>
    <message>
        <source>Only a paid bill can be refunded.</source>
        <translation>只有已支付的账单才能退款。</translation>
    </message>
    <message>
        <source>Refund this bill…</source>
        <translation>为此账单退款…</translation>
    </message>
    <message>
        <source>This bill was refunded ({number}); BeeCloud allows one refund per bill.</source>
        <translation>此账单已退款（{number}）；BeeCloud 每笔账单只允许一次退款。</translation>
    </message>
    <message>
        <source>Show its refunds</source>
        <translation>查看其退款</translation>
    </message>
    <message>
        <source>Copied the payment link of bill {bill_no}.</source>
        <translation>已复制账单 {bill_no} 的付款链接。</translation>
    </message>
    <message>
        <source>Copy payment link</source>
        <translation>复制付款链接</translation>
    </message>
    <message>
        <source>Open payment link in the browser</source>
        <translation>在浏览器中打开付款链接</translation>
    </message>
    <message>
        <source>The payer can approve it until about {time}</source>
        <translation>付款人可在 {time} 左右之前确认付款</translation>
    </message>
    <message>
        <source>No browser could be started</source>
        <translation>无法启动浏览器</translation>
    </message>
    <message>
        <source>Copy the payment link (the bill&apos;s menu) and open it in a browser, or send it to the payer.</source>
        <translation>请复制付款链接（在该账单的菜单中），在浏览器中打开，或发给付款人。</translation>
    </message>
</context>
<context>
    <name>CardForm</name>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>CVV</source>
        <translation>CVV</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Card type</source>
        <translation>卡类型</translation>
    </message>
    <message>
        <source>Enter the card number.</source>
        <translation>请输入卡号。</translation>
    </message>
    <message>
        <source>Enter the month and year the card expires.</source>
        <translation>请输入卡片到期的月份和年份。</translation>
    </message>
    <message>
        <source>Enter the CVV (3 or 4 digits on the card).</source>
        <translation>请输入 CVV（卡上的 3 或 4 位数字）。</translation>
    </message>
    <message>
        <source>Enter the card holder&apos;s first name.</source>
        <translation>请输入持卡人的名。</translation>
    </message>
    <message>
        <source>Enter the card holder&apos;s last name.</source>
        <translation>请输入持卡人的姓。</translation>
    </message>
    <message>
        <source>Choose the card type.</source>
        <translation>请选择卡类型。</translation>
    </message>
    <message>
        <source>This is not a valid card number: a digit is probably mistyped.</source>
        <translation>卡号无效：可能有数字输错了。</translation>
    </message>
    <message>
        <source>e.g. 4111 1111 1111 1111</source>
        <translation>例如 4111 1111 1111 1111</translation>
    </message>
    <message>
        <source>MM</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Expiry month</source>
        <translation>到期月份</translation>
    </message>
    <message>
        <source>YYYY</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Expiry year</source>
        <translation>到期年份</translation>
    </message>
    <message>
        <source>3 or 4 digits, on the back of the card (front for American Express)</source>
        <translation>3 或 4 位数字，印在卡背面（American Express 卡在正面）</translation>
    </message>
    <message>
        <source>as printed on the card</source>
        <translation>与卡面一致</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>The card number takes only its digits (spaces and dashes between them are fine): paste or type them alone.</source>
        <translation>卡号只能填数字（数字之间可有空格或短横线）：请只粘贴或输入卡号数字。</translation>
    </message>
    <message>
        <source>The month box takes only the month&apos;s digits (1 to 12); the year goes in the box after it.</source>
        <translation>月份框只能填月份数字（1 到 12）；年份填在后面的框中。</translation>
    </message>
    <message>
        <source>The year box takes only the year&apos;s 4 digits; the month goes in the box before it.</source>
        <translation>年份框只能填 4 位年份数字；月份填在前面的框中。</translation>
    </message>
    <message>
        <source>The CVV is 3 or 4 digits, nothing else.</source>
        <translation>CVV 只能是 3 或 4 位数字。</translation>
    </message>
    <message>
        <source>Practice cards</source>
        <translation>练习用卡</translation>
    </message>
    <message>
        <source>Sandbox only: fill in a card number the sandbox charges or declines, with an expiry and a CVV it takes</source>
        <translation>仅限沙盒：填入沙盒会扣款或拒绝的卡号，以及沙盒接受的有效期和 CVV</translation>
    </message>
    <message>
        <source>{brand} {number}: declined</source>
        <translation>{brand} {number}：被拒绝，不扣款</translation>
    </message>
    <message>
        <source>{brand} {number}: charged</source>
        <translation>{brand} {number}：扣款成功</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>An American Express card&apos;s CVV has 4 digits, on its front.</source>
        <translation>American Express 卡的 CVV 为 4 位数字，印在卡正面。</translation>
    </message>
    <message>
        <source>A {brand} card&apos;s CVV has 3 digits, on its back.</source>
        <translation>{brand} 卡的 CVV 为 3 位数字，印在卡背面。</translation>
    </message>
    <message>
        <source>This looks like a card number. The holder&apos;s name is sent to BeeCloud and kept with the card, so it never holds one: type the name as printed on the card.</source>
        <translation>这看起来像银行卡号。持卡人姓名会随卡一起发送给 BeeCloud 并保存，因此不能包含卡号：请按卡上印的姓名填写。</translation>
    </message>
    <message>
        <source>This looks like a card&apos;s security code (CVV). The holder&apos;s name is sent to BeeCloud and kept with the card, so it never holds one: type the code in the CVV field.</source>
        <translation>这看起来像是银行卡的安全码（CVV）。持卡人姓名会发送给 BeeCloud 并随卡保存，因此绝不能包含安全码：请把安全码填在 CVV 栏中。</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <source>This number belongs to {brand}: is {chosen} right?</source>
        <translation>该卡号属于 {brand}：确定选 {chosen} 吗？</translation>
    </message>
    <message>
        <source>✓ number checks out</source>
        <translation>✓ 卡号校验通过</translation>
    </message>
    <message>
        <source>✗ not a valid number</source>
        <translation>✗ 卡号无效</translation>
    </message>
</context>
<context>
    <name>CardRow</name>
    <message>
        <source>Card label</source>
        <translation>卡片备注名</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Remember this card as</source>
        <translation>保存此卡，备注名为</translation>
    </message>
    <message>
        <source>PayPal card id:</source>
        <translation>PayPal 卡片 ID：</translation>
    </message>
    <message>
        <source>Not saved: enter a label without control characters (tab, line break, direction marks).</source>
        <translation>未保存：备注名中不能有控制字符（制表符、换行符、文字方向标记）。</translation>
    </message>
    <message>
        <source>Not saved: the label looks like a card number. A label is kept on this computer, so it never holds one.</source>
        <translation>未保存：该备注名看起来像银行卡号。备注名保存在本机上，因此不能包含卡号。</translation>
    </message>
    <message>
        <source>Not saved: the label looks like a card&apos;s security code (CVV). A label is kept on this computer, so it never holds one: leave the code out.</source>
        <translation>未保存：该备注名看起来像银行卡的安全码（CVV）。备注名保存在本机上，因此不能包含安全码：请删去该码。</translation>
    </message>
    <message>
        <source>The card could not be saved: {error}</source>
        <translation>无法保存该卡：{error}</translation>
    </message>
    <message>
        <source>Saved as “{label}”.</source>
        <translation>已保存为“{label}”。</translation>
    </message>
    <message>
        <source>Not saved: {gone}</source>
        <translation>未保存：{gone}</translation>
    </message>
    <message>
        <source>Not saved: the profile “{name}” was changed in another console: it is now of app {app_id}, and BeeCloud knows this card only under app {before}.</source>
        <translation>未保存：配置“{name}”已在另一个控制台中被修改，现在属于应用 {app_id}；而 BeeCloud 只在应用 {before} 下认得这张卡。</translation>
    </message>
</context>
<context>
    <name>ChannelBars</name>
    <message>
        <source>Share of each channel in the amount paid</source>
        <translation>各渠道占支付金额的比例</translation>
    </message>
    <message>
        <source>No paid bills in {currency} in this range</source>
        <translation>此期间没有以 {currency} 支付的账单</translation>
    </message>
    <message>
        <source>Share of each channel in the amount paid, {currency}</source>
        <translation>各渠道占支付金额的比例（{currency}）</translation>
    </message>
    <message>
        <source>Other channels</source>
        <translation>其他渠道</translation>
    </message>
    <message numerus="yes">
        <source>{share} · {amount} · %Ln bill(s)</source>
        <translation>
            <numerusform>{share} · {amount} · %Ln 笔账单</numerusform>
        </translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{channel}: {figures}</source>
        <translation>{channel}：{figures}</translation>
    </message>
</context>
<context>
    <name>ConfirmRefund</name>
    <message>
        <source>partial refund of {amount} out of {total}</source>
        <translation>部分退款 {amount}（共 {total}）</translation>
    </message>
    <message>
        <source>full refund of {amount}</source>
        <translation>全额退款 {amount}</translation>
    </message>
    <message>
        <source>Refund bill {bill_no}: {what}.</source>
        <translation>为账单 {bill_no} 退款：{what}。</translation>
    </message>
    <message>
        <source>Title: {title}</source>
        <translation>标题：{title}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Channel: {channel}</source>
        <translation>渠道：{channel}</translation>
    </message>
    <message>
        <source>Refund number: {refund_no}</source>
        <translation>退款单号：{refund_no}</translation>
    </message>
    <message>
        <source>Profile: {name} — LIVE, real money goes back to the payer.</source>
        <translation>配置：{name} — 正式环境，真实资金将退回付款人。</translation>
    </message>
    <message>
        <source>Profile: {name} — practice data, no real money moves.</source>
        <translation>配置：{name} — 练习数据，不涉及真实资金。</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <source>The rest, {rest}, can never be refunded later: BeeCloud allows one refund per bill.</source>
        <translation>剩余的 {rest} 以后永远无法退款：BeeCloud 每笔账单只允许退款一次。</translation>
    </message>
    <message>
        <source>The bill does not say its currency; you chose {currency} for display. BeeCloud refunds {hundredths} hundredths of the bill&apos;s own currency.</source>
        <translation>该账单未注明币种；你选择了用 {currency} 显示。BeeCloud 将按账单本身的币种退还 {hundredths} 分。</translation>
    </message>
    <message>
        <source>A refund cannot be undone.</source>
        <translation>退款一经发出无法撤销。</translation>
    </message>
</context>
<context>
    <name>ConfirmRefundDialog</name>
    <message>
        <source>Confirm refund</source>
        <translation>确认退款</translation>
    </message>
    <message>
        <source>Refund {amount}</source>
        <translation>退款 {amount}</translation>
    </message>
    <message>
        <source>Enter does not refund: press Space or click “{button}” to refund, or Cancel.</source>
        <translation>回车键不会退款：请按空格键或点击“{button}”进行退款，或点击“取消”。</translation>
    </message>
</context>
<context>
    <name>ConsoleSession</name>
    <message>
        <source>The practice sandbox could not be started ({reason}), so nothing was sent.</source>
        <translation>练习沙盒无法启动（{reason}），因此没有发送任何内容。</translation>
    </message>
    <message>
        <source>The practice sandbox has stopped ({reason}) and could not be kept running, so nothing was sent. Close the console and start it again.</source>
        <translation>练习沙盒已停止（{reason}），且无法保持运行，因此没有发送任何内容。请关闭控制台并重新启动。</translation>
    </message>
    <message>
        <source>No app secret is stored for the profile “{name}”. Enter it in Profiles… first.</source>
        <translation>配置“{name}”尚未保存 App Secret。请先在“配置…”中填写。</translation>
    </message>
    <message>
        <source>{gone} Nothing was sent. The console is back on the practice sandbox.</source>
        <translation>{gone}未发送任何内容。控制台已切回练习沙盒。</translation>
    </message>
    <message>
        <source>The profile “{name}” was changed in another console: it is now of app {app_id}, not {before}. So nothing was sent. Check the band above, then try again.</source>
        <translation>配置“{name}”已在另一个控制台中被修改：它现在属于应用 {app_id}，而不是 {before}。因此未发送任何内容。请先核对上方的环境横幅，再重试。</translation>
    </message>
    <message>
        <source>An unexpected {error} occurred once the system keyring answered, so this was not sent; it was written to the log.</source>
        <translation>系统密钥环回复后发生了意外错误（{error}），因此未发送；已记录到日志。</translation>
    </message>
    <message>
        <source>The profile “{name}” was removed while this waited for the system keyring, so nothing was sent.</source>
        <translation>在等待系统密钥环期间，配置“{name}”已被删除，因此未发送任何内容。</translation>
    </message>
    <message>
        <source>{gone} Nothing was sent.</source>
        <translation>{gone}未发送任何内容。</translation>
    </message>
    <message>
        <source>The profile “{name}” was given the App ID {app_id} (it was {before}) while this waited for the system keyring, so nothing was sent. Check the band above, then try again.</source>
        <translation>在等待系统密钥环期间，配置“{name}”的 App ID 已改为 {app_id}（原为 {before}），因此未发送任何内容。请先核对上方的环境横幅，再重试。</translation>
    </message>
    <message>
        <source>The console was closed before the system keyring answered: not sent.</source>
        <translation>系统密钥环应答之前控制台已关闭：未发送。</translation>
    </message>
    <message>
        <source>Lists of this profile load, so its App Secret is right, but BeeCloud refused the refund&apos;s signature: the Master Secret stored for refunds may be wrong. Check it in Profiles….</source>
        <translation>此配置的列表可以加载，说明其 App Secret 正确，但 BeeCloud 拒绝了退款的签名：为退款保存的 Master Secret 可能有误。请在“配置…”中检查。</translation>
    </message>
    <message>
        <source>Lists of this profile load, so its App Secret is right, but BeeCloud refused the refund&apos;s signature: this account may sign refunds with its Master Secret. Enter it in Profiles… (Master Secret), then refund again.</source>
        <translation>此配置的列表可以加载，说明其 App Secret 正确，但 BeeCloud 拒绝了退款的签名：此账户的退款可能需要用 Master Secret 签名。请在“配置…”中填写 Master Secret，然后重新退款。</translation>
    </message>
    <message>
        <source>The console&apos;s database ({path}) cannot be written, so nothing that moves money can be made: it could not be written down first. Nothing was sent. Mend the file as the notice at start says, then start the console again.</source>
        <translation>控制台的数据库（{path}）无法写入，因此不能进行任何涉及资金的操作：操作必须先记录下来。没有发送任何内容。请按启动时的提示修复该文件，然后重新启动控制台。</translation>
    </message>
    <message>
        <source>Nothing was sent. The console&apos;s database ({path}) was replaced by another file while the console ran (another console may have found it damaged), so nothing can be written down before it is sent. Close the console and start it again.</source>
        <translation>未发送任何内容。控制台运行期间，其数据库（{path}）已被另一个文件替换（可能是另一个控制台发现它已损坏），因此无法在发送前先行记录。请关闭控制台后重新启动。</translation>
    </message>
    <message>
        <source>Nothing was sent. {reason} A payment or refund is written down before it is sent. Make room on the disk, then try again.</source>
        <translation>未发送任何内容。{reason} 收款或退款在发送前会先记录下来。请腾出磁盘空间后再试。</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%Ln bill(s)</source>
        <translation>
            <numerusform>%Ln 笔账单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refund(s)</source>
        <translation>
            <numerusform>%Ln 笔退款</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The request has %n problem(s).</source>
        <translation>
            <numerusform>该请求有 %n 处问题。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refund(s) need(s) checking</source>
        <translation>
            <numerusform>%Ln 笔退款待核查</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of unknown outcome</source>
        <translation>
            <numerusform>%Ln 笔结果未知</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln never reached BeeCloud</source>
        <translation>
            <numerusform>%Ln 笔未送达 BeeCloud</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>……另有 %Ln 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) left out</source>
        <translation>
            <numerusform>%Ln 条记录未收入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln second(s)</source>
        <translation>
            <numerusform>%Ln 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln year(s)</source>
        <translation>
            <numerusform>%Ln 年</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n live profile(s) saved in {path} cannot be read (the file was damaged or edited by hand) and are not listed. They are kept in the file as they were; their App Secrets stay in the keyring.</source>
        <translation>
            <numerusform>{path} 中保存的 %n 个正式配置无法读取（文件已损坏或被手工修改），因此未列出。未列出的配置按原样保留在该文件中，其 App Secret 仍在密钥环中。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DailyChart</name>
    <message>
        <source>Paid and refunded per day, {currency}</source>
        <translation>每日支付与退款金额（{currency}）</translation>
    </message>
    <message>
        <source>Amount ({currency})</source>
        <translation>金额（{currency}）</translation>
    </message>
    <message>
        <source>{first} to {last}: paid {paid}, refunded {refunded}.</source>
        <translation>{first} 至 {last}：已支付 {paid}，已退款 {refunded}。</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>{day}: paid {paid}, refunded {refunded}.</source>
        <translation>{day}：已支付 {paid}，已退款 {refunded}。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Paid and refunded per day</source>
        <translation>每日支付与退款金额</translation>
    </message>
    <message>
        <source>{summary} Most paid on {day}: {amount}.</source>
        <translation>{summary}支付金额最多的一天是 {day}：{amount}。</translation>
    </message>
    <message>
        <source>{day}
Paid: {paid}
Refunded: {refunded}</source>
        <translation>{day}
已支付：{paid}
已退款：{refunded}</translation>
    </message>
</context>
<context>
    <name>DatePresets</name>
    <message>
        <source>Any date</source>
        <translation>不限日期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
</context>
<context>
    <name>DateRangePicker</name>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>DayEdit</name>
    <message>
        <source>“{typed}” may be {one} or {other}: type the day as the field writes it. The field still shows {still}.</source>
        <translation>“{typed}”可能是 {one}，也可能是 {other}：请按本栏的写法输入日期。本栏仍为 {still}。</translation>
    </message>
    <message>
        <source>“{typed}” is not a day: type it as the field writes it, such as {example}. The field still shows {still}.</source>
        <translation>“{typed}”不是日期：请按本栏的写法输入，例如 {example}。本栏仍为 {still}。</translation>
    </message>
</context>
<context>
    <name>EarlierRefundsTable</name>
    <message>
        <source>Copy the selected rows</source>
        <translation>复制所选行</translation>
    </message>
</context>
<context>
    <name>EntryRow</name>
    <message>
        <source>Send again (same refund number)…</source>
        <translation>重新发送（同一退款单号）…</translation>
    </message>
    <message>
        <source>Don&apos;t send it</source>
        <translation>不再发送</translation>
    </message>
    <message>
        <source>Start a fresh refund…</source>
        <translation>重新发起退款…</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>Profile: {profile} · sent by {operator} on {time}</source>
        <translation>配置：{profile} · 由 {operator} 于 {time} 发送</translation>
    </message>
    <message numerus="yes">
        <source>{facts} · sent %n time(s)</source>
        <translation>
            <numerusform>{facts} · 已发送 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EnvironmentBand</name>
    <message>
        <source>SANDBOX — practice data, no real money moves</source>
        <translation>沙盒环境 — 练习数据，不涉及真实资金</translation>
    </message>
    <message>
        <source>LIVE — {name} (app {app_id}): real payments</source>
        <translation>正式环境 — {name}（应用 {app_id}）：真实交易</translation>
    </message>
</context>
<context>
    <name>ErrorReport</name>
    <message>
        <source>Result code {code} {name}</source>
        <translation>返回码 {code} {name}</translation>
    </message>
    <message>
        <source>Detail: {detail}</source>
        <translation>详情：{detail}</translation>
    </message>
    <message>
        <source>The outcome of the refund {refund_no} of bill {bill_no} is unknown: {host} {reason}. Check it with a query before trying again.</source>
        <translation>账单 {bill_no} 的退款 {refund_no} 结果未知：{host} {reason}。请先查询确认，再决定是否重试。</translation>
    </message>
    <message>
        <source>The outcome of the payment of bill {bill_no} is unknown: {host} {reason}. Check it with a query before trying again.</source>
        <translation>账单 {bill_no} 的收款结果未知：{host} {reason}。请先查询确认，再决定是否重试。</translation>
    </message>
    <message>
        <source>BeeCloud refused the request</source>
        <translation>BeeCloud 拒绝了该请求</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>No server answered</source>
        <translation>服务器无响应</translation>
    </message>
    <message>
        <source>The server answered with an error</source>
        <translation>服务器返回了错误</translation>
    </message>
    <message>
        <source>No server was asked</source>
        <translation>未向任何服务器发送请求</translation>
    </message>
    <message>
        <source>No app secret</source>
        <translation>没有 App Secret</translation>
    </message>
    <message>
        <source>The App Secret cannot be read</source>
        <translation>无法读取 App Secret</translation>
    </message>
    <message>
        <source>The profile was removed</source>
        <translation>该配置已被删除</translation>
    </message>
    <message>
        <source>The profile was changed</source>
        <translation>该配置已被修改</translation>
    </message>
    <message>
        <source>The saved profiles cannot be read</source>
        <translation>无法读取已保存的配置</translation>
    </message>
    <message>
        <source>The console&apos;s database cannot be written</source>
        <translation>控制台的数据库无法写入</translation>
    </message>
    <message>
        <source>The history could not be written</source>
        <translation>历史记录无法写入</translation>
    </message>
    <message>
        <source>Something went wrong before sending</source>
        <translation>发送前出错了</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The console was closed first</source>
        <translation>控制台已先关闭</translation>
    </message>
    <message>
        <source>No BeeCloud server was asked: {hosts}.</source>
        <translation>未向任何 BeeCloud 服务器发送请求：{hosts}。</translation>
    </message>
    <message>
        <source>No BeeCloud server gave a usable answer. Tried: {hosts}.</source>
        <translation>没有任何 BeeCloud 服务器给出可用的应答。已尝试：{hosts}。</translation>
    </message>
    <message>
        <source>No BeeCloud server could be reached. Tried: {hosts}.</source>
        <translation>无法连接任何 BeeCloud 服务器。已尝试：{hosts}。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} behind the server&apos;s.</source>
        <translation>本机时钟比服务器慢 {duration}。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} ahead of the server&apos;s.</source>
        <translation>本机时钟比服务器快 {duration}。</translation>
    </message>
    <message>
        <source>BeeCloud refuses a request whose time is far from its own, as it does a wrong App ID or App Secret: set this computer&apos;s date and time right, then try again.</source>
        <translation>请求时间与 BeeCloud 自己的时间相差太远时，BeeCloud 会拒绝该请求，与 App ID 或 App Secret 错误时一样：请先把本机的日期和时间调准，然后再试。</translation>
    </message>
    <message>
        <source>The server is busy or down for maintenance and asked to wait {duration}: try again after that.</source>
        <translation>服务器繁忙或正在维护，要求等待 {duration}：请在此之后再试。</translation>
    </message>
    <message>
        <source>The server is busy or down for maintenance: try again in a few minutes.</source>
        <translation>服务器繁忙或正在维护：请几分钟后再试。</translation>
    </message>
    <message>
        <source>The server had a problem answering: try again in a few minutes. If it goes on, tell BeeCloud support when it happened and what is said here.</source>
        <translation>服务器应答时出了问题：请几分钟后再试。如果问题持续，请把发生的时间和这里的说明告诉 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>The server refused this console access: ask whoever manages the shop&apos;s BeeCloud account or this office&apos;s network to let it in.</source>
        <translation>服务器拒绝了本控制台的访问：请联系负责本店 BeeCloud 账户或本办公室网络的管理员开通访问权限。</translation>
    </message>
    <message>
        <source>The server asked to wait {duration}</source>
        <translation>服务器要求等待 {duration}</translation>
    </message>
    <message>
        <source>The server is busy or down for maintenance</source>
        <translation>服务器繁忙或正在维护</translation>
    </message>
    <message>
        <source>The history on this computer could not be written ({reason}): another console or program is writing it. It keeps what it had, and the next sync tries again.</source>
        <translation>本机的历史记录无法写入（{reason}）：另一个控制台或程序正在写入它。已有内容保持不变，下次同步时会再试。</translation>
    </message>
    <message>
        <source>The history on this computer could not be written ({reason}): the disk is full. It keeps what it had, and the next sync tries again.</source>
        <translation>本机的历史记录无法写入（{reason}）：磁盘已满。已有内容保持不变，下次同步时会再试。</translation>
    </message>
    <message>
        <source>The history on this computer could not be written ({reason}): the file or its folder cannot be written. It keeps what it had.</source>
        <translation>本机的历史记录无法写入（{reason}）：该文件或其所在文件夹不可写入。已有内容保持不变。</translation>
    </message>
    <message>
        <source>The history on this computer could not be written ({reason}): it keeps what it had, and the next sync tries again.</source>
        <translation>本机的历史记录无法写入（{reason}）：已有内容保持不变，下次同步时会再试。</translation>
    </message>
    <message>
        <source>{host} {reason}.</source>
        <translation>{host} {reason}。</translation>
    </message>
    <message>
        <source>The server listed {listed} of a stretch in which it counts {counted}, and went on: its list and its count are too far apart to be read to the end (one of them is wrong), so the sync stopped. The history keeps what it read; if it goes on, tell BeeCloud support.</source>
        <translation>服务器在一个它计为 {counted} 的时间段里列出了 {listed}，并且还在继续列出：它的列表与计数相差太远（其中之一有误），无法读完，因此同步已停止。历史记录保留已读到的内容；如果一再发生，请告知 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>The server&apos;s answer made no sense</source>
        <translation>服务器的应答无法识别</translation>
    </message>
    <message>
        <source>Please correct the form</source>
        <translation>请修改表单</translation>
    </message>
    <message>
        <source>The practice sandbox is not running</source>
        <translation>练习沙盒未在运行</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>The server is busy or down for maintenance and asked to wait {duration} before it is asked again.</source>
        <translation>服务器繁忙或正在维护，要求等待 {duration} 后再向它发送请求。</translation>
    </message>
    <message>
        <source>The server is busy or down for maintenance: ask again in a few minutes.</source>
        <translation>服务器繁忙或正在维护：请几分钟后再查询。</translation>
    </message>
    <message>
        <source>The server listed the same bills again on page {page}: it does not page its lists, so they cannot be read to the end. The history keeps what it had.</source>
        <translation>服务器在第 {page} 页又列出了同样的账单：它的列表不分页，无法读到末尾。历史记录保留原有内容。</translation>
    </message>
    <message>
        <source>The server listed the same refunds again on page {page}: it does not page its lists, so they cannot be read to the end. The history keeps what it had.</source>
        <translation>服务器在第 {page} 页又列出了同样的退款：它的列表不分页，无法读到末尾。历史记录保留原有内容。</translation>
    </message>
    <message>
        <source>The server listed two different bills numbered {number} (the second on page {page}): its lists contradict themselves, so they were read no further. The history keeps neither.</source>
        <translation>服务器列出了两张不同的账单，编号都是 {number}（第二张在第 {page} 页）：它的列表前后矛盾，因此没有再往下读。历史记录两张都不保留。</translation>
    </message>
    <message>
        <source>The server listed two different refunds numbered {number} (the second on page {page}): its lists contradict themselves, so they were read no further. The history keeps neither.</source>
        <translation>服务器列出了两笔不同的退款，编号都是 {number}（第二笔在第 {page} 页）：它的列表前后矛盾，因此没有再往下读。历史记录两笔都不保留。</translation>
    </message>
    <message>
        <source>The history could not be written: the disk is full</source>
        <translation>历史记录无法写入：磁盘已满</translation>
    </message>
    <message>
        <source>An unexpected {error} occurred; it was written to the log.</source>
        <translation>发生了意外错误（{error}），已记录到日志。</translation>
    </message>
</context>
<context>
    <name>ForgetCard</name>
    <message>
        <source>Forget saved card?</source>
        <translation>删除已存信用卡？</translation>
    </message>
    <message>
        <source>Forget the saved card “{label}”?</source>
        <translation>要删除已存信用卡“{label}”吗？</translation>
    </message>
    <message>
        <source>It is no longer offered here. PayPal keeps the card: to pay with it again, choose Card and type its details.</source>
        <translation>删除后，此处不再提供这张卡。PayPal 仍保存该卡：如需再用它付款，请选择“信用卡”并输入卡的信息。</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Syncing the history</source>
        <translation>正在同步历史记录</translation>
    </message>
    <message>
        <source>{bills}, {refunds}</source>
        <translation>{bills}，{refunds}</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the history file cannot be used ({detail})</source>
        <translation>历史记录文件无法使用（{detail}）</translation>
    </message>
    <message>
        <source>The history cannot be read just now</source>
        <translation>历史记录暂时无法读取</translation>
    </message>
    <message>
        <source>Syncing the history: {done} of {total}…</source>
        <translation>正在同步历史记录：{done}，共 {total}…</translation>
    </message>
    <message>
        <source>Syncing the history: {done}…</source>
        <translation>正在同步历史记录：{done}…</translation>
    </message>
    <message>
        <source>Syncing the history…</source>
        <translation>正在同步历史记录…</translation>
    </message>
    <message>
        <source>History as of {when}: {held} — {left_out}: listed in a way that cannot be true</source>
        <translation>截至 {when} 的历史记录：{held} — {left_out}：服务器列出的内容不可能属实</translation>
    </message>
    <message>
        <source>History as of {when}: {held} — the server counts otherwise: the history may be incomplete</source>
        <translation>截至 {when} 的历史记录：{held} — 服务器的计数与此不同：历史记录可能不完整</translation>
    </message>
    <message>
        <source>Offline — showing data as of {when} ({held})</source>
        <translation>离线 — 显示截至 {when} 的数据（{held}）</translation>
    </message>
    <message>
        <source>Offline — showing an incomplete history ({held})</source>
        <translation>离线 — 显示的历史记录不完整（{held}）</translation>
    </message>
    <message>
        <source>Offline — no history on this computer yet</source>
        <translation>离线 — 本机尚无历史记录</translation>
    </message>
    <message>
        <source>The sync failed ({reason}) — showing data as of {when} ({held})</source>
        <translation>同步失败（{reason}）— 显示截至 {when} 的数据（{held}）</translation>
    </message>
    <message>
        <source>The sync failed ({reason}) — showing an incomplete history ({held})</source>
        <translation>同步失败（{reason}）— 显示的历史记录不完整（{held}）</translation>
    </message>
    <message>
        <source>History: {held}, not yet synced</source>
        <translation>历史记录：{held}，尚未同步</translation>
    </message>
    <message>
        <source>The history file can be used again: this session&apos;s history is kept in it.</source>
        <translation>历史记录文件又可以使用了：本次会话的历史记录已保存在其中。</translation>
    </message>
    <message>
        <source>The history was made again by another console; syncing anew.</source>
        <translation>历史记录已由另一个控制台重新建立，正在重新同步。</translation>
    </message>
    <message>
        <source>{when} (this computer&apos;s clock was set back since)</source>
        <translation>{when}（此后本机时钟被调回）</translation>
    </message>
    <message>
        <source>the history file is locked by another program</source>
        <translation>历史记录文件被另一个程序锁定</translation>
    </message>
    <message>
        <source>{status} — {why}; this session&apos;s history is in memory only</source>
        <translation>{status} — {why}；本次会话的历史记录仅保存在内存中</translation>
    </message>
    <message>
        <source>History as of {when}: {held} — the server was too busy to count the {kinds}: not checked against it</source>
        <translation>截至 {when} 的历史记录：{held} — 服务器太忙，未能给出{kinds}的计数：未与服务器核对</translation>
    </message>
    <message>
        <source>History as of {when}: {held}</source>
        <translation>截至 {when} 的历史记录：{held}</translation>
    </message>
    <message>
        <source>bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>bills and refunds</source>
        <translation>账单和退款</translation>
    </message>
    <message>
        <source>{title}: {message}</source>
        <translation>{title}：{message}</translation>
    </message>
    <message>
        <source>The history file is tried again at each sync (Reload, F5): once it can be used, the history is synced into it and kept there.</source>
        <translation>每次同步（重新加载，F5）都会再次尝试使用历史记录文件：一旦可以使用，历史记录就会同步到其中并保存在那里。</translation>
    </message>
    <message>
        <source>The server asked to wait until {time}: synced again then</source>
        <translation>服务器要求等到 {time}：届时再同步</translation>
    </message>
    <message>
        <source>The server asked to wait until {time}: Reload after then</source>
        <translation>服务器要求等到 {time}：请在此之后重新加载</translation>
    </message>
    <message>
        <source>The sync failed ({reason}) — no history on this computer yet</source>
        <translation>同步失败（{reason}）— 本机尚无历史记录</translation>
    </message>
    <message>
        <source>as of {when}, syncing…</source>
        <translation>截至 {when}，同步中…</translation>
    </message>
    <message>
        <source>syncing…</source>
        <translation>同步中…</translation>
    </message>
    <message>
        <source>no history yet, syncing…</source>
        <translation>尚无历史记录，同步中…</translation>
    </message>
    <message>
        <source>offline, history incomplete</source>
        <translation>离线，历史记录不完整</translation>
    </message>
    <message>
        <source>sync failed, history incomplete</source>
        <translation>同步失败，历史记录不完整</translation>
    </message>
    <message>
        <source>offline, no history yet</source>
        <translation>离线，尚无历史记录</translation>
    </message>
    <message>
        <source>sync failed, no history yet</source>
        <translation>同步失败，尚无历史记录</translation>
    </message>
    <message>
        <source>offline, as of {when}</source>
        <translation>离线，截至 {when}</translation>
    </message>
    <message>
        <source>sync failed, as of {when}</source>
        <translation>同步失败，截至 {when}</translation>
    </message>
    <message>
        <source>not yet synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>as of {when}, may be incomplete</source>
        <translation>截至 {when}，可能不完整</translation>
    </message>
    <message>
        <source>as of {when}, not checked</source>
        <translation>截至 {when}，未核对</translation>
    </message>
    <message>
        <source>as of {when}</source>
        <translation>截至 {when}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>in progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>No refund in the history.</source>
        <translation>历史记录中没有退款。</translation>
    </message>
    <message>
        <source>Refund {number} of {amount}, made {time}: in progress.</source>
        <translation>退款 {number}，金额 {amount}，发起于 {time}：处理中。</translation>
    </message>
    <message>
        <source>Refund {number} of {amount}, made {time}.</source>
        <translation>退款 {number}，金额 {amount}，发起于 {time}。</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Fetch what is new from the server ({key})</source>
        <translation>从服务器获取新的记录（{key}）</translation>
    </message>
    <message>
        <source>Rows containing every word, in the whole history: part of a number, a title, a channel ({key}). Of several lines (a column of bill numbers pasted), the rows of any line.</source>
        <translation>在全部历史记录中查找包含每个词的行：单号的一部分、标题或渠道（{key}）。粘贴多行时（如一列账单号），显示符合任一行的行。</translation>
    </message>
    <message>
        <source>Looking for {number}</source>
        <translation>正在查找 {number}</translation>
    </message>
    <message>
        <source>Correct the filters above to see the list.</source>
        <translation>请更正上方的筛选条件以查看列表。</translation>
    </message>
    <message>
        <source>Press Reload to load.</source>
        <translation>按“重新加载”进行加载。</translation>
    </message>
    <message>
        <source>{rows} shown: the others could not be counted (Reload, F5)</source>
        <translation>已显示 {rows}：其余的无法计数（重新加载，F5）</translation>
    </message>
    <message>
        <source>Counting… {rows} so far</source>
        <translation>正在计数… 目前 {rows}</translation>
    </message>
    <message>
        <source>{shown} · {age}</source>
        <translation>{shown} · {age}</translation>
    </message>
    <message>
        <source>No refund of bill {number} is in the history. A bill number must be whole and exact; to find part of one, or a title, type it in “Find in the history”.</source>
        <translation>历史记录中没有账单 {number} 的退款。账单号须完整准确；要查找账单号的一部分或标题，请在“在历史记录中查找”中输入。</translation>
    </message>
    <message>
        <source>Nothing has the number {number}. A number must be whole and exact; to find part of a number or a title, type it in “Find in the history”.</source>
        <translation>没有单号为 {number} 的记录。单号须完整准确；要查找单号的一部分或标题，请在“在历史记录中查找”中输入。</translation>
    </message>
    <message>
        <source>Nothing is shown for the filters shown.</source>
        <translation>当前筛选条件下没有显示任何记录。</translation>
    </message>
    <message>
        <source>The list could not be counted, so it cannot be exported whole: Reload (F5), then export it.</source>
        <translation>列表无法计数，因此无法完整导出：请重新加载（F5）后再导出。</translation>
    </message>
    <message>
        <source>The list is still being counted: export it in a moment.</source>
        <translation>列表仍在计数：请稍后再导出。</translation>
    </message>
    <message>
        <source>Copied: {text}</source>
        <translation>已复制：{text}</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>Of the profile shown before (“{name}”, app {app_id}): the console has changed profile since, so this is no longer updated.</source>
        <translation>这是之前所用配置（“{name}”，应用 {app_id}）的记录：控制台此后已切换了配置，因此此处不再更新。</translation>
    </message>
</context>
<context>
    <name>LeftOut</name>
    <message>
        <source>Left out of the history, since the server lists them in a way that cannot be true (each sync lists them again, and keeps each once the server lists it in a way that can be):</source>
        <translation>以下记录未收入历史记录，因为服务器列出的内容不可能属实（每次同步都会重新读取，服务器列出的内容合理后即会收入）：</translation>
    </message>
    <message>
        <source>Bill {number}: listed as two different bills.</source>
        <translation>账单 {number}：被列为两张不同的账单。</translation>
    </message>
    <message>
        <source>Refund {number}: listed as two different refunds.</source>
        <translation>退款 {number}：被列为两笔不同的退款。</translation>
    </message>
    <message>
        <source>Bill {bill_no}: listed as one of {total}, but its refund {refund_no} as made from a bill of {stated}.</source>
        <translation>账单 {bill_no}：列出的金额为 {total}，但它的退款 {refund_no} 列出的原账单金额为 {stated}。</translation>
    </message>
    <message>
        <source>Refund {refund_no}: listed as made from a bill of {stated}, but bill {bill_no} as one of {total}.</source>
        <translation>退款 {refund_no}：列出的原账单金额为 {stated}，但账单 {bill_no} 列出的金额为 {total}。</translation>
    </message>
    <message>
        <source>Refund {refund_no}: one of the successful refunds of bill {bill_no}, which together refund {refunded} of {total}.</source>
        <translation>退款 {refund_no}：账单 {bill_no} 的成功退款之一，这些退款合计退还 {refunded}，而账单金额为 {total}。</translation>
    </message>
    <message>
        <source>Bill {number}: listed in a form that cannot be read.</source>
        <translation>账单 {number}：列出的内容无法读取。</translation>
    </message>
    <message>
        <source>Refund {number}: listed in a form that cannot be read.</source>
        <translation>退款 {number}：列出的内容无法读取。</translation>
    </message>
    <message>
        <source>A bill on page {page}: listed in a form that cannot be read, without a number.</source>
        <translation>第 {page} 页上的一张账单：列出的内容无法读取，也没有可读的编号。</translation>
    </message>
    <message>
        <source>A refund on page {page}: listed in a form that cannot be read, without a number.</source>
        <translation>第 {page} 页上的一笔退款：列出的内容无法读取，也没有可读的编号。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New payment</source>
        <translation>新建收款</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款记录</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>BeeCloud Console</source>
        <translation>BeeCloud 控制台</translation>
    </message>
    <message>
        <source>Profiles…</source>
        <translation>配置…</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Sync the &amp;whole history again</source>
        <translation>重新同步全部历史记录(&amp;W)</translation>
    </message>
    <message>
        <source>Fetch every bill and refund of this profile again, not only what is new</source>
        <translation>重新获取此配置的全部账单和退款，而不仅是新的记录</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Sync the history</source>
        <translation>同步历史记录(&amp;S)</translation>
    </message>
    <message>
        <source>Only at start, on Reload and after a payment or refund</source>
        <translation>仅在启动、重新加载和收款或退款后</translation>
    </message>
    <message numerus="yes">
        <source>Every %n minute(s)</source>
        <translation>
            <numerusform>每 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>The language changes the next time the console starts.</source>
        <translation>语言将在下次启动控制台时生效。</translation>
    </message>
    <message>
        <source>The language could not be kept for the next start: the settings file {path} cannot be written. It is tried again when the console closes.</source>
        <translation>语言选择未能保存到下次启动：设置文件 {path} 无法写入。关闭控制台时会再试一次。</translation>
    </message>
    <message>
        <source>The console is back on the practice sandbox.</source>
        <translation>控制台已切回练习沙盒。</translation>
    </message>
    <message>
        <source>An unexpected {error} occurred with an answer of the system keyring; it was written to the log. What waited for it may not have been done: see the Audit tab.</source>
        <translation>处理系统密钥环的应答时发生了意外错误（{error}），已记录到日志。等待它的操作可能没有完成：请查看“审计”标签页。</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) through {name} had no answer when the console last closed: choose that profile to have BeeCloud asked about them.</source>
        <translation>
            <numerusform>控制台上次关闭时，通过配置 {name} 发起的 %n 笔收款尚未收到回复：请选择该配置，以便向 BeeCloud 查询。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) through {names} had no answer when the console last closed: choose each of those profiles to have BeeCloud asked about them.</source>
        <translation>
            <numerusform>控制台上次关闭时，通过配置 {names} 发起的 %n 笔收款尚未收到回复：请逐一选择这些配置，以便向 BeeCloud 查询。</numerusform>
        </translation>
    </message>
    <message>
        <source>The console stays on the profile “{name}”.</source>
        <translation>控制台仍使用配置“{name}”。</translation>
    </message>
    <message>
        <source>its server stopped ({reason}) at {time}; starting it again…</source>
        <translation>其服务器于 {time} 停止（{reason}）；正在重新启动…</translation>
    </message>
    <message>
        <source>its server stopped ({reason}) and was started again at {time}</source>
        <translation>其服务器曾停止（{reason}），已于 {time} 重新启动</translation>
    </message>
    <message>
        <source>its server stopped ({reason}) at {time}: nothing can be sent to it; start the console again</source>
        <translation>其服务器于 {time} 停止（{reason}）：无法向其发送任何内容；请重新启动控制台</translation>
    </message>
    <message>
        <source>A new payment ({key})</source>
        <translation>新建收款（{key}）</translation>
    </message>
    <message>
        <source>{tab}: {said}</source>
        <translation>{tab}：{said}</translation>
    </message>
    <message numerus="yes">
        <source>Bill {bill_no} and %n other payment(s) had no answer when the console last closed: BeeCloud is asked about them on New payment.</source>
        <translation>
            <numerusform>账单 {bill_no} 及另外 %n 笔收款在控制台上次关闭时尚未得到应答：正在“新建收款”中向 BeeCloud 查询。</numerusform>
        </translation>
    </message>
    <message>
        <source>Bill {bill_no} had no answer when the console last closed: BeeCloud is asked about it on New payment.</source>
        <translation>账单 {bill_no} 在控制台上次关闭时尚未得到应答：正在“新建收款”中向 BeeCloud 查询。</translation>
    </message>
    <message>
        <source>Audit entries not saved</source>
        <translation>审计记录未保存</translation>
    </message>
    <message numerus="yes">
        <source>%n audit entry(s) could not be saved yet (see the Audit tab). If the console closes now, they are lost from the audit log: only the console&apos;s log file keeps them.</source>
        <translation>
            <numerusform>%n 条审计记录尚未能保存（见“审计”标签页）。如果现在关闭控制台，它们将从审计日志中丢失：只有控制台的日志文件会保留它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>A payment is on its way</source>
        <translation>有一笔收款正在处理中</translation>
    </message>
    <message>
        <source>{payments}: waiting for the system keyring, not sent yet. If the console closes now, it is not sent (the Audit tab will say so).

Wait for it?</source>
        <translation>{payments}：正在等待系统密钥环，尚未发送。如果现在关闭控制台，它将不会发送（“审计”标签页会说明）。

要等待吗？</translation>
    </message>
    <message>
        <source>{payments}: on its way, no answer yet. If the console closes now, the answer is lost: whether the payer was charged is asked of BeeCloud when the console next starts (New payment).

Wait for the answer?</source>
        <translation>{payments}：尚无应答。如果现在关闭控制台，应答将会丢失：控制台下次启动时会在“新建收款”中向 BeeCloud 查询付款人是否已被扣款。

要等待应答吗？</translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation>仍然关闭</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Sum the range again and fetch what is new from the server ({key})</source>
        <translation>重新汇总所选日期范围，并从服务器获取新的记录（{key}）</translation>
    </message>
    <message>
        <source>Paid: the paid bills created in the range. Refunded: the successful refunds made in the range, whatever the day of their bill. Net = paid − refunded. Amounts of different currencies are never added together.</source>
        <translation>已支付：此期间创建的已支付账单。已退款：此期间成功的退款，无论其账单是哪天创建的。净额 = 已支付 − 已退款。不同币种的金额从不相加。</translation>
    </message>
    <message>
        <source>No charts: the charts draw amounts, and none of these bills and refunds gives its currency.</source>
        <translation>没有图表：图表绘制的是金额，而这些账单和退款都没有给出币种。</translation>
    </message>
    <message>
        <source>Choose a range of days to see its figures.</source>
        <translation>请选择日期范围以查看数据。</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Totals per currency</source>
        <translation>按币种汇总</translation>
    </message>
    <message>
        <source>Charts in:</source>
        <translation>图表币种：</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The history could not be read ({error}).</source>
        <translation>无法读取历史记录（{error}）。</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <source>The history on this computer is incomplete, so the figures of {range} are not known yet.</source>
        <translation>本机的历史记录还不完整，因此 {range} 期间的数据暂时无法得知。</translation>
    </message>
    <message>
        <source>No history on this computer yet, so the figures of {range} are not known.</source>
        <translation>本机尚无历史记录，因此无法得知 {range} 期间的数据。</translation>
    </message>
    <message>
        <source>No currency given</source>
        <translation>未注明币种</translation>
    </message>
    <message>
        <source>{range}: {bills} and {refunds} · {history}</source>
        <translation>{range}：{bills}，{refunds} · {history}</translation>
    </message>
    <message>
        <source>No paid bills and no refunds in {range}.</source>
        <translation>{range} 期间没有已支付的账单，也没有退款。</translation>
    </message>
    <message>
        <source>{range} · {history}</source>
        <translation>{range} · {history}</translation>
    </message>
    <message>
        <source>Not counted — unpaid bills: {unpaid}; refunds in progress: {in_progress}; refused refunds: {refused}.</source>
        <translation>未计入：未支付账单 {unpaid} 笔；处理中的退款 {in_progress} 笔；被拒绝的退款 {refused} 笔。</translation>
    </message>
</context>
<context>
    <name>PayerCheck</name>
    <message>
        <source>Check whether paid</source>
        <translation>查询是否已付款</translation>
    </message>
    <message>
        <source>Ask BeeCloud whether the payer has paid this bill; nothing is sent again</source>
        <translation>向 BeeCloud 查询付款人是否已支付这笔账单；不会重复发送任何收款</translation>
    </message>
    <message>
        <source>Asking BeeCloud about bill {bill_no}…</source>
        <translation>正在向 BeeCloud 查询账单 {bill_no}…</translation>
    </message>
    <message>
        <source>Checking bill {bill_no}</source>
        <translation>正在核查账单 {bill_no}</translation>
    </message>
    <message>
        <source>BeeCloud does not list bill {bill_no}, though it answered that the payment was created. Do not send its link or pay again: ask BeeCloud&apos;s support about this bill.</source>
        <translation>BeeCloud 曾答复收款已创建，但现在查不到账单 {bill_no}。请勿发送其链接，也不要重复收款：请就此账单联系 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>BeeCloud lists bill {bill_no} for {amount} where {sent} was sent. Do not send its link to a payer: ask BeeCloud&apos;s support about this bill.</source>
        <translation>发送的金额是 {sent}，但 BeeCloud 记录的账单 {bill_no} 金额为 {amount}。请勿将其链接发给付款人：请就此账单联系 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>Paid: BeeCloud lists bill {bill_no} as paid ({amount}), at {time}.</source>
        <translation>已支付：{time} 查询时，BeeCloud 显示账单 {bill_no} 已支付（{amount}）。</translation>
    </message>
    <message>
        <source>Not paid, at {time}: the payer did not approve bill {bill_no}, and its approval page has expired (PayPal&apos;s last 3 hours), so it can no longer be paid. To be paid, make a new payment with a new bill number.</source>
        <translation>未支付（{time} 查询）：付款人没有确认账单 {bill_no}，其确认页面已过期（PayPal 的确认页面有效期为 3 小时），已无法再付款。如需收款，请用新的账单号重新发起收款。</translation>
    </message>
    <message>
        <source>Not paid yet, at {time}: the payer has not approved bill {bill_no}. Unless they cancelled it, they can approve it on its page until about {until}; check again once the payer says they have paid.</source>
        <translation>尚未支付（{time} 查询）：付款人还没有确认账单 {bill_no}。只要付款人没有取消，在 {until} 左右之前仍可在确认页面上付款；付款人告知已付款后请再次查询。</translation>
    </message>
    <message>
        <source>Paid: BeeCloud&apos;s answers kept in the history list bill {bill_no} as paid ({amount}), at {time}.</source>
        <translation>已支付：{time} 时，本机历史记录中 BeeCloud 的回复显示账单 {bill_no} 已支付（{amount}）。</translation>
    </message>
    <message>
        <source>The check got no usable answer ({reason}). Whether the payer has paid is not known: try again.</source>
        <translation>查询未收到有效应答（{reason}）。目前无法确定付款人是否已付款：请再试一次。</translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message>
        <source>PayPal (the payer approves in a browser)</source>
        <translation>PayPal（付款人在浏览器中确认）</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <source>Saved card</source>
        <translation>已存信用卡</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Bill number</source>
        <translation>账单号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Return address</source>
        <translation>返回地址</translation>
    </message>
    <message>
        <source>Enter a bill number (or press New number).</source>
        <translation>请输入账单号（或点击“新单号”）。</translation>
    </message>
    <message>
        <source>Enter a title: what the payer is paying for.</source>
        <translation>请输入标题：付款人购买的内容。</translation>
    </message>
    <message>
        <source>Enter the address PayPal sends the payer back to.</source>
        <translation>请输入 PayPal 付款后跳转回的地址。</translation>
    </message>
    <message>
        <source>Choose a saved card.</source>
        <translation>请选择已存的信用卡。</translation>
    </message>
    <message>
        <source>New number</source>
        <translation>新单号</translation>
    </message>
    <message>
        <source>Make a fresh, unused bill number</source>
        <translation>生成一个未使用过的新账单号</translation>
    </message>
    <message>
        <source>What the payer pays for, e.g. Order 1234</source>
        <translation>付款内容，例如 订单 1234</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) left</source>
        <translation>
            <numerusform>还剩 %n 字节</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) too many</source>
        <translation>
            <numerusform>超出 %n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>Where PayPal sends the payer&apos;s browser after they approve or cancel</source>
        <translation>付款人确认或取消后，PayPal 将其浏览器跳转到的地址</translation>
    </message>
    <message>
        <source>Forget…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>No longer offer this card here (PayPal keeps it)</source>
        <translation>此处不再提供这张卡（PayPal 仍保存该卡）</translation>
    </message>
    <message>
        <source>Pay with:</source>
        <translation>支付方式：</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>Bill number:</source>
        <translation>账单号：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Return address:</source>
        <translation>返回地址：</translation>
    </message>
    <message>
        <source>Saved card:</source>
        <translation>已存信用卡：</translation>
    </message>
    <message>
        <source>The card could not be forgotten: {error}</source>
        <translation>无法删除这张卡：{error}</translation>
    </message>
    <message>
        <source>This looks like a card number. A title is sent to BeeCloud and kept with the bill, so it never holds one: if it is an order number, split it with a “/”.</source>
        <translation>这看起来像银行卡号。标题会发送给 BeeCloud 并随账单保存，因此不能包含卡号：如果这是订单号，请用“/”把它分开。</translation>
    </message>
    <message>
        <source>This looks like a card&apos;s security code (CVV). A title is sent to BeeCloud and kept with the bill, so it never holds one: leave the code out. (Not a code, a year say? Put the number before the word: “2024 CSC”.)</source>
        <translation>这看起来像是银行卡的安全码（CVV）。标题会发送给 BeeCloud 并随账单保存，因此绝不能包含安全码：请删去该码。（不是安全码，比如是年份？请把数字写在该词前面：“2024 CSC”。）</translation>
    </message>
    <message>
        <source>A title holds 32 letters or digits, or 16 Chinese characters (each takes the room of two).</source>
        <translation>标题最多可容纳 32 个字母或数字，或 16 个汉字（每个汉字占两个位置）。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>No saved cards yet: pay by card once and save it</source>
        <translation>暂无已存信用卡：先用信用卡付款一次并保存</translation>
    </message>
</context>
<context>
    <name>PaymentOutcome</name>
    <message>
        <source>Check now</source>
        <translation>立即核查</translation>
    </message>
    <message>
        <source>Ask BeeCloud whether the bill exists; nothing is sent again</source>
        <translation>向 BeeCloud 查询该账单是否存在，不会重新发送任何请求</translation>
    </message>
    <message>
        <source>Sending the payment of {amount} (bill {bill_no})…</source>
        <translation>正在发送 {amount} 的收款（账单 {bill_no}）…</translation>
    </message>
    <message>
        <source>Sending the payment…</source>
        <translation>正在发送收款…</translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount}. Please wait for the answer.</source>
        <translation>账单 {bill_no}，金额 {amount}。请等待应答。</translation>
    </message>
    <message>
        <source>Payment created: waiting for the payer</source>
        <translation>收款已创建：等待付款人确认</translation>
    </message>
    <message>
        <source>Created: bill {bill_no}, waiting for the payer.</source>
        <translation>已创建：账单 {bill_no}，等待付款人确认。</translation>
    </message>
    <message>
        <source>Paid: bill {bill_no}.</source>
        <translation>已支付：账单 {bill_no}。</translation>
    </message>
    <message>
        <source>Payment made</source>
        <translation>收款成功</translation>
    </message>
    <message>
        <source>Bill {bill_no}: {amount} paid by card.</source>
        <translation>账单 {bill_no}：已通过信用卡支付 {amount}。</translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount} was created, but the server gave no approval page&apos;s address, so no payer can approve it. To be paid, it is made again as a new bill: press New number, then Pay.</source>
        <translation>账单 {bill_no}（金额 {amount}）已创建，但服务器没有给出确认页面的地址，因此没有付款人能确认它。如需收款，请作为新账单重新创建：点击“新单号”，再点击“收款”。</translation>
    </message>
    <message>
        <source>Payment created in the profile “{name}”: waiting for the payer</source>
        <translation>已在配置“{name}”中创建收款：等待付款人确认</translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount} was made through the profile “{name}”, not the one in use. Switch back to it to see its approval page.</source>
        <translation>账单 {bill_no}（金额 {amount}）是通过配置“{name}”创建的，而不是当前使用的配置。请切换回该配置查看其确认页面。</translation>
    </message>
    <message>
        <source>Created in the profile “{name}”: bill {bill_no}, waiting for the payer.</source>
        <translation>已在配置“{name}”中创建：账单 {bill_no}，等待付款人确认。</translation>
    </message>
    <message>
        <source>Payment made in the profile “{name}”</source>
        <translation>已在配置“{name}”中收款成功</translation>
    </message>
    <message>
        <source>Bill {bill_no}: {amount} paid by card through the profile “{name}”, not the one in use.</source>
        <translation>账单 {bill_no}：已通过配置“{name}”（而不是当前使用的配置）用信用卡支付 {amount}。</translation>
    </message>
    <message>
        <source>Paid in the profile “{name}”: bill {bill_no}.</source>
        <translation>已在配置“{name}”中支付：账单 {bill_no}。</translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount}. The PayPal approval page was handed to your browser. If it did not open, or the payer is elsewhere, copy its address below and open it, or send it to them. The bill is paid once they approve it.</source>
        <translation>账单 {bill_no}，金额 {amount}。PayPal 确认页面已交给浏览器打开。如果页面没有打开，或付款人不在这台电脑旁，请复制下方的地址自行打开，或发给付款人。付款人确认后账单即为已支付。</translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount}. No browser could be started: copy the approval page&apos;s address below and open it, or send it to the payer. The bill is paid once they approve it.</source>
        <translation>账单 {bill_no}，金额 {amount}。无法启动浏览器：请复制下方的确认页面地址并打开，或发给付款人。付款人确认后账单即为已支付。</translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount}. Its approval page was not opened while another profile was in use: open it below, or copy its address and send it to the payer. The bill is paid once they approve it.</source>
        <translation>账单 {bill_no}，金额 {amount}。当时正在使用其他配置，因此未打开其确认页面：请在下方打开，或复制其地址发给付款人。付款人确认后账单即为已支付。</translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount}. The server&apos;s approval address hides its host and was not opened (see below). The bill is paid only once the payer approves it.</source>
        <translation>账单 {bill_no}，金额 {amount}。服务器给出的确认地址隐藏了其真实主机，没有打开（见下方）。只有付款人确认后账单才为已支付。</translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount}. The server&apos;s approval address is not a web page and was not opened (see below). The bill is paid only once the payer approves it.</source>
        <translation>账单 {bill_no}，金额 {amount}。服务器给出的确认地址不是网页地址，没有打开（见下方）。只有付款人确认后账单才为已支付。</translation>
    </message>
    <message>
        <source>Approval page expired: bill {bill_no}</source>
        <translation>确认页面已过期：账单 {bill_no}</translation>
    </message>
    <message>
        <source>Its payer can no longer approve it, so its link is not offered any more. Check whether paid says whether they approved it in time; if not, make a new payment.</source>
        <translation>付款人已无法再确认这笔付款，因此不再提供其链接。点击“查询是否已付款”可知付款人是否已及时确认；如未确认，请新建一笔付款。</translation>
    </message>
    <message>
        <source>Bill {bill_no}: its approval page has expired.</source>
        <translation>账单 {bill_no}：确认页面已过期。</translation>
    </message>
    <message>
        <source>The payer approved the payment: BeeCloud lists the bill as paid (below).</source>
        <translation>付款人已确认付款：BeeCloud 显示该账单已支付（见下方）。</translation>
    </message>
    <message>
        <source>The payer did not approve the payment before its approval page expired (below). No money moved.</source>
        <translation>付款人在确认页面过期之前没有确认付款（见下方）。没有资金变动。</translation>
    </message>
    <message>
        <source>Not paid: bill {bill_no}&apos;s approval page expired.</source>
        <translation>未支付：账单 {bill_no} 的确认页面已过期。</translation>
    </message>
    <message>
        <source>Do not send the link of bill {bill_no}</source>
        <translation>请勿发送账单 {bill_no} 的链接</translation>
    </message>
    <message>
        <source>BeeCloud does not list the bill as it was sent (below), so its approval page is not offered any more. Ask BeeCloud&apos;s support about this bill.</source>
        <translation>BeeCloud 查不到该账单，或所列账单与发起时不符（见下方），因此不再提供其确认页面。请就此账单联系 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>Bill {bill_no} is not listed as it was sent.</source>
        <translation>账单 {bill_no} 查不到，或与发起时不符。</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) had no answer when the console last closed</source>
        <translation>
            <numerusform>控制台上次关闭时，有 %n 笔收款尚未得到应答</numerusform>
        </translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount}, sent at {time}, had no answer either: {what}</source>
        <translation>账单 {bill_no}（{amount}，发送于 {time}）同样未得到应答：{what}</translation>
    </message>
    <message>
        <source>BeeCloud is being asked…</source>
        <translation>正在向 BeeCloud 查询…</translation>
    </message>
    <message>
        <source>BeeCloud has no such bill yet, but it may still reach BeeCloud: it is asked again at {time}. Do not pay it again until you know.</source>
        <translation>BeeCloud 暂时还没有这张账单，但它可能仍在送达途中：将于 {time} 再次查询。在弄清结果之前，请勿再次收款。</translation>
    </message>
    <message>
        <source>it does not exist, so it was not made and no money moved.</source>
        <translation>该账单不存在，收款未成功，没有资金变动。</translation>
    </message>
    <message>
        <source>BeeCloud lists it for {amount}. Do not pay it again: ask BeeCloud&apos;s support about this bill.</source>
        <translation>BeeCloud 记录的金额为 {amount}。请勿重复收款，请就此账单联系 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>it exists and is paid. Do not pay it again.</source>
        <translation>该账单存在且已支付。请勿重复收款。</translation>
    </message>
    <message>
        <source>it exists but is not paid. To be paid, it is made again as a new bill.</source>
        <translation>该账单存在但未支付。如需收款，请以新账单重新收款。</translation>
    </message>
    <message>
        <source>The check got no usable answer either ({reason}). Try Check now again later; do not pay again until you know.</source>
        <translation>核查也未收到有效应答（{reason}）。请稍后再点击“立即核查”；在确认结果之前请勿重复收款。</translation>
    </message>
    <message>
        <source>The outcome is not known: press Check now before paying again.</source>
        <translation>结果未知：再次收款前请先点击“立即核查”。</translation>
    </message>
    <message>
        <source>The payment was not made.</source>
        <translation>收款未成功。</translation>
    </message>
    <message>
        <source>BeeCloud has bill {bill_no} already (Check now&apos;s answer, below). To pay again as a new bill, press New number first.</source>
        <translation>BeeCloud 已有账单 {bill_no}（见下方“立即核查”的结果）。如要作为新账单再次收款，请先点击“新单号”。</translation>
    </message>
    <message>
        <source>Bill {bill_no} was sent and its outcome is unknown: press Check now. To pay again as a new bill, press New number first.</source>
        <translation>账单 {bill_no} 已发送，结果未知：请点击“立即核查”。如要作为新账单再次收款，请先点击“新单号”。</translation>
    </message>
    <message>
        <source>Not paid again: nothing was sent.</source>
        <translation>未再次收款：没有发送任何内容。</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>未发送任何请求。</translation>
    </message>
    <message>
        <source>The approval page&apos;s address was copied.</source>
        <translation>确认页面地址已复制。</translation>
    </message>
    <message>
        <source>Bill {bill_no} for {amount}, sent at {time}: whether it was made is not known. BeeCloud is asked below; do not pay it again until you know.</source>
        <translation>账单 {bill_no}，金额 {amount}，发送于 {time}：不知道是否已收款成功。下方正在向 BeeCloud 查询；在弄清结果之前，请不要再次收款。</translation>
    </message>
    <message>
        <source>its check got no usable answer ({reason}); it is asked about again at the next start. Do not pay it again until you know.</source>
        <translation>核查未收到有效应答（{reason}）；下次启动时会再次查询。在确认结果之前请勿重复收款。</translation>
    </message>
    <message>
        <source>Switch back to the profile “{name}” to check this bill.</source>
        <translation>请切换回配置“{name}”来核查此账单。</translation>
    </message>
    <message>
        <source>Asking BeeCloud about bill {bill_no}…</source>
        <translation>正在向 BeeCloud 查询账单 {bill_no}…</translation>
    </message>
    <message>
        <source>Checking bill {bill_no}</source>
        <translation>正在核查账单 {bill_no}</translation>
    </message>
    <message>
        <source>BeeCloud has no bill {bill_no} yet. It was on its way when the console closed and may still reach BeeCloud: it is asked again at {time}. Do not pay it again until you know.</source>
        <translation>BeeCloud 暂时还没有账单 {bill_no}。控制台关闭时它正在发送途中，可能仍会送达 BeeCloud：将于 {time} 再次查询。在弄清结果之前，请勿再次收款。</translation>
    </message>
    <message>
        <source>BeeCloud has no bill {bill_no} yet. Its answer was lost, and a slow server may still make it: it is asked again at {time}. Do not pay it again until you know.</source>
        <translation>BeeCloud 暂时还没有账单 {bill_no}。这笔收款的应答已丢失，服务器较慢时仍可能随后生成该账单：将于 {time} 再次查询。在弄清结果之前，请勿再次收款。</translation>
    </message>
    <message>
        <source>Bill {bill_no} does not exist: the payment was not made and no money moved. You may pay again.</source>
        <translation>账单 {bill_no} 不存在：收款未成功，没有资金变动。可以重新收款。</translation>
    </message>
    <message>
        <source>Not made: bill {bill_no}</source>
        <translation>收款未成功：账单 {bill_no}</translation>
    </message>
    <message>
        <source>Bill {bill_no} exists, but BeeCloud lists it for {amount} where {sent} was sent. Do not pay again: ask BeeCloud&apos;s support about this bill.</source>
        <translation>账单 {bill_no} 存在，但 BeeCloud 列出的金额为 {amount}，而发送的是 {sent}。请勿再次收款：请就此账单联系 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>Bill {bill_no} is not as it was sent</source>
        <translation>账单 {bill_no} 与发送时不一致</translation>
    </message>
    <message>
        <source>Bill {bill_no} exists and is paid ({amount}). Do not pay again.</source>
        <translation>账单 {bill_no} 存在且已支付（{amount}）。请勿重复收款。</translation>
    </message>
    <message>
        <source>Paid: bill {bill_no}</source>
        <translation>已支付：账单 {bill_no}</translation>
    </message>
    <message>
        <source>Bill {bill_no} exists but is not paid ({amount}). Its PayPal approval page&apos;s address never came (it was in the answer that was lost), so no payer can approve it. To be paid, it is made again as a new bill: press New number, then Pay.</source>
        <translation>账单 {bill_no} 存在但尚未支付（{amount}）。其 PayPal 确认页面的地址没有收到（它在丢失的应答中），因此没有付款人能确认它。如需收款，请作为新账单重新创建：点击“新单号”，再点击“收款”。</translation>
    </message>
    <message>
        <source>Bill {bill_no} cannot be approved: to pay again, press New number.</source>
        <translation>账单 {bill_no} 无法被确认：如需再次收款，请点击“新单号”。</translation>
    </message>
    <message>
        <source>Not paid: bill {bill_no}</source>
        <translation>未支付：账单 {bill_no}</translation>
    </message>
    <message>
        <source>Bill {bill_no} exists but is not paid ({amount}): the card was not charged. To try again, press New number, then Pay.</source>
        <translation>账单 {bill_no} 已存在但未支付（{amount}）：卡未被扣款。要重试，请先点击“新单号”，再点击“收款”。</translation>
    </message>
    <message>
        <source>Not paid: bill {bill_no}.</source>
        <translation>未支付：账单 {bill_no}。</translation>
    </message>
    <message>
        <source>The payment&apos;s answer never came; Check now asked BeeCloud what became of it (below).</source>
        <translation>这笔收款的应答一直没有收到；“立即核查”已向 BeeCloud 询问其结果（见下方）。</translation>
    </message>
</context>
<context>
    <name>PaymentTab</name>
    <message>
        <source>Pay</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>New payment form</source>
        <translation>新建收款表单</translation>
    </message>
    <message>
        <source>Pay {amount}</source>
        <translation>收款 {amount}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>To pay, fill in or correct: {fields}.</source>
        <translation>付款前，请填写或更正：{fields}。</translation>
    </message>
    <message>
        <source>This form was filled in while “{before}” was in use: check it before you pay through “{now}”.</source>
        <translation>此表单是在使用“{before}”时填写的：通过“{now}”收款前请先核对。</translation>
    </message>
    <message>
        <source>Paying {amount} (bill {bill_no})</source>
        <translation>正在收款 {amount}（账单 {bill_no}）</translation>
    </message>
</context>
<context>
    <name>PreparedRefund</name>
    <message>
        <source>Refund {refund_no} of {amount} for bill {bill_no}</source>
        <translation>账单 {bill_no} 的退款 {refund_no}，金额 {amount}</translation>
    </message>
</context>
<context>
    <name>ProfileChanges</name>
    <message>
        <source>Its App Secret or Master Secret was replaced (secrets are never shown); those you typed are kept in their fields.</source>
        <translation>其 App Secret 或 Master Secret 已被替换（密钥从不显示）；您输入的密钥仍保留在各自的输入框中。</translation>
    </message>
    <message>
        <source>Its App Secret or Master Secret was replaced (secrets are never shown); a save here keeps the new ones.</source>
        <translation>其 App Secret 或 Master Secret 已被替换（密钥从不显示）；在此保存将保留新的密钥。</translation>
    </message>
    <message>
        <source>{line} (yours is kept in the form)</source>
        <translation>{line}（表单中保留您输入的内容）</translation>
    </message>
    <message>
        <source>{line} (now in the form)</source>
        <translation>{line}（已填入表单）</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <source>none (the usual authorities)</source>
        <translation>无（信任常用的证书颁发机构）</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>The profile “{name}” cannot be read now in the console&apos;s settings file {path} (the file was damaged, or edited by hand or by another program). Nothing was deleted: it stays in the file as it is, and its App Secret in the keyring.</source>
        <translation>目前无法从控制台的设置文件 {path} 中读取配置“{name}”（该文件已损坏，或被手动或其他程序修改过）。没有删除任何内容：它仍原样保留在文件中，其 App Secret 仍在密钥环中。</translation>
    </message>
    <message>
        <source>The profile “{name}” has been removed in another console.</source>
        <translation>配置“{name}”已在另一个控制台中被删除。</translation>
    </message>
    <message>
        <source>The console&apos;s settings file {path} cannot be written, so the profile was not removed. Give your user write access to it and its folder.</source>
        <translation>控制台的设置文件 {path} 无法写入，因此配置没有删除。请为当前系统用户授予该文件及其文件夹的写入权限。</translation>
    </message>
    <message>
        <source>The console&apos;s settings file {path} cannot be written, so the profile was not saved. Give your user write access to it and its folder.</source>
        <translation>控制台的设置文件 {path} 无法写入，因此配置没有保存。请为当前系统用户授予该文件及其文件夹的写入权限。</translation>
    </message>
    <message>
        <source>The console&apos;s settings file {path} could not be written, so the profile was not removed.</source>
        <translation>控制台的设置文件 {path} 写入失败，因此配置没有删除。</translation>
    </message>
    <message>
        <source>The console&apos;s settings file {path} could not be written, so the profile was not saved.</source>
        <translation>控制台的设置文件 {path} 写入失败，因此配置没有保存。</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <source>has a space in it</source>
        <translation>含有空格</translation>
    </message>
    <message>
        <source>must start with https:// or http://</source>
        <translation>必须以 https:// 或 http:// 开头</translation>
    </message>
    <message>
        <source>must be just the server&apos;s address, with no path after it</source>
        <translation>只能是服务器地址，后面不能带路径</translation>
    </message>
    <message>
        <source>has a port that is not a number from 1 to 65535</source>
        <translation>端口不是 1 到 65535 之间的数字</translation>
    </message>
    <message>
        <source>holds more than one address: put one a line</source>
        <translation>含有不止一个地址：每行只写一个</translation>
    </message>
    <message>
        <source>is not a server address</source>
        <translation>不是有效的服务器地址</translation>
    </message>
    <message>
        <source>Enter at least one server address, one a line.</source>
        <translation>请至少输入一个服务器地址，每行一个。</translation>
    </message>
    <message>
        <source>uses http://: a live profile must use https:// (plain http:// is allowed only for a local sandbox on this computer)</source>
        <translation>使用了 http://：正式配置必须使用 https://（明文 http:// 仅允许用于本机上的沙盒）</translation>
    </message>
    <message>
        <source>Line {number}, “{line}”, {problem}.</source>
        <translation>第 {number} 行“{line}”{problem}。</translation>
    </message>
    <message>
        <source>Enter a name for this profile.</source>
        <translation>请输入此配置的名称。</translation>
    </message>
    <message>
        <source>Enter a name without control characters (tab, line break, direction marks).</source>
        <translation>名称中不能有控制字符（制表符、换行符、文字方向标记）。</translation>
    </message>
    <message>
        <source>A name holds at most {limit} characters; this one has {count}.</source>
        <translation>名称最多 {limit} 个字符，这个有 {count} 个。</translation>
    </message>
    <message>
        <source>This looks like a card number: a profile&apos;s name is kept on this computer, so it never holds one.</source>
        <translation>这看起来像银行卡号：配置名称保存在本机上，因此不能包含卡号。</translation>
    </message>
    <message>
        <source>Another profile is already called “{name}”.</source>
        <translation>已有另一个配置名为“{name}”。</translation>
    </message>
    <message>
        <source>Enter the App ID BeeCloud gave you.</source>
        <translation>请输入 BeeCloud 提供的 App ID。</translation>
    </message>
    <message>
        <source>Enter an App ID without control characters (tab, line break, direction marks).</source>
        <translation>App ID 中不能有控制字符（制表符、换行符、文字方向标记）。</translation>
    </message>
    <message>
        <source>An App ID holds no spaces and no characters that do not show (a zero-width space, say): type it again.</source>
        <translation>App ID 中不能有空格或看不见的字符（例如零宽空格），请重新输入。</translation>
    </message>
    <message>
        <source>Must be more than 0 seconds.</source>
        <translation>必须大于 0 秒。</translation>
    </message>
    <message>
        <source>There is no file at this path.</source>
        <translation>此路径下没有文件。</translation>
    </message>
    <message>
        <source>This file cannot be read: ask whoever set it up to share it.</source>
        <translation>无法读取此文件：请让设置它的人开放读取权限。</translation>
    </message>
    <message>
        <source>This file holds no certificate: a CA bundle is a PEM file of certificates.</source>
        <translation>此文件中没有证书：CA 证书包应是存放证书的 PEM 文件。</translation>
    </message>
    <message>
        <source>Enter the App Secret BeeCloud gave you.</source>
        <translation>请输入 BeeCloud 提供的 App Secret。</translation>
    </message>
    <message>
        <source>An App Secret holds no spaces, line breaks or characters that do not show: copy it again, alone.</source>
        <translation>App Secret 中不能有空格、换行或看不见的字符：请只复制它本身，重新粘贴。</translation>
    </message>
    <message>
        <source>A Master Secret holds no spaces, line breaks or characters that do not show: copy it again, alone.</source>
        <translation>Master Secret 中不能有空格、换行或看不见的字符：请只复制它本身，重新粘贴。</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <source>Remove the profile “{name}” (app {app_id})?</source>
        <translation>删除配置“{name}”（应用 {app_id}）？</translation>
    </message>
    <message>
        <source>The console is on this profile now: it goes back to the practice Sandbox.</source>
        <translation>控制台正在使用此配置：删除后将切回练习沙盒。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Its settings, its App Secret stored in the keyring, its history, its saved cards and its payment links waiting for payers are deleted from this computer. Bills and refunds at BeeCloud are not affected, and the audit log keeps its rows.</source>
        <translation>本机上该配置的设置、存于系统密钥环中的 App Secret、历史记录、已存信用卡以及等待付款人付款的付款链接都将被删除。BeeCloud 上的账单和退款不受影响，审计日志中的记录也会保留。</translation>
    </message>
    <message>
        <source>Its settings, its App Secret kept for this session only, its history, its saved cards and its payment links waiting for payers are deleted from this computer. Bills and refunds at BeeCloud are not affected, and the audit log keeps its rows.</source>
        <translation>本机上该配置的设置、仅在本次运行期间保存在内存中的 App Secret、历史记录、已存信用卡以及等待付款人付款的付款链接都将被删除。BeeCloud 上的账单和退款不受影响，审计日志中的记录也会保留。</translation>
    </message>
    <message>
        <source>Its settings, its history, its saved cards and its payment links waiting for payers are deleted from this computer (it has no App Secret stored). Bills and refunds at BeeCloud are not affected, and the audit log keeps its rows.</source>
        <translation>本机上该配置的设置、历史记录、已存信用卡以及等待付款人付款的付款链接都将被删除（该配置没有保存 App Secret）。BeeCloud 上的账单和退款不受影响，审计日志中的记录也会保留。</translation>
    </message>
    <message>
        <source>Its settings, its history, its saved cards and its payment links waiting for payers are deleted from this computer, and its App Secret from the keyring if it holds one (the keyring cannot be read now). Bills and refunds at BeeCloud are not affected, and the audit log keeps its rows.</source>
        <translation>本机上该配置的设置、历史记录、已存信用卡以及等待付款人付款的付款链接都将被删除；系统密钥环中如存有其 App Secret，也一并删除（目前无法读取密钥环）。BeeCloud 上的账单和退款不受影响，审计日志中的记录也会保留。</translation>
    </message>
    <message>
        <source>Another App ID</source>
        <translation>更换 App ID</translation>
    </message>
    <message>
        <source>Give “{name}” the App ID {app_id} (now {before})?</source>
        <translation>要将“{name}”的 App ID 改为 {app_id}（现为 {before}）吗？</translation>
    </message>
    <message>
        <source>It becomes another BeeCloud account. What this computer keeps for app {before} is forgotten for good, as BeeCloud knows it only under that app:
Saved cards: {cards}
Payment links waiting for payers: {links}
Its history starts afresh. Bills and refunds at BeeCloud are not affected.</source>
        <translation>它将成为另一个 BeeCloud 账户。本机为应用 {before} 保存的以下内容将被永久删除，因为 BeeCloud 只在该应用下识别它们：
已存信用卡：{cards}
等待付款人付款的付款链接：{links}
其历史记录将重新开始。BeeCloud 上的账单和退款不受影响。</translation>
    </message>
    <message>
        <source>Change App ID</source>
        <translation>更换 App ID</translation>
    </message>
    <message>
        <source>The App Secret cannot be stored</source>
        <translation>无法保存 App Secret</translation>
    </message>
    <message>
        <source>The App Secret could not be stored safely. {reason}</source>
        <translation>无法安全地保存 App Secret。{reason}</translation>
    </message>
    <message>
        <source>The console never writes secrets to a file. It can keep App Secrets in memory for this session only: you will need to enter them again after the console closes.

Keep the App Secret for this session only?</source>
        <translation>控制台从不把密钥写入文件。它可以只在本次运行期间把 App Secret 保存在内存中：关闭控制台后需要重新输入。

是否仅在本次运行期间保留 App Secret？</translation>
    </message>
    <message>
        <source>Keep for this session only</source>
        <translation>仅本次运行保留</translation>
    </message>
    <message>
        <source>Don&apos;t save</source>
        <translation>不保存</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>更改尚未保存</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Sandbox (built in, read-only)</source>
        <translation>沙盒环境（内置，只读）</translation>
    </message>
    <message>
        <source>{name} — live, app {app_id}</source>
        <translation>{name} — 正式环境，应用 {app_id}</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Add live profile</source>
        <translation>添加正式配置</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Profiles:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <source>The built-in Sandbox runs on this computer with practice data and cannot be changed. Add a live profile to work with a real BeeCloud app.</source>
        <translation>内置沙盒环境在本机运行，使用练习数据，不能修改。要使用真实的 BeeCloud 应用，请添加正式配置。</translation>
    </message>
    <message>
        <source>e.g. Shop – live</source>
        <translation>例如 商城 – 正式</translation>
    </message>
    <message>
        <source>the App ID from BeeCloud</source>
        <translation>BeeCloud 提供的 App ID</translation>
    </message>
    <message>
        <source>optional: a PEM file of trusted authorities</source>
        <translation>可选：受信任证书颁发机构的 PEM 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Forget the stored Master Secret</source>
        <translation>删除已保存的 Master Secret</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>App ID:</source>
        <translation>App ID：</translation>
    </message>
    <message>
        <source>Servers:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>One a line, e.g. https://apibj.beecloud.cn; one is picked at random and the others are tried when it cannot be reached.</source>
        <translation>每行一个，例如 https://apibj.beecloud.cn；随机选用其中一个，连不上时依次尝试其他服务器。</translation>
    </message>
    <message>
        <source>Connect timeout:</source>
        <translation>连接超时：</translation>
    </message>
    <message>
        <source>Answer timeout:</source>
        <translation>应答超时：</translation>
    </message>
    <message>
        <source>CA bundle:</source>
        <translation>CA 证书包：</translation>
    </message>
    <message>
        <source>Server certificates are always checked. Leave empty to trust the usual authorities, or pick the file of authorities this app&apos;s servers use.</source>
        <translation>服务器证书始终会被校验。留空则信任常用的证书颁发机构，或者选择此应用服务器所用的证书颁发机构文件。</translation>
    </message>
    <message>
        <source>App Secret:</source>
        <translation>App Secret：</translation>
    </message>
    <message>
        <source>Optional. Some BeeCloud accounts sign refunds with the account&apos;s Master Secret instead of the App Secret; enter it only if BeeCloud refuses refunds (code 1) while lists work. Kept like the App Secret.</source>
        <translation>可选。有些 BeeCloud 账户的退款使用账户的 Master Secret 而不是 App Secret 签名；仅当列表正常而 BeeCloud 拒绝退款（代码 1）时才填写。其保存方式与 App Secret 相同。</translation>
    </message>
    <message>
        <source>Master Secret:</source>
        <translation>Master Secret：</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>That profile cannot be shown</source>
        <translation>无法显示该配置</translation>
    </message>
    <message>
        <source>Sandbox (built in)</source>
        <translation>沙盒环境（内置）</translation>
    </message>
    <message>
        <source>The sandbox server on this computer</source>
        <translation>本机上的沙盒服务器</translation>
    </message>
    <message>
        <source>The sandbox needs no App Secret</source>
        <translation>沙盒环境不需要 App Secret</translation>
    </message>
    <message>
        <source>The sandbox needs none</source>
        <translation>沙盒不需要</translation>
    </message>
    <message>
        <source>Live profile “{name}”</source>
        <translation>正式配置“{name}”</translation>
    </message>
    <message>
        <source>Leave empty to keep the App Secret held for this session only</source>
        <translation>留空则保留本次运行期间暂存在内存中的 App Secret</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored App Secret</source>
        <translation>留空则保留已保存的 App Secret</translation>
    </message>
    <message>
        <source>No App Secret is held: one entered is kept for this session only</source>
        <translation>内存中没有 App Secret：输入的 App Secret 仅在本次运行期间保留</translation>
    </message>
    <message>
        <source>The keyring cannot be read: enter the App Secret to store it</source>
        <translation>无法读取密钥环：请输入 App Secret 以保存</translation>
    </message>
    <message>
        <source>No App Secret is stored: enter the one from BeeCloud</source>
        <translation>尚未保存 App Secret：请输入 BeeCloud 提供的 App Secret</translation>
    </message>
    <message>
        <source>Leave empty to keep the Master Secret held for this session only</source>
        <translation>留空则保留本次运行期间暂存在内存中的 Master Secret</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored Master Secret</source>
        <translation>留空则保留已保存的 Master Secret</translation>
    </message>
    <message>
        <source>optional; none is stored</source>
        <translation>可选；尚未保存</translation>
    </message>
    <message>
        <source>New live profile</source>
        <translation>新的正式配置</translation>
    </message>
    <message>
        <source>the App Secret from BeeCloud (kept for this session only)</source>
        <translation>BeeCloud 提供的 App Secret（仅在本次运行期间保留）</translation>
    </message>
    <message>
        <source>the App Secret from BeeCloud</source>
        <translation>BeeCloud 提供的 App Secret</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Discard the changes to this profile?</source>
        <translation>放弃对此配置的更改？</translation>
    </message>
    <message>
        <source>The Master Secret stored before, if any, could not be read: {reason} It is not kept with this profile: enter it again if BeeCloud refuses refunds.</source>
        <translation>之前保存的 Master Secret（如有）无法读取：{reason} 此配置不再保留它；如果 BeeCloud 拒绝退款，请重新填写。</translation>
    </message>
    <message>
        <source>The keyring would not give up the secrets this profile had before (no longer used): the console tries again to delete them at its next start.</source>
        <translation>密钥环未能删除此配置此前的密钥（已不再使用）：控制台会在下次启动时再次尝试删除。</translation>
    </message>
    <message numerus="yes">
        <source>%n saved card(s) of the App ID before were forgotten: BeeCloud knows a saved card only under the app that saved it.</source>
        <translation>
            <numerusform>原 App ID 下保存的 %n 张卡已移除：BeeCloud 只在保存卡的应用下识别该卡。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved “{name}”.</source>
        <translation>已保存“{name}”。</translation>
    </message>
    <message>
        <source>Its App Secret was left as it was.</source>
        <translation>其 App Secret 保持不变。</translation>
    </message>
    <message>
        <source>{gone} Nothing was changed here.</source>
        <translation>{gone}此处未做任何更改。</translation>
    </message>
    <message>
        <source>“{name}” was changed in another console since it was shown here. Changed there:
{changes}
What you typed is kept, secrets too: Save profile now saves the form over theirs; Take theirs shows the profile as saved there.</source>
        <translation>“{name}”在此处显示之后，已在另一个控制台中被修改。那边的更改：
{changes}
您输入的内容（包括密钥）均已保留：现在点击“保存配置”将用表单内容覆盖那边的版本；点击“采用那边的版本”则按那边保存的内容显示此配置。</translation>
    </message>
    <message numerus="yes">
        <source>%n refund(s) of this profile await(s) a check by its app: check them first (the yellow bar under the band), then change its App ID.</source>
        <translation>
            <numerusform>此配置有 %n 笔退款正等待其应用核查：请先核查（环境横幅下方的黄色提示栏），再更改其 App ID。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was saved</source>
        <translation>未保存任何内容</translation>
    </message>
    <message>
        <source>The App Secret could not be stored. {reason} The console never writes secrets to a file.</source>
        <translation>无法保存 App Secret。{reason} 控制台从不把密钥写入文件。</translation>
    </message>
    <message>
        <source>“{name}” is kept</source>
        <translation>已保留“{name}”</translation>
    </message>
    <message>
        <source>Refunds it sent whose outcome is not known yet: {count}. Check them first (the yellow bar under the band): once the profile is removed, they can no longer be checked.</source>
        <translation>它发出的退款中结果尚未确定的有 {count} 笔。请先核查（环境横幅下方的黄色提示栏）：配置删除后，这些退款将无法再核查。</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用那边的版本</translation>
    </message>
    <message>
        <source>“{typed}” was not taken: type the seconds as a number from 0 to {limit} with one decimal at most, such as 2.5. The timeout is still {value} seconds.</source>
        <translation>未采用“{typed}”：请输入 0 到 {limit} 之间的秒数，最多一位小数，例如 2.5。超时仍为 {value} 秒。</translation>
    </message>
    <message>
        <source>{gone} Nothing was changed here, and what you typed is kept in the form: try again once the file can be read.</source>
        <translation>{gone}此处未做任何更改，您输入的内容保留在表单中：待该文件可以读取后再试一次。</translation>
    </message>
    <message>
        <source>“{name}” was changed in another console since it was shown here: it is shown again as saved there. Nothing was changed here: do it again if still needed.</source>
        <translation>“{name}”在此处显示之后，已在另一个控制台中被修改：现已按那边保存的内容重新显示。此处未做任何更改；如仍需要，请重新操作。</translation>
    </message>
    <message>
        <source>“{name}” was changed in another console since it was shown here, so it was not removed. Changed there:
{changes}
What you typed is kept, secrets too: Remove… now removes the profile as saved there (you are asked first); Take theirs shows it as saved there.</source>
        <translation>“{name}”在此处显示之后，已在另一个控制台中被修改，因此未删除。那边的更改：
{changes}
您输入的内容（包括密钥）均已保留：现在点击“删除…”将删除那边保存的配置（会先询问您）；点击“采用那边的版本”则按那边保存的内容显示此配置。</translation>
    </message>
    <message>
        <source>{gone} What you typed is kept: Save profile adds it as a new profile (enter its App Secret if it is not typed).</source>
        <translation>{gone}您输入的内容已保留：点击“保存配置”会将其添加为新的配置（如尚未输入 App Secret，请输入）。</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) of this profile await(s) a check by its app ({bills}): check them first (Check now on New payment, or Find the bill on Refund), then change its App ID.</source>
        <translation>
            <numerusform>此配置有 %n 笔收款正等待其应用核查（{bills}）：请先核查（“新建收款”中的“立即核查”，或在“退款”中“查找”该账单），再更改其 App ID。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was removed</source>
        <translation>未删除任何内容</translation>
    </message>
    <message>
        <source>The App Secret stored before cannot be read: {reason} Enter it again to save this profile&apos;s secrets.</source>
        <translation>之前保存的 App Secret 无法读取：{reason} 请重新填写，才能保存此配置的密钥。</translation>
    </message>
    <message>
        <source>Payments it sent whose outcome is not known yet: {count} ({bills}). Check them first (Check now on New payment, or Find the bill on Refund): once the profile is removed, they can no longer be checked.</source>
        <translation>它发出的收款中结果尚未确定的有 {count} 笔（{bills}）。请先核查（“新建收款”中的“立即核查”，或在“退款”中“查找”该账单）：配置删除后，这些收款将无法再核查。</translation>
    </message>
    <message>
        <source>Its App Secret could not be deleted from the keyring: {error} You can delete the entry “{entry}” of “beecloud-console” with your keyring manager.</source>
        <translation>无法从系统密钥环中删除其 App Secret：{error} 你可以在密钥环管理器中删除“beecloud-console”下的条目“{entry}”。</translation>
    </message>
    <message>
        <source>The console is on the practice Sandbox now.</source>
        <translation>控制台现已切回练习沙盒。</translation>
    </message>
    <message>
        <source>Removed “{name}”.</source>
        <translation>已删除“{name}”。</translation>
    </message>
    <message>
        <source>Removed “{name}” and its App Secret.</source>
        <translation>已删除“{name}”及其 App Secret。</translation>
    </message>
    <message>
        <source>Choose a CA bundle</source>
        <translation>选择 CA 证书包</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>QueryFilters</name>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>{family} — every {name} channel</source>
        <translation>{family} — {name}：全部渠道</translation>
    </message>
    <message>
        <source>Whole bill number</source>
        <translation>完整账单号</translation>
    </message>
    <message>
        <source>Whole refund number</source>
        <translation>完整退款单号</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>A number names one record: the channel and dates are not used.</source>
        <translation>一个号码对应一条记录：渠道和日期不起作用。</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>Bill number:</source>
        <translation>账单号：</translation>
    </message>
    <message>
        <source>Refund number:</source>
        <translation>退款单号：</translation>
    </message>
    <message>
        <source>No day of this range came in this computer&apos;s time zone (its clocks skipped it).</source>
        <translation>此范围内的日期在本机所在时区从未出现（时钟跳过了这些日期）。</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>The whole bill number (8 to 32 letters or digits) finds that bill, whatever its date or channel. For part of a number or a title, use “Find in the history” below.</source>
        <translation>完整的账单号（8 到 32 个字母或数字）可查到该账单，不论其日期或渠道。要查找单号的一部分或标题，请使用下方的“在历史记录中查找”。</translation>
    </message>
    <message>
        <source>The whole refund number (YYYYMMDD…) finds that refund, whatever its date or channel. For part of a number or a title, use “Find in the history” below.</source>
        <translation>完整的退款单号（YYYYMMDD…）可查到该退款，不论其日期或渠道。要查找单号的一部分或标题，请使用下方的“在历史记录中查找”。</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
</context>
<context>
    <name>Reconciler</name>
    <message>
        <source>Refund {refund_no} is not in the journal.</source>
        <translation>退款日志中没有退款 {refund_no}。</translation>
    </message>
    <message>
        <source>The profile that sent refund {refund_no} was removed; it cannot go again.</source>
        <translation>发送退款 {refund_no} 的配置已被删除，无法再次发送。</translation>
    </message>
    <message>
        <source>Switch to the profile “{name}” to send refund {refund_no} again.</source>
        <translation>请切换到配置“{name}”再重新发送退款 {refund_no}。</translation>
    </message>
    <message>
        <source>Refund {refund_no} is being checked or sent; wait for the answer.</source>
        <translation>退款 {refund_no} 正在核查或发送中，请等待应答。</translation>
    </message>
    <message>
        <source>Sending refund {refund_no} of bill {bill_no} again</source>
        <translation>正在重新发送账单 {bill_no} 的退款 {refund_no}</translation>
    </message>
    <message>
        <source>Checking refund {refund_no}</source>
        <translation>正在核查退款 {refund_no}</translation>
    </message>
    <message>
        <source>Loading refunds of bill {bill_no}</source>
        <translation>正在加载账单 {bill_no} 的退款</translation>
    </message>
    <message>
        <source>Could not ask BeeCloud: {reason}.</source>
        <translation>无法向 BeeCloud 查询：{reason}。</translation>
    </message>
</context>
<context>
    <name>RecordDetails</name>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>{amount}   ({hundredths} in hundredths)</source>
        <translation>{amount}   （{hundredths} 分）</translation>
    </message>
    <message>
        <source>{currency} (remembered by this console; the server did not send one)</source>
        <translation>{currency}（由本控制台记录；服务器未返回币种）</translation>
    </message>
    <message>
        <source>Not known (the server did not send one; amounts shown with 2 decimals)</source>
        <translation>未知（服务器未返回币种；金额按 2 位小数显示）</translation>
    </message>
    <message>
        <source>{time} local time   ({ms})</source>
        <translation>{time} 本地时间   （{ms}）</translation>
    </message>
    <message>
        <source>Bill number (bill_no)</source>
        <translation>账单号 (bill_no)</translation>
    </message>
    <message>
        <source>Title (title)</source>
        <translation>标题 (title)</translation>
    </message>
    <message>
        <source>Channel (channel)</source>
        <translation>渠道 (channel)</translation>
    </message>
    <message>
        <source>Amount (total_fee)</source>
        <translation>金额 (total_fee)</translation>
    </message>
    <message>
        <source>Currency (currency)</source>
        <translation>币种 (currency)</translation>
    </message>
    <message>
        <source>Paid (spay_result)</source>
        <translation>支付状态 (spay_result)</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Not paid</source>
        <translation>未支付</translation>
    </message>
    <message>
        <source>Created (created_time)</source>
        <translation>创建时间 (created_time)</translation>
    </message>
    <message>
        <source>Refund number (refund_no)</source>
        <translation>退款单号 (refund_no)</translation>
    </message>
    <message>
        <source>Bill amount (total_fee)</source>
        <translation>账单金额 (total_fee)</translation>
    </message>
    <message>
        <source>Refund amount (refund_fee)</source>
        <translation>退款金额 (refund_fee)</translation>
    </message>
    <message>
        <source>Finished (finish)</source>
        <translation>是否完成 (finish)</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Succeeded (result)</source>
        <translation>是否成功 (result)</translation>
    </message>
    <message>
        <source>Not succeeded</source>
        <translation>未成功</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Payment link</source>
        <translation>付款链接</translation>
    </message>
    <message>
        <source>Payer can approve it</source>
        <translation>付款人可确认付款</translation>
    </message>
    <message>
        <source>Until about {time} local time</source>
        <translation>本地时间 {time} 左右之前</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
</context>
<context>
    <name>RecordDetailsDialog</name>
    <message>
        <source>Bill {bill_no}</source>
        <translation>账单 {bill_no}</translation>
    </message>
    <message>
        <source>Refund {refund_no}</source>
        <translation>退款 {refund_no}</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>全部复制</translation>
    </message>
    <message>
        <source>Copy payment link</source>
        <translation>复制付款链接</translation>
    </message>
    <message>
        <source>Open payment link</source>
        <translation>打开付款链接</translation>
    </message>
    <message>
        <source>No longer: the bill is paid.</source>
        <translation>已不能确认：该账单已付款。</translation>
    </message>
    <message>
        <source>No longer offered here: the console has changed profile since.</source>
        <translation>此处不再提供：控制台此后已切换了配置。</translation>
    </message>
    <message>
        <source>No browser could be started: copy the link and open it in a browser.</source>
        <translation>无法启动浏览器：请复制该链接并在浏览器中打开。</translation>
    </message>
    <message>
        <source>No longer: its approval page has expired. Make a new payment to be paid.</source>
        <translation>已不能确认：其确认页面已过期。如需收款，请新建一笔付款。</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>What became of the bill, from the refunds in the history: the amount refunded and its day, or a refund still in progress.</source>
        <translation>根据历史记录中的退款显示账单的结果：退款金额及日期，或仍在处理中的退款。</translation>
    </message>
    <message>
        <source>Channel code</source>
        <translation>渠道代码</translation>
    </message>
    <message>
        <source>Refund time</source>
        <translation>退款时间</translation>
    </message>
    <message>
        <source>Refunded only</source>
        <translation>仅已退款</translation>
    </message>
    <message>
        <source>Bill number</source>
        <translation>账单号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>支付状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Paid only</source>
        <translation>仅已支付</translation>
    </message>
    <message>
        <source>Unpaid only</source>
        <translation>仅未支付</translation>
    </message>
    <message>
        <source>Refund number</source>
        <translation>退款单号</translation>
    </message>
    <message>
        <source>A refund number starts with its day in China time (UTC+8), as BeeCloud requires; Created is in your own time zone, so near midnight the two days differ.</source>
        <translation>退款单号以其北京时间（UTC+8）的日期开头，这是 BeeCloud 的要求；“创建时间”按本机所在时区显示，因此在午夜前后两个日期可能不同。</translation>
    </message>
    <message>
        <source>Bill amount</source>
        <translation>账单金额</translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Succeeded only</source>
        <translation>仅成功</translation>
    </message>
    <message>
        <source>Failed only</source>
        <translation>仅失败</translation>
    </message>
    <message>
        <source>In progress only</source>
        <translation>仅处理中</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>RecordsTab</name>
    <message>
        <source>Part of a bill number, a title or a channel</source>
        <translation>账单号的一部分、标题或渠道</translation>
    </message>
    <message>
        <source>Copy bill number</source>
        <translation>复制账单号</translation>
    </message>
    <message>
        <source>Part of a bill or refund number, a title or a channel</source>
        <translation>账单号或退款单号的一部分、标题或渠道</translation>
    </message>
    <message>
        <source>Copy refund number</source>
        <translation>复制退款单号</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>The list could not be counted, so the rows selected may not all be in: Reload (F5), then copy them.</source>
        <translation>列表无法计数，所选的行可能未全部载入：请重新加载（F5）后再复制。</translation>
    </message>
    <message>
        <source>The list is still being counted: copy the rows selected in a moment.</source>
        <translation>列表仍在计数：请稍后再复制所选的行。</translation>
    </message>
    <message>
        <source>{count} rows are selected: Copy takes at most {limit}. Use Export… for more, or narrow the filters.</source>
        <translation>已选中 {count} 行：一次最多复制 {limit} 行。更多行请使用“导出…”，或缩小筛选范围。</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n rows.</source>
        <translation>
            <numerusform>已复制 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sort by {column}, ascending</source>
        <translation>按“{column}”升序排列</translation>
    </message>
    <message>
        <source>Sort by {column}, descending</source>
        <translation>按“{column}”降序排列</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>显示的列</translation>
    </message>
</context>
<context>
    <name>RefundForm</name>
    <message>
        <source>Made when you press Refund</source>
        <translation>点击“退款”时生成</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Whole bill</source>
        <translation>全额</translation>
    </message>
    <message>
        <source>Refund the bill&apos;s whole amount</source>
        <translation>退还账单的全部金额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Optional, e.g. item returned damaged</source>
        <translation>选填，例如 商品退回时已损坏</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Refund number:</source>
        <translation>退款单号：</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>退款…</translation>
    </message>
    <message>
        <source>Amount: {problem}</source>
        <translation>金额：{problem}</translation>
    </message>
    <message>
        <source>Note: {problem}</source>
        <translation>备注：{problem}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>To refund, correct: {fields}.</source>
        <translation>退款前，请更正：{fields}。</translation>
    </message>
    <message>
        <source>This looks like a card&apos;s security code (CVV). A note is sent to BeeCloud and kept with the refund, so it never holds one: leave the code out. (Not a code, a year say? Put the number before the word: “2024 CSC”.)</source>
        <translation>这看起来像是银行卡的安全码（CVV）。备注会发送给 BeeCloud 并随退款保存，因此绝不能包含安全码：请删去该码。（不是安全码，比如是年份？请把数字写在该词前面：“2024 CSC”。）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>At most {amount}, the whole bill: a refund cannot exceed it.</source>
        <translation>最多 {amount}，即账单全额：退款不能超过此金额。</translation>
    </message>
    <message>
        <source>Enter a note without control characters (tab, line break, direction marks).</source>
        <translation>备注中不能有控制字符（制表符、换行符、文字方向标记）。</translation>
    </message>
    <message>
        <source>A note holds at most {limit} characters; this one has {count}.</source>
        <translation>备注最多 {limit} 个字符，这条有 {count} 个。</translation>
    </message>
    <message>
        <source>This looks like a card number. A note is sent to BeeCloud and kept with the refund, so it never holds one: if it is an order number, split it with a “/”.</source>
        <translation>这看起来像银行卡号。备注会发送给 BeeCloud 并随退款保存，因此不能包含卡号：如果这是订单号，请用“/”把它分开。</translation>
    </message>
</context>
<context>
    <name>RefundJournal</name>
    <message>
        <source>Refund {refund_no} can be sent again only once BeeCloud has shown that it never arrived.</source>
        <translation>只有在 BeeCloud 确认退款 {refund_no} 从未送达后，才能重新发送。</translation>
    </message>
    <message>
        <source>Refund {refund_no} cannot be sent again: what was sent with it cannot be read from this computer&apos;s records, so it could not go out as it was. Nothing was refunded. Start a fresh refund of bill {bill_no} instead.</source>
        <translation>退款 {refund_no} 无法重新发送：本机记录中无法读取当初随它发送的内容，因此无法按原样再次发送。这笔退款没有退还任何款项。请为账单 {bill_no} 重新发起退款。</translation>
    </message>
    <message>
        <source>Refund {refund_no} can no longer be sent: its number is for {day} (China time), and BeeCloud takes a refund number only on the day it names. Nothing was refunded. Start a fresh refund of bill {bill_no} instead.</source>
        <translation>退款 {refund_no} 已无法发送：其单号对应 {day}（北京时间），而 BeeCloud 只接受当天日期的退款单号。这笔退款没有退还任何款项。请为账单 {bill_no} 重新发起退款。</translation>
    </message>
</context>
<context>
    <name>RefundNotice</name>
    <message>
        <source>{amount} (currency unknown)</source>
        <translation>{amount}（币种未知）</translation>
    </message>
    <message>
        <source>Refund {refund_no} of {amount} for bill {bill_no}</source>
        <translation>账单 {bill_no} 的退款 {refund_no}，金额 {amount}</translation>
    </message>
    <message>
        <source>⚠ {head}: {parts}.</source>
        <translation>⚠ {head}：{parts}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{text} Asking BeeCloud now…</source>
        <translation>{text} 正在向 BeeCloud 查询…</translation>
    </message>
    <message>
        <source>{subject} was made.</source>
        <translation>{subject} 已完成。</translation>
    </message>
    <message>
        <source>{subject} was not sent again; nothing was refunded.</source>
        <translation>{subject} 未重新发送；没有任何退款。</translation>
    </message>
    <message>
        <source>{subject} was not made. {detail}</source>
        <translation>{subject} 未成功。{detail}</translation>
    </message>
    <message>
        <source>Refund {refund_no} is no longer in the journal.</source>
        <translation>退款 {refund_no} 已不在退款日志中。</translation>
    </message>
    <message>
        <source>Refund {refund_no} was dropped in another console at {time}: {detail}</source>
        <translation>退款 {refund_no} 已于 {time} 在另一个控制台中放弃：{detail}</translation>
    </message>
    <message>
        <source>Refund {refund_no} was sent again in another console meanwhile; its answer is awaited there.</source>
        <translation>退款 {refund_no} 在此期间已由另一个控制台重新发送，正在那里等待答复。</translation>
    </message>
    <message>
        <source>Refund {refund_no} was sent again in another console meanwhile.</source>
        <translation>退款 {refund_no} 在此期间已由另一个控制台重新发送。</translation>
    </message>
    <message>
        <source>Refund {refund_no} changed meanwhile; look at it again.</source>
        <translation>退款 {refund_no} 在此期间已有变化，请重新查看。</translation>
    </message>
    <message>
        <source>Nothing was done here.</source>
        <translation>此处未做任何操作。</translation>
    </message>
    <message>
        <source>Being sent again now; waiting for BeeCloud&apos;s answer.</source>
        <translation>正在重新发送；等待 BeeCloud 应答。</translation>
    </message>
    <message>
        <source>Being sent now; waiting for BeeCloud&apos;s answer.</source>
        <translation>正在发送；等待 BeeCloud 应答。</translation>
    </message>
    <message>
        <source>Asking BeeCloud about it now…</source>
        <translation>正在向 BeeCloud 查询…</translation>
    </message>
    <message>
        <source>It was being sent when the console stopped; whether BeeCloud got it is not known yet.</source>
        <translation>控制台停止时该退款正在发送中；尚不清楚 BeeCloud 是否收到。</translation>
    </message>
    <message>
        <source>It never reached BeeCloud: nothing was refunded.</source>
        <translation>该退款从未送达 BeeCloud：没有任何退款。</translation>
    </message>
    <message>
        <source>Outcome unknown: it may or may not have been made.</source>
        <translation>结果未知：可能已退款，也可能没有。</translation>
    </message>
    <message>
        <source>The profile that sent it was removed, so it cannot be checked here.</source>
        <translation>发送该退款的配置已被删除，无法在此核查。</translation>
    </message>
    <message>
        <source>Switch to the profile “{name}” to send it again or drop it.</source>
        <translation>请切换到配置“{name}”再重新发送或放弃。</translation>
    </message>
    <message>
        <source>Switch to the profile “{name}” to check it.</source>
        <translation>请切换到配置“{name}”进行核查。</translation>
    </message>
    <message>
        <source>You may send it again with the same refund number (BeeCloud takes a number only once, so it cannot be refunded twice), or drop it.</source>
        <translation>你可以用同一退款单号重新发送（BeeCloud 每个单号只受理一次，因此不会重复退款），或者放弃。</translation>
    </message>
    <message>
        <source>Press “Check now” to ask BeeCloud.</source>
        <translation>点击“立即核查”向 BeeCloud 查询。</translation>
    </message>
    <message>
        <source>Send refund {refund_no} again?</source>
        <translation>重新发送退款 {refund_no}？</translation>
    </message>
    <message>
        <source>Bill {bill_no}: {amount}.</source>
        <translation>账单 {bill_no}：{amount}。</translation>
    </message>
    <message>
        <source>BeeCloud showed that this refund never arrived, so nothing was refunded yet.</source>
        <translation>BeeCloud 已确认该退款从未送达，因此尚未退款。</translation>
    </message>
    <message>
        <source>It goes with the same refund number: BeeCloud takes a number only once, so the bill cannot be refunded twice this way.</source>
        <translation>将使用同一退款单号发送：BeeCloud 每个单号只受理一次，因此不会因此重复退款。</translation>
    </message>
    <message>
        <source>A refund cannot be undone.</source>
        <translation>退款一经发出无法撤销。</translation>
    </message>
    <message>
        <source>Send the refund again</source>
        <translation>重新发送退款</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Review and check…</source>
        <translation>查看并核查…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Hide this news</source>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>RefundOutcome</name>
    <message>
        <source>“Refunds to check” at the top of the window</source>
        <translation>窗口顶部的“待核查退款”</translation>
    </message>
    <message>
        <source>BeeCloud refunds here only bills paid through PayPal, and through the channel they were paid with: refund this bill where it was paid.</source>
        <translation>BeeCloud 在此只退 PayPal 支付的账单，且须通过原支付渠道退款：请在该账单的支付渠道处办理退款。</translation>
    </message>
    <message>
        <source>BeeCloud has no bill with this number on this profile&apos;s app.</source>
        <translation>在此配置的应用中，BeeCloud 没有这个号码的账单。</translation>
    </message>
    <message>
        <source>BeeCloud refunds only a bill that was paid.</source>
        <translation>BeeCloud 只为已支付的账单退款。</translation>
    </message>
    <message>
        <source>PayPal refunds a sale only within 180 days of it.</source>
        <translation>PayPal 只在交易后 180 天内退款。</translation>
    </message>
    <message>
        <source>BeeCloud allows one successful refund per bill, and this bill has one already (or one in progress): it cannot be refunded again, not even the rest of it.</source>
        <translation>BeeCloud 每笔账单只允许一次成功的退款，而这笔账单已有一次（或正在处理中）：不能再次退款，剩余金额也不能。</translation>
    </message>
    <message>
        <source>A refund can be at most the bill&apos;s own amount.</source>
        <translation>退款金额最多为账单本身的金额。</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即核查</translation>
    </message>
    <message>
        <source>Ask BeeCloud whether this refund number exists</source>
        <translation>向 BeeCloud 查询此退款单号是否存在</translation>
    </message>
    <message>
        <source>The outcome of refund {refund_no} of this bill is unknown. Press “Check now” before refunding it again.</source>
        <translation>此账单的退款 {refund_no} 结果未知。再次退款前请先点击“立即核查”。</translation>
    </message>
    <message>
        <source>Refund {refund_no} of this bill is on its way; wait for its answer.</source>
        <translation>此账单的退款 {refund_no} 正在发送中，请等待应答。</translation>
    </message>
    <message>
        <source>Refund {refund_no} of this bill never reached BeeCloud. Send it again or drop it under {where} before starting another refund of this bill.</source>
        <translation>此账单的退款 {refund_no} 未送达 BeeCloud。发起新的退款前，请在{where}中重新发送或放弃该退款。</translation>
    </message>
    <message>
        <source>Refund {refund_no} of this bill was being sent when the console stopped; its outcome is not known yet. Check it under {where} before refunding this bill again.</source>
        <translation>控制台停止时此账单的退款 {refund_no} 正在发送中，结果尚不清楚。再次退款前请在{where}中核查。</translation>
    </message>
    <message>
        <source>The outcome of refund {refund_no} of this bill is unknown. Check it under {where} before refunding this bill again.</source>
        <translation>此账单的退款 {refund_no} 结果未知。再次退款前请在{where}中核查。</translation>
    </message>
    <message>
        <source>Refund {refund_no} was not sent</source>
        <translation>退款 {refund_no} 未发送</translation>
    </message>
    <message>
        <source>Nothing was refunded for bill {bill_no}: the console could not write the refund down before sending it. {error}</source>
        <translation>账单 {bill_no} 没有退款：控制台在发送前无法记录该退款。{error}</translation>
    </message>
    <message>
        <source>Refund {refund_no} was not sent: the day changed</source>
        <translation>退款 {refund_no} 未发送：日期已变</translation>
    </message>
    <message>
        <source>Nothing was refunded for bill {bill_no}. Its number is for {day} (China time), and BeeCloud takes a refund number only on its own day. Press Refund… again: the refund gets a new number.</source>
        <translation>账单 {bill_no} 没有退款。其退款单号对应 {day}（北京时间），而 BeeCloud 只接受当天日期的退款单号。请再次点击“退款…”，系统会生成新的退款单号。</translation>
    </message>
    <message>
        <source>Sending refund {refund_no}…</source>
        <translation>正在发送退款 {refund_no}…</translation>
    </message>
    <message>
        <source>{subject}. Wait for BeeCloud&apos;s answer.</source>
        <translation>{subject}。请等待 BeeCloud 应答。</translation>
    </message>
    <message>
        <source>Refund {refund_no} of {amount} accepted</source>
        <translation>退款 {refund_no}（{amount}）已受理</translation>
    </message>
    <message>
        <source>BeeCloud took it; whether it is made is being read…</source>
        <translation>BeeCloud 已受理；正在查询是否已完成…</translation>
    </message>
    <message>
        <source>Reading refund {refund_no}</source>
        <translation>查询退款 {refund_no}</translation>
    </message>
    <message>
        <source>BeeCloud took it but does not list it yet.</source>
        <translation>BeeCloud 已受理，但退款列表中尚无此退款。</translation>
    </message>
    <message>
        <source>BeeCloud took it; whether it is made could not be read.</source>
        <translation>BeeCloud 已受理；未能查到是否已完成。</translation>
    </message>
    <message>
        <source>The Refunds tab shows it once a sync brings it.</source>
        <translation>同步取回后，“退款记录”标签页会显示它。</translation>
    </message>
    <message>
        <source>Refund {refund_no} of {amount} is in progress</source>
        <translation>退款 {refund_no}（{amount}）处理中</translation>
    </message>
    <message>
        <source>BeeCloud took it but has not finished it; the Refunds tab shows when it is done.</source>
        <translation>BeeCloud 已受理，但尚未完成；完成后“退款记录”标签页会显示。</translation>
    </message>
    <message>
        <source>Refund {refund_no} of {amount} done</source>
        <translation>退款 {refund_no}（{amount}）已完成</translation>
    </message>
    <message>
        <source>Bill {bill_no}: {what}. Profile: {profile}.</source>
        <translation>账单 {bill_no}：{what}。配置：{profile}。</translation>
    </message>
    <message>
        <source>Nothing was refunded for bill {bill_no}.</source>
        <translation>账单 {bill_no} 没有退款。</translation>
    </message>
    <message>
        <source>Refund {refund_no} was not made: BeeCloud refused it</source>
        <translation>退款 {refund_no} 未成功：BeeCloud 拒绝了该退款</translation>
    </message>
    <message>
        <source>Refund {refund_no} was not sent: {reason}</source>
        <translation>退款 {refund_no} 未发送：{reason}</translation>
    </message>
    <message>
        <source>{host} {reason}</source>
        <translation>服务器 {host} {reason}</translation>
    </message>
    <message>
        <source>no answer came back from {host}</source>
        <translation>服务器 {host} 没有返回应答</translation>
    </message>
    <message>
        <source>its answer could not be read</source>
        <translation>其应答无法读取</translation>
    </message>
    <message>
        <source>no answer came back</source>
        <translation>没有收到应答</translation>
    </message>
    <message>
        <source>{subject} was sent through the profile “{profile}”, but {what_happened}. It may or may not have been made. Press “Check now” to ask BeeCloud; do not refund this bill again before that.</source>
        <translation>{subject} 已通过配置“{profile}”发送，但{what_happened}。可能已退款，也可能没有。请点击“立即核查”向 BeeCloud 查询；在此之前请勿再次为此账单退款。</translation>
    </message>
    <message>
        <source>Outcome unknown: refund {refund_no}</source>
        <translation>结果未知：退款 {refund_no}</translation>
    </message>
    <message>
        <source>Switch back to the profile “{profile}” to check this refund.</source>
        <translation>请切换回配置“{profile}”来核查此退款。</translation>
    </message>
    <message>
        <source>Asking BeeCloud about refund {refund_no}…</source>
        <translation>正在向 BeeCloud 查询退款 {refund_no}…</translation>
    </message>
    <message>
        <source>Checking refund {refund_no}</source>
        <translation>正在核查退款 {refund_no}</translation>
    </message>
    <message>
        <source>Refund {refund_no} is in progress</source>
        <translation>退款 {refund_no} 处理中</translation>
    </message>
    <message>
        <source>BeeCloud has it ({subject}) but has not finished it. Check again later.</source>
        <translation>BeeCloud 已收到（{subject}），但尚未处理完。请稍后再核查。</translation>
    </message>
    <message>
        <source>Refund {refund_no} was refused</source>
        <translation>退款 {refund_no} 被拒绝</translation>
    </message>
    <message>
        <source>BeeCloud took it, then refused it; nothing was refunded for bill {bill_no}. A refused refund does not count: the bill can be refunded again.</source>
        <translation>BeeCloud 受理这笔退款后又拒绝了；账单 {bill_no} 没有任何退款。被拒绝的退款不算在内：该账单可以再次退款。</translation>
    </message>
    <message>
        <source>BeeCloud refused it; nothing was refunded for bill {bill_no}.</source>
        <translation>BeeCloud 拒绝了该退款；账单 {bill_no} 没有退款。</translation>
    </message>
    <message>
        <source>BeeCloud has no refund {refund_no} yet</source>
        <translation>BeeCloud 暂时还没有退款 {refund_no}</translation>
    </message>
    <message>
        <source>Its answer was lost, and a slow server may still make it: it is asked again at {time}. Do not refund bill {bill_no} again until you know.</source>
        <translation>这笔退款的应答已丢失，服务器较慢时仍可能随后完成该退款：将于 {time} 再次查询。在弄清结果之前，请勿再次为账单 {bill_no} 退款。</translation>
    </message>
    <message>
        <source>Refund {refund_no} is listed otherwise than it was sent</source>
        <translation>退款 {refund_no} 的记录与发送的内容不符</translation>
    </message>
    <message>
        <source>{subject} was sent; BeeCloud lists this number for bill {bill_no}, {amount}. Ask BeeCloud&apos;s support before refunding this bill again.</source>
        <translation>{subject} 已发送；BeeCloud 的记录中此退款单号属于账单 {bill_no}，金额 {amount}。再次为此账单退款之前，请联系 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>Could not check refund {refund_no}: its outcome is still unknown</source>
        <translation>无法核查退款 {refund_no}：结果仍然未知</translation>
    </message>
    <message>
        <source>Press “Start a fresh refund…” beside it under {where}.</source>
        <translation>请在{where}中，点击该退款旁的“重新发起退款…”。</translation>
    </message>
    <message>
        <source>BeeCloud has no refund {refund_no}: it was not made</source>
        <translation>BeeCloud 上没有退款 {refund_no}：该退款未成功</translation>
    </message>
    <message>
        <source>Nothing has been refunded for bill {bill_no}. A refund sent moments ago may still be on its way: check again in a minute before you drop it. Send it again with the same refund number (it is never refunded twice), or drop it, under {where}.</source>
        <translation>账单 {bill_no} 尚未退款。刚刚发出的退款可能仍在途中：放弃之前请过一分钟再查询一次。可在{where}用同一退款单号重新发送（不会重复退款），或放弃该退款。</translation>
    </message>
    <message>
        <source>The refund was made</source>
        <translation>退款已完成</translation>
    </message>
    <message>
        <source>Refund {refund_no} of {amount} for bill {bill_no} was made on {time}.</source>
        <translation>账单 {bill_no} 的退款 {refund_no}（{amount}）已于 {time} 完成。</translation>
    </message>
    <message>
        <source>Refund {refund_no} was sent again</source>
        <translation>退款 {refund_no} 已重新发送</translation>
    </message>
    <message>
        <source>{subject} was sent again with the same refund number; how it ends is said under {where}.</source>
        <translation>{subject} 已使用同一退款单号重新发送；其结果将显示在{where}。</translation>
    </message>
    <message>
        <source>{subject} was made. {detail}</source>
        <translation>{subject} 已完成。{detail}</translation>
    </message>
    <message>
        <source>Refund {refund_no} was not made</source>
        <translation>退款 {refund_no} 未成功</translation>
    </message>
    <message>
        <source>Nothing was refunded for bill {bill_no}. {detail}</source>
        <translation>账单 {bill_no} 没有退款。{detail}</translation>
    </message>
</context>
<context>
    <name>RefundTab</name>
    <message>
        <source>The bill number, e.g. BC20261130120000AB12CD</source>
        <translation>账单号，例如 BC20261130120000AB12CD</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Bill number</source>
        <translation>账单号</translation>
    </message>
    <message>
        <source>Bill number:</source>
        <translation>账单号：</translation>
    </message>
    <message>
        <source>Refund form</source>
        <translation>退款表单</translation>
    </message>
    <message>
        <source>A bill number is 8 to 32 letters or digits, without spaces.</source>
        <translation>账单号为 8 到 32 位字母或数字，不含空格。</translation>
    </message>
    <message>
        <source>Looking up bill {bill_no}…</source>
        <translation>正在查找账单 {bill_no}…</translation>
    </message>
    <message>
        <source>Looking up bill {bill_no}</source>
        <translation>正在查找账单 {bill_no}</translation>
    </message>
    <message>
        <source>Loading refunds of bill {bill_no}</source>
        <translation>正在加载账单 {bill_no} 的退款</translation>
    </message>
    <message>
        <source>The payment of bill {bill_no} is on its way from this computer and has no answer yet, so BeeCloud may not have the bill yet. It is looked up again once the payment is answered.</source>
        <translation>账单 {bill_no} 的付款正从本机发出，尚未收到答复，BeeCloud 可能还没有这张账单。付款有了答复后，将自动重新查找。</translation>
    </message>
    <message>
        <source>No bill with number {bill_no} was found in the profile “{profile}”. Check the number and try again.</source>
        <translation>在配置“{profile}”中未找到账单号为 {bill_no} 的账单。请检查单号后重试。</translation>
    </message>
    <message>
        <source>Bill {bill_no} found: {amount}, paid.</source>
        <translation>已找到账单 {bill_no}：{amount}，已支付。</translation>
    </message>
    <message>
        <source>Bill {bill_no} found: {amount}, not paid.</source>
        <translation>已找到账单 {bill_no}：{amount}，未支付。</translation>
    </message>
    <message>
        <source>BeeCloud lists refund {refund_no} of {amount} as made from a bill of {stated}, but the bill is {total}: its answers disagree, so its refunds are not shown. Press Find to ask again.</source>
        <translation>BeeCloud 列出的退款 {refund_no}（{amount}）出自一张 {stated} 的账单，但此账单是 {total}：它的回答前后不一，因此不显示此账单的退款。请点击“查找”重新查询。</translation>
    </message>
    <message>
        <source>A refund of bill {bill_no} is on its way; wait for its answer.</source>
        <translation>账单 {bill_no} 的一笔退款正在发送中，请等待应答。</translation>
    </message>
    <message>
        <source>The bill&apos;s earlier refunds could not be loaded, and it may have one: press Find to load them again.</source>
        <translation>无法加载此账单以前的退款，它可能已有退款：请点击“查找”重新加载。</translation>
    </message>
    <message>
        <source>Waiting for the bill&apos;s earlier refunds…</source>
        <translation>正在等待该账单之前的退款记录…</translation>
    </message>
    <message>
        <source>Bill {bill_no} has a refund already: {refund}. BeeCloud allows one refund per bill, so it cannot be refunded again.</source>
        <translation>账单 {bill_no} 已有退款：{refund}。BeeCloud 每笔账单只允许退款一次，因此不能再次退款。</translation>
    </message>
    <message>
        <source>Bill {bill_no} was refunded on this computer: refund {refund_no}, {amount}. BeeCloud allows one refund per bill, so it cannot be refunded again.</source>
        <translation>账单 {bill_no} 已在本电脑上退款：退款 {refund_no}，{amount}。BeeCloud 每个账单只允许一次退款，因此不能再次退款。</translation>
    </message>
    <message>
        <source>Find a bill first.</source>
        <translation>请先查找账单。</translation>
    </message>
    <message>
        <source>Waiting for your confirmation.</source>
        <translation>等待你的确认。</translation>
    </message>
    <message>
        <source>Nothing was sent: the profile changed while the refund of bill {bill_no} was being confirmed (it named the profile “{profile}”). Find the bill again under the profile in use now.</source>
        <translation>未发出任何请求：确认账单 {bill_no} 的退款时配置已更换（确认中所列的是配置“{profile}”）。请在当前使用的配置下重新查找该账单。</translation>
    </message>
    <message>
        <source>Beware: {reason}</source>
        <translation>注意：{reason}</translation>
    </message>
    <message>
        <source>Refunding bill {bill_no} ({refund_no})</source>
        <translation>正在为账单 {bill_no} 退款（{refund_no}）</translation>
    </message>
    <message>
        <source>Could not look up bill {bill_no}.
{report}</source>
        <translation>无法查找账单 {bill_no}。
{report}</translation>
    </message>
    <message>
        <source>Loading its refunds was stopped: press Find to load them again.</source>
        <translation>其退款的加载已停止：请点击“查找”重新加载。</translation>
    </message>
    <message>
        <source>Could not load its refunds: {reason}.</source>
        <translation>无法加载其退款：{reason}。</translation>
    </message>
</context>
<context>
    <name>RefundsModel</name>
    <message>
        <source>No refunds match these filters.</source>
        <translation>没有符合筛选条件的退款。</translation>
    </message>
    <message>
        <source>No refunds yet.</source>
        <translation>暂无退款。</translation>
    </message>
    <message>
        <source>All refunds</source>
        <translation>全部退款</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款记录</translation>
    </message>
</context>
<context>
    <name>RefundsToCheckDialog</name>
    <message>
        <source>Refunds to check</source>
        <translation>待核查退款</translation>
    </message>
    <message>
        <source>These refunds were sent, but the console does not know yet how they ended, or BeeCloud showed they never arrived. They stay here until they are settled. “Check now” only asks BeeCloud; it never sends a refund.</source>
        <translation>这些退款已经发出，但控制台尚不清楚结果，或者 BeeCloud 已确认它们从未送达。它们会一直留在这里，直到处理完毕。“立即核查”只会向 BeeCloud 查询，不会发送退款。</translation>
    </message>
    <message>
        <source>No refund needs checking.</source>
        <translation>没有需要核查的退款。</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即核查</translation>
    </message>
    <message>
        <source>Ask BeeCloud about every refund of this profile listed here</source>
        <translation>向 BeeCloud 查询此处列出的本配置的所有退款</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Refunds settled</source>
        <translation>已处理完毕的退款</translation>
    </message>
    <message numerus="yes">
        <source>Asking BeeCloud about %Ln refund(s)…</source>
        <translation>
            <numerusform>正在向 BeeCloud 查询 %Ln 笔退款…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing more to ask BeeCloud in this profile right now.</source>
        <translation>此配置目前没有需要向 BeeCloud 查询的退款。</translation>
    </message>
    <message>
        <source>{text} Refunds of other profiles are checked when you switch to them.</source>
        <translation>{text} 其他配置的退款会在切换到该配置时核查。</translation>
    </message>
    <message>
        <source>Sending refund {refund_no} again…</source>
        <translation>正在重新发送退款 {refund_no}…</translation>
    </message>
    <message>
        <source>Refund {refund_no} will not be sent again.</source>
        <translation>退款 {refund_no} 将不再发送。</translation>
    </message>
</context>
<context>
    <name>RepeatPayment</name>
    <message>
        <source>not paid: its PayPal approval page&apos;s address never came, so no payer can approve it</source>
        <translation>未支付：其 PayPal 确认页面的地址没有收到，因此没有付款人能确认它</translation>
    </message>
    <message>
        <source>not paid: the card was not charged</source>
        <translation>未支付：卡未被扣款</translation>
    </message>
    <message>
        <source>created, waiting for the payer&apos;s approval</source>
        <translation>已创建，等待付款人确认</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>sent, no answer yet</source>
        <translation>已发送，尚无应答</translation>
    </message>
    <message>
        <source>outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>Profile: {name} — LIVE, the payer is really charged.</source>
        <translation>配置：{name} — 正式环境，将向付款人真实收款。</translation>
    </message>
    <message>
        <source>Profile: {name} — practice data, no real money moves.</source>
        <translation>配置：{name} — 练习数据，不涉及真实资金。</translation>
    </message>
    <message>
        <source>recently (this computer&apos;s clock was set back since, so how long ago cannot be told)</source>
        <translation>不久前（此后本机时钟被调回，无法得知是多久以前）</translation>
    </message>
    <message>
        <source>less than a minute ago</source>
        <translation>不到一分钟前</translation>
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation>{minutes} 分钟前</translation>
    </message>
    <message>
        <source>A payment of {amount} for “{title}” was made on this profile {ago}: bill {bill_no}, at {time}, {outcome}.

Pay {amount} again, as the new bill {new_bill_no}?</source>
        <translation>{ago}已通过此配置为“{title}”收款 {amount}：账单 {bill_no}，时间 {time}，{outcome}。

要以新账单 {new_bill_no} 再次收款 {amount} 吗？</translation>
    </message>
    <message>
        <source>Pay again?</source>
        <translation>再次收款？</translation>
    </message>
    <message>
        <source>Pay again</source>
        <translation>再次收款</translation>
    </message>
</context>
<context>
    <name>RowFilters</name>
    <message>
        <source>A search takes at most {limit} lines; this one has {count}. Shorten it to see the list.</source>
        <translation>查找最多 {limit} 行，这里有 {count} 行。请缩短后查看列表。</translation>
    </message>
    <message>
        <source>A search takes at most {limit} characters a line; line {number} has {count}. Shorten it to see the list.</source>
        <translation>查找每行最多 {limit} 个字符，第 {number} 行有 {count} 个。请缩短后查看列表。</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Find in the history:</source>
        <translation>在历史记录中查找：</translation>
    </message>
    <message>
        <source>A search takes at most {limit} characters; this one has {count}. Shorten it to see the list.</source>
        <translation>查找最多 {limit} 个字符，这里有 {count} 个。请缩短后查看列表。</translation>
    </message>
</context>
<context>
    <name>SandboxWatch</name>
    <message>
        <source>{reason}, {count} times within a minute</source>
        <translation>{reason}，1 分钟内 {count} 次</translation>
    </message>
    <message>
        <source>{reason}; it could not be started again ({error})</source>
        <translation>{reason}；无法再次启动（{error}）</translation>
    </message>
    <message>
        <source>killed by {signal}</source>
        <translation>被信号 {signal} 终止</translation>
    </message>
    <message>
        <source>exited with code {code}</source>
        <translation>以代码 {code} 退出</translation>
    </message>
    <message>
        <source>ended, status {status}</source>
        <translation>已结束，状态 {status}</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>{reason}: {said}</source>
        <translation>{reason}：{said}</translation>
    </message>
</context>
<context>
    <name>SecretPrompt</name>
    <message>
        <source>The App Secret of “{name}”</source>
        <translation>“{name}”的 App Secret</translation>
    </message>
    <message>
        <source>The App Secret of the live profile “{name}” (app {app_id}) cannot be read: {reason}</source>
        <translation>无法读取正式配置“{name}”（应用 {app_id}）的 App Secret：{reason}</translation>
    </message>
    <message>
        <source>No App Secret is stored for the live profile “{name}” (app {app_id}).</source>
        <translation>正式配置“{name}”（应用 {app_id}）尚未保存 App Secret。</translation>
    </message>
    <message>
        <source>No system keyring works on this computer, so it will be kept in memory for this session only (never in a file): you will be asked again at the next start.</source>
        <translation>本机没有可用的系统密钥环，因此它只会在本次运行期间保存在内存中（从不写入文件）：下次启动时会再次询问。</translation>
    </message>
    <message>
        <source>Enter it to work with this profile.</source>
        <translation>请输入它，以便使用此配置。</translation>
    </message>
    <message>
        <source>The system keyring is locked: unlock it (it asks for its password), then choose “Use this secret” to keep the App Secret there.</source>
        <translation>系统密钥环已锁定：请解锁（它会要求输入其密码），然后选择“使用此密钥”，App Secret 将保存在其中。</translation>
    </message>
    <message>
        <source>The system keyring did not answer (is it waiting for its password?): once it does, choose “Use this secret” to keep the App Secret there.</source>
        <translation>系统密钥环没有应答（它是否在等待输入密码？）：应答后，选择“使用此密钥”，App Secret 将保存在其中。</translation>
    </message>
    <message>
        <source>{gone} The secret typed was not kept. The console is back on the practice sandbox.</source>
        <translation>{gone}所输入的密钥未保存。控制台已切回练习沙盒。</translation>
    </message>
    <message>
        <source>the App Secret from BeeCloud</source>
        <translation>BeeCloud 提供的 App Secret</translation>
    </message>
    <message>
        <source>App Secret</source>
        <translation>App Secret</translation>
    </message>
    <message>
        <source>Use this secret</source>
        <translation>使用此密钥</translation>
    </message>
    <message>
        <source>Switch to the sandbox</source>
        <translation>切换到沙盒</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <source>To keep it from one start to the next, install or start the desktop&apos;s keyring (GNOME Keyring or KWallet), then start the console again.</source>
        <translation>若要在每次启动之间保留它，请安装或启动桌面密钥环（GNOME Keyring 或 KWallet），然后重新启动控制台。</translation>
    </message>
    <message>
        <source>The profile “{name}” was changed in another console: it is now of app {app_id}, not {before}. The secret typed was not kept.</source>
        <translation>配置“{name}”已在另一个控制台中被修改：它现在属于应用 {app_id}，而不是 {before}。所输入的密钥未保存。</translation>
    </message>
    <message>
        <source>Its App Secret is stored: nothing is needed here.</source>
        <translation>该应用的 App Secret 已保存，此处无需再输入。</translation>
    </message>
    <message>
        <source>An App Secret holds no spaces, line breaks or characters that do not show: copy it again, alone.</source>
        <translation>App Secret 中不能有空格、换行或看不见的字符：请只复制它本身，重新粘贴。</translation>
    </message>
    <message>
        <source>The App Secret could not be kept: {error}</source>
        <translation>无法保存 App Secret：{error}</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>the desktop&apos;s keyring (GNOME Keyring or KWallet)</source>
        <translation>桌面密钥环（GNOME Keyring 或 KWallet）</translation>
    </message>
    <message>
        <source>the macOS Keychain</source>
        <translation>macOS 钥匙串</translation>
    </message>
    <message>
        <source>the Windows Credential Manager</source>
        <translation>Windows 凭据管理器</translation>
    </message>
    <message>
        <source>the system keyring ({name})</source>
        <translation>系统密钥环（{name}）</translation>
    </message>
    <message>
        <source>No system keyring is available on this computer.</source>
        <translation>本机没有可用的系统密钥环。</translation>
    </message>
    <message>
        <source>The system keyring is locked; unlock it and try again.</source>
        <translation>系统密钥环已锁定；请解锁后重试。</translation>
    </message>
    <message>
        <source>The system keyring could not be started.</source>
        <translation>无法启动系统密钥环。</translation>
    </message>
    <message>
        <source>The system keyring refused the request.</source>
        <translation>系统密钥环拒绝了该请求。</translation>
    </message>
    <message>
        <source>The system keyring did not answer within a minute (is it waiting for its password?). Try again.</source>
        <translation>系统密钥环在一分钟内没有应答（它是否在等待输入密码？）。请重试。</translation>
    </message>
    <message>
        <source>The console could not start reading the system keyring (the computer is short of resources). Close some programs, then try again.</source>
        <translation>控制台无法开始读取系统密钥环（计算机资源不足）。请关闭一些程序，然后重试。</translation>
    </message>
    <message>
        <source>Secrets are kept in memory for this session only: they are forgotten when the console closes, and never written to a file.</source>
        <translation>密钥仅在本次运行期间保存在内存中：关闭控制台后即被清除，从不写入文件。</translation>
    </message>
    <message>
        <source>Secrets cannot be stored: no system keyring is available on this computer.</source>
        <translation>无法保存密钥：本机没有可用的系统密钥环。</translation>
    </message>
    <message>
        <source>Where secrets are kept is not known: the system keyring did not answer.</source>
        <translation>无法得知密钥保存在何处：系统密钥环没有应答。</translation>
    </message>
    <message>
        <source>Secrets cannot be stored: the keyring that PYTHON_KEYRING_BACKEND or keyringrc.cfg names could not be started.</source>
        <translation>无法保存密钥：PYTHON_KEYRING_BACKEND 或 keyringrc.cfg 指定的密钥环无法启动。</translation>
    </message>
    <message>
        <source>Secrets cannot be stored: the keyring found, {name}, is not a system keyring (it may keep them in a file).</source>
        <translation>无法保存密钥：找到的密钥环 {name} 不是系统密钥环（它可能把密钥写入文件）。</translation>
    </message>
    <message>
        <source>Secrets are kept in {keyring}, under “{service}”.</source>
        <translation>密钥保存在 {keyring} 中的“{service}”下。</translation>
    </message>
</context>
<context>
    <name>StartNotice</name>
    <message>
        <source>The console&apos;s database {path} is damaged ({detail}).</source>
        <translation>控制台的数据库 {path} 已损坏（{detail}）。</translation>
    </message>
    <message>
        <source>The console&apos;s database {path} is not one this console can use ({detail}).</source>
        <translation>控制台的数据库 {path} 不是本控制台可以使用的数据库（{detail}）。</translation>
    </message>
    <message>
        <source>The console&apos;s database {path} cannot be written ({detail}).</source>
        <translation>控制台的数据库 {path} 无法写入（{detail}）。</translation>
    </message>
    <message>
        <source>The console&apos;s database {path} is locked by another program, perhaps another BeeCloud Console ({detail}).</source>
        <translation>控制台的数据库 {path} 被另一个程序锁定，可能是另一个 BeeCloud 控制台（{detail}）。</translation>
    </message>
    <message>
        <source>It was moved aside to {moved_to} (nothing was deleted) and a new database was started.</source>
        <translation>它已被移到 {moved_to}（没有删除任何内容），并已新建一个数据库。</translation>
    </message>
    <message>
        <source>The console shows what it holds, but no payment or refund can be made until it can be written: each must be written down before it is sent. Close the other program, free space on the disk, or give your user write access to the file and its folder, then start the console again.</source>
        <translation>控制台会显示其中的内容，但在能够写入之前不能收款或退款：每笔操作都必须先记录再发送。请关闭另一个程序、释放磁盘空间，或为当前系统用户授予该文件及其文件夹的写入权限，然后重新启动控制台。</translation>
    </message>
    <message>
        <source>It could not be read or replaced, so the console runs without it: no payment or refund can be made until the file and its folder can be written. Then start the console again.</source>
        <translation>它无法读取也无法替换，因此控制台在没有它的情况下运行：在该文件及其文件夹可以写入之前，不能收款或退款。之后请重新启动控制台。</translation>
    </message>
    <message>
        <source>Refunds whose outcome was not yet known, kept: {count}. The console checks them as before.</source>
        <translation>已保留结果尚未确定的退款：{count} 笔。控制台会像以前一样核查它们。</translation>
    </message>
    <message>
        <source>Payments whose outcome was not yet known, kept: {count}. The console checks them as before.</source>
        <translation>已保留结果尚未确定的收款：{count} 笔。控制台会像以前一样核查它们。</translation>
    </message>
    <message>
        <source>Its refund journal could not be read: refunds sent shortly before may not be listed. Look at the Refunds tab, or ask support to read the file.</source>
        <translation>无法读取其中的退款日志：不久前发送的退款可能未列出。请查看“退款记录”标签页，或请客服读取该文件。</translation>
    </message>
    <message>
        <source>Its audit log could not be read: a payment sent shortly before whose answer never came may not be checked. Look for it on the Bills tab, or ask support to read the file.</source>
        <translation>无法读取其中的审计日志：不久前发送但未收到答复的收款可能不会被核对。请在“账单”标签页中查看，或请客服读取该文件。</translation>
    </message>
    <message>
        <source>The log file {path} cannot be written ({reason}). The console logs to its standard error instead; nothing else is affected.</source>
        <translation>日志文件 {path} 无法写入（{reason}）。控制台改为将日志写到标准错误输出；其他功能不受影响。</translation>
    </message>
    <message>
        <source>The log folder {folder} cannot be written ({reason}). The console logs to its standard error instead; nothing else is affected.</source>
        <translation>日志文件夹 {folder} 无法写入（{reason}）。控制台改为将日志写到标准错误输出；其他功能不受影响。</translation>
    </message>
    <message>
        <source>The console stopped unexpectedly at {when}. Where it was is kept in {path}: send that file to support if it happens again.</source>
        <translation>控制台于 {when} 意外停止。停止时它在做什么，记录在 {path} 中：如果再次发生，请将该文件发送给技术支持。</translation>
    </message>
    <message>
        <source>The live profiles saved in {path} cannot be read (the file was damaged or edited by hand), so only the Sandbox profile is listed. Nothing was deleted: when a profile is next saved, their text is kept in the same file under “profiles/live_unreadable”. Their App Secrets stay in the keyring.</source>
        <translation>{path} 中保存的正式配置无法读取（文件已损坏或被手工修改），因此只列出沙盒配置。没有删除任何内容：下次保存配置时，原有内容会保留在同一文件的“profiles/live_unreadable”下。其 App Secret 仍在密钥环中。</translation>
    </message>
    <message>
        <source>The settings file {path} held nothing the console could read (it was damaged), so the console starts with new settings: only the Sandbox profile is listed. The file was kept as {aside}. Add your live profiles again in Profiles…, with their App IDs and App Secrets.</source>
        <translation>设置文件 {path} 中没有可读取的内容（文件已损坏），因此控制台以新的设置启动：只列出沙盒配置。原文件已保留为 {aside}。请在“配置…”中重新添加正式配置，并填写其 App ID 和 App Secret。</translation>
    </message>
    <message>
        <source>The settings file {path} cannot be used ({reason}), so the console starts with its default settings: only the Sandbox profile is listed, and nothing chosen now is kept. Nothing in it was changed. Make it a file your user can read and write, then start the console again: your live profiles are listed again.</source>
        <translation>设置文件 {path} 无法使用（{reason}），因此控制台以默认设置启动：只列出沙盒配置，现在所做的选择都不会保留。该文件未被改动。请将其改为您的用户可以读写的文件，然后重新启动控制台：您的正式配置将重新列出。</translation>
    </message>
    <message>
        <source>The console started with a problem</source>
        <translation>控制台启动时遇到问题</translation>
    </message>
</context>
<context>
    <name>StoreText</name>
    <message>
        <source>it is empty, 0 bytes</source>
        <translation>它是空的，0 字节</translation>
    </message>
    <message>
        <source>The console&apos;s database could not be read ({error}).</source>
        <translation>无法读取控制台的数据库（{error}）。</translation>
    </message>
    <message>
        <source>The console&apos;s database is closed.</source>
        <translation>控制台的数据库已关闭。</translation>
    </message>
    <message>
        <source>The console&apos;s database cannot be written now (see the notice shown at start); nothing was recorded.</source>
        <translation>控制台的数据库现在无法写入（见启动时显示的提示）；未记录任何内容。</translation>
    </message>
    <message>
        <source>The console&apos;s database {path} cannot be reached now ({error}); nothing was recorded.</source>
        <translation>现在无法访问控制台的数据库 {path}（{error}）；未记录任何内容。</translation>
    </message>
    <message>
        <source>The console&apos;s database {path} was deleted while the console ran and could not be made again ({error}); nothing was recorded.</source>
        <translation>控制台运行期间，其数据库 {path} 被删除，且无法重新创建（{error}）；未记录任何内容。</translation>
    </message>
    <message>
        <source>The console&apos;s database {path} was replaced by another file while the console ran; nothing was recorded. Close the console and start it again.</source>
        <translation>控制台运行期间，其数据库 {path} 被另一个文件替换；未记录任何内容。请关闭控制台后重新启动。</translation>
    </message>
    <message>
        <source>The console&apos;s database could not be written: the disk is full.</source>
        <translation>无法写入控制台的数据库：磁盘已满。</translation>
    </message>
    <message>
        <source>The console&apos;s database could not be written ({error}).</source>
        <translation>无法写入控制台的数据库（{error}）。</translation>
    </message>
    <message>
        <source>SQLite&apos;s check of its pages found: {findings}</source>
        <translation>SQLite 检查其页面时发现：{findings}</translation>
    </message>
    <message>
        <source>Refund {refund_no} is in the journal already.</source>
        <translation>退款 {refund_no} 已在退款日志中。</translation>
    </message>
    <message>
        <source>The refund journal could not be written ({error}).</source>
        <translation>无法写入退款日志（{error}）。</translation>
    </message>
    <message>
        <source>Refund {refund_no} is not in the journal.</source>
        <translation>退款 {refund_no} 不在退款日志中。</translation>
    </message>
    <message>
        <source>Bill {bill_no} has refund {refund_no} in the journal already.</source>
        <translation>账单 {bill_no} 的退款 {refund_no} 已在退款日志中。</translation>
    </message>
    <message>
        <source>Refund {refund_no} changed meanwhile; look at it again.</source>
        <translation>退款 {refund_no} 在此期间已有变化，请重新查看。</translation>
    </message>
    <message>
        <source>The refund journal could not be written: {error}</source>
        <translation>无法写入退款日志：{error}</translation>
    </message>
    <message>
        <source>database is locked</source>
        <translation>数据库已被锁定</translation>
    </message>
    <message>
        <source>database table is locked</source>
        <translation>数据库表已被锁定</translation>
    </message>
    <message>
        <source>database or disk is full</source>
        <translation>数据库或磁盘已满</translation>
    </message>
    <message>
        <source>attempt to write a readonly database</source>
        <translation>数据库为只读，无法写入</translation>
    </message>
    <message>
        <source>access permission denied</source>
        <translation>没有访问权限</translation>
    </message>
    <message>
        <source>authorization denied</source>
        <translation>未获授权</translation>
    </message>
    <message>
        <source>disk I/O error</source>
        <translation>磁盘读写出错</translation>
    </message>
    <message>
        <source>database disk image is malformed</source>
        <translation>数据库文件已损坏</translation>
    </message>
    <message>
        <source>file is not a database</source>
        <translation>该文件不是数据库</translation>
    </message>
    <message>
        <source>unable to open database file</source>
        <translation>无法打开数据库文件</translation>
    </message>
    <message>
        <source>locking protocol</source>
        <translation>文件锁定出错</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>操作被中断</translation>
    </message>
    <message>
        <source>string or blob too big</source>
        <translation>数据过大</translation>
    </message>
    <message>
        <source>database schema has changed</source>
        <translation>数据库结构已改变</translation>
    </message>
    <message>
        <source>it was closed meanwhile</source>
        <translation>它已在此期间被关闭</translation>
    </message>
    <message>
        <source>it was made again by another console meanwhile</source>
        <translation>它在此期间已由另一个控制台重新建立</translation>
    </message>
    <message>
        <source>another console kept its folder in use for longer than it waits</source>
        <translation>另一个控制台占用其文件夹的时间超过了等待时限</translation>
    </message>
    <message>
        <source>found so by an earlier start, stopped while replacing it</source>
        <translation>上次启动时已发现损坏，替换过程中被中断</translation>
    </message>
    <message>
        <source>not a BeeCloud Console database (application id {application_id}, schema version {version})</source>
        <translation>不是 BeeCloud 控制台的数据库（应用标识 {application_id}，结构版本 {version}）</translation>
    </message>
    <message>
        <source>made by a newer console (schema version {version}; this one knows {known})</source>
        <translation>由较新版本的控制台创建（结构版本 {version}；本控制台支持 {known}）</translation>
    </message>
    <message>
        <source>tables missing: {missing}; tables with other columns: {changed}</source>
        <translation>缺少的表：{missing}；列不同的表：{changed}</translation>
    </message>
</context>
<context>
    <name>StoredTexts</name>
    <message>
        <source>Sandbox</source>
        <translation>沙盒环境</translation>
    </message>
    <message>
        <source>{channel}, title “{title}”</source>
        <translation>{channel}，标题“{title}”</translation>
    </message>
    <message>
        <source>bill {bill_no}</source>
        <translation>账单 {bill_no}</translation>
    </message>
    <message>
        <source>bill {bill_no}, note “{note}”</source>
        <translation>账单 {bill_no}，备注“{note}”</translation>
    </message>
    <message>
        <source>approval page made: paid once the payer approves</source>
        <translation>已生成确认页面：付款人确认后即为已支付</translation>
    </message>
    <message>
        <source>created, but without an approval page&apos;s address: no payer can approve it</source>
        <translation>已创建，但没有确认页面的地址：没有付款人能确认它</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>bill {bill_no}: accepted; made once BeeCloud lists it made</source>
        <translation>账单 {bill_no}：已受理；BeeCloud 列出已完成后才算完成</translation>
    </message>
    <message>
        <source>{meaning}</source>
        <translation>{meaning}</translation>
    </message>
    <message>
        <source>{meaning}: {detail}</source>
        <translation>{meaning}：{detail}</translation>
    </message>
    <message>
        <source>{problems}</source>
        <translation>{problems}</translation>
    </message>
    <message>
        <source>No BeeCloud server could be reached. Tried: {hosts}</source>
        <translation>无法连接任何 BeeCloud 服务器。已尝试：{hosts}</translation>
    </message>
    <message>
        <source>No BeeCloud server was asked: {hosts}</source>
        <translation>未向任何 BeeCloud 服务器发送请求：{hosts}</translation>
    </message>
    <message>
        <source>nothing was sent: {reason}</source>
        <translation>未发送任何请求：{reason}</translation>
    </message>
    <message>
        <source>nothing was sent: No app secret is stored for the profile “{name}”. Enter it in Profiles… first.</source>
        <translation>未发送任何请求：配置“{name}”尚未保存 App Secret。请先在“配置…”中填写。</translation>
    </message>
    <message>
        <source>no valid answer from {host}: check before trying again</source>
        <translation>{host} 没有返回有效应答：请先查询结果，再决定是否重试</translation>
    </message>
    <message>
        <source>{reason}: check before trying again</source>
        <translation>{reason}：请先查询结果，再决定是否重试</translation>
    </message>
    <message>
        <source>the check got no usable answer: {reason}</source>
        <translation>查询没有得到有效应答：{reason}</translation>
    </message>
    <message>
        <source>BeeCloud has no such bill</source>
        <translation>BeeCloud 上没有此账单</translation>
    </message>
    <message>
        <source>BeeCloud has no such refund</source>
        <translation>BeeCloud 上没有此退款</translation>
    </message>
    <message>
        <source>BeeCloud made this bill for its payer to approve, but does not list it now: check again later, or ask BeeCloud&apos;s support.</source>
        <translation>BeeCloud 已为付款人创建此账单以待其确认，但现在的账单列表中没有它：请稍后再次核查，或联系 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>the bill exists and is paid</source>
        <translation>账单存在，且已支付</translation>
    </message>
    <message>
        <source>the bill exists but is not paid yet</source>
        <translation>账单存在，但尚未支付</translation>
    </message>
    <message>
        <source>bill {bill_no}: BeeCloud has not finished it</source>
        <translation>账单 {bill_no}：BeeCloud 尚未处理完毕</translation>
    </message>
    <message>
        <source>bill {bill_no}: the refund was made</source>
        <translation>账单 {bill_no}：退款已完成</translation>
    </message>
    <message>
        <source>bill {bill_no}: the refund was refused</source>
        <translation>账单 {bill_no}：退款被拒绝</translation>
    </message>
    <message>
        <source>the answer could not be read</source>
        <translation>无法读取应答</translation>
    </message>
    <message>
        <source>app {app_id}</source>
        <translation>应用 {app_id}</translation>
    </message>
    <message>
        <source>app {app_id}; App Secret kept in the system keyring</source>
        <translation>应用 {app_id}；App Secret 保存在系统密钥环中</translation>
    </message>
    <message>
        <source>app {app_id}; App Secret kept for this session only</source>
        <translation>应用 {app_id}；App Secret 仅在本次运行期间保留</translation>
    </message>
    <message>
        <source>changed: {changes}</source>
        <translation>已修改：{changes}</translation>
    </message>
    <message>
        <source>new App Secret kept in the system keyring</source>
        <translation>新的 App Secret 已保存在系统密钥环中</translation>
    </message>
    <message>
        <source>new App Secret kept for this session only</source>
        <translation>新的 App Secret 仅在本次运行期间保留</translation>
    </message>
    <message>
        <source>its App Secret was deleted</source>
        <translation>其 App Secret 已删除</translation>
    </message>
    <message>
        <source>a Master Secret for refunds was stored</source>
        <translation>已保存用于退款的 Master Secret</translation>
    </message>
    <message>
        <source>the Master Secret for refunds was forgotten</source>
        <translation>已删除用于退款的 Master Secret</translation>
    </message>
    <message>
        <source>its App Secret could not be deleted from the keyring</source>
        <translation>无法从系统密钥环中删除其 App Secret</translation>
    </message>
    <message>
        <source>bill {bill_no}: it never reached BeeCloud and will not be sent again</source>
        <translation>账单 {bill_no}：该退款从未送达 BeeCloud，不会再次发送</translation>
    </message>
    <message>
        <source>saved as “{label}”</source>
        <translation>保存为“{label}”</translation>
    </message>
    <message>
        <source>“{label}” forgotten</source>
        <translation>已删除“{label}”</translation>
    </message>
    <message>
        <source>BeeCloud answered: made.</source>
        <translation>BeeCloud 答复：已退款。</translation>
    </message>
    <message>
        <source>Found at BeeCloud: made on {time}.</source>
        <translation>已在 BeeCloud 查到：于 {time} 完成退款。</translation>
    </message>
    <message>
        <source>BeeCloud lists it as refused.</source>
        <translation>BeeCloud 的记录显示该退款被拒绝。</translation>
    </message>
    <message>
        <source>BeeCloud has it but has not finished it yet; check again later.</source>
        <translation>BeeCloud 已收到，但尚未处理完毕；请稍后再查询。</translation>
    </message>
    <message>
        <source>{table_title} to {path}; rows: {rows}</source>
        <translation>{table_title}导出到 {path}；行数：{rows}</translation>
    </message>
    <message>
        <source>{table_title} to {path}: cancelled, no file was written</source>
        <translation>{table_title}导出到 {path}：已取消，未写入任何文件</translation>
    </message>
    <message>
        <source>{table_title} to {path}: {why}; no file was written</source>
        <translation>{table_title}导出到 {path}：{why}；未写入任何文件</translation>
    </message>
    <message>
        <source>BeeCloud lists this bill for {amount}, not what was sent: ask BeeCloud&apos;s support.</source>
        <translation>BeeCloud 列出的此账单金额为 {amount}，与发送的不符：请联系 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>BeeCloud lists this number for bill {bill_no}, {amount}, not what was sent: ask BeeCloud&apos;s support.</source>
        <translation>BeeCloud 的记录中此退款单号属于账单 {bill_no}，金额 {amount}，与发送的内容不符：请联系 BeeCloud 客服。</translation>
    </message>
    <message>
        <source>BeeCloud refused it: {code} {result_msg}: {meaning}</source>
        <translation>BeeCloud 拒绝了该退款：{code} {result_msg}：{meaning}</translation>
    </message>
    <message>
        <source>BeeCloud refused it: {code} {result_msg}: {meaning} ({detail})</source>
        <translation>BeeCloud 拒绝了该退款：{code} {result_msg}：{meaning}（{detail}）</translation>
    </message>
    <message>
        <source>Sent again, BeeCloud refused the number ({code} {result_msg}: {meaning}); checking.</source>
        <translation>已重新发送，BeeCloud 拒绝了此退款单号（{code} {result_msg}：{meaning}）；正在查询。</translation>
    </message>
    <message>
        <source>Sent again, BeeCloud refused the number ({code} {result_msg}: {meaning} ({detail})); checking.</source>
        <translation>已重新发送，BeeCloud 拒绝了此退款单号（{code} {result_msg}：{meaning}（{detail}））；正在查询。</translation>
    </message>
    <message>
        <source>Sent again, BeeCloud refused it ({code} {result_msg}: {meaning}) and has no refund of this number. This one was not made; sent again, it would be refused again.</source>
        <translation>重新发送后，BeeCloud 拒绝了它（{code} {result_msg}：{meaning}），且没有此单号的退款。这笔退款未成功，再次发送也只会再被拒绝。</translation>
    </message>
    <message>
        <source>Sent again, BeeCloud refused it ({code} {result_msg}: {meaning} ({detail})) and has no refund of this number. This one was not made; sent again, it would be refused again.</source>
        <translation>重新发送后，BeeCloud 拒绝了它（{code} {result_msg}：{meaning}（{detail}）），且没有此单号的退款。这笔退款未成功，再次发送也只会再被拒绝。</translation>
    </message>
    <message>
        <source>Sent again, BeeCloud refused it: the bill already has refund {other_no} of {amount}, made on {time}. This one was not made; sent again, it would be refused again.</source>
        <translation>重新发送后，BeeCloud 拒绝了它：该账单已有退款 {other_no}（{amount}），于 {time} 完成。这笔退款未成功，再次发送也只会再被拒绝。</translation>
    </message>
    <message>
        <source>Sent again, BeeCloud refused it: the bill already has refund {other_no} of {amount}, not finished yet. This one was not made; sent again, it would be refused again.</source>
        <translation>重新发送后，BeeCloud 拒绝了它：该账单已有退款 {other_no}（{amount}），尚未处理完成。这笔退款未成功，再次发送也只会再被拒绝。</translation>
    </message>
    <message>
        <source>Sent again, BeeCloud refused it: the bill already has a refund, made or in progress. This one was not made; sent again, it would be refused again.</source>
        <translation>重新发送后，BeeCloud 拒绝了它：该账单已有一笔退款（已完成或正在处理）。这笔退款未成功，再次发送也只会再被拒绝。</translation>
    </message>
    <message>
        <source>Not sent: {reason}. Nothing was refunded.</source>
        <translation>未发送：{reason}。没有退款。</translation>
    </message>
    <message>
        <source>Not sent again: {reason}. Nothing was refunded.</source>
        <translation>未能重新发送：{reason}。没有退款。</translation>
    </message>
    <message>
        <source>No valid answer came back from {host}.</source>
        <translation>{host} 没有返回有效应答。</translation>
    </message>
    <message>
        <source>No answer came back.</source>
        <translation>没有返回应答。</translation>
    </message>
    <message>
        <source>Never reached BeeCloud; {operator} chose not to send it again.</source>
        <translation>从未送达 BeeCloud；{operator} 选择不再重新发送。</translation>
    </message>
    <message>
        <source>name “{old}” → “{new}”</source>
        <translation>名称“{old}”→“{new}”</translation>
    </message>
    <message>
        <source>App ID “{old}” → “{new}”</source>
        <translation>App ID“{old}”→“{new}”</translation>
    </message>
    <message>
        <source>servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>answer timeout</source>
        <translation>应答超时</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA 证书包</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>SystemText</name>
    <message>
        <source>you have no permission to write or read there</source>
        <translation>您没有在该位置读写的权限</translation>
    </message>
    <message>
        <source>the system does not allow it</source>
        <translation>系统不允许此操作</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>your disk quota is used up</source>
        <translation>您的磁盘配额已用完</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <source>the folder or file does not exist</source>
        <translation>文件夹或文件不存在</translation>
    </message>
    <message>
        <source>a part of the path is a file, not a folder</source>
        <translation>路径中有一部分是文件而不是文件夹</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <source>a file of that name is in the way</source>
        <translation>已有同名文件占用该位置</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名称过长</translation>
    </message>
    <message>
        <source>a symbolic link on the way leads round in a circle</source>
        <translation>路径上的符号链接形成了循环</translation>
    </message>
    <message>
        <source>the network folder can no longer be reached</source>
        <translation>无法再访问该网络文件夹</translation>
    </message>
    <message>
        <source>the system does not take this name or request</source>
        <translation>系统不接受此名称或请求</translation>
    </message>
    <message>
        <source>it is on another disk</source>
        <translation>它位于另一个磁盘上</translation>
    </message>
    <message>
        <source>the folder is not empty</source>
        <translation>文件夹不是空的</translation>
    </message>
    <message>
        <source>it took too long</source>
        <translation>耗时过长</translation>
    </message>
    <message>
        <source>{name} is larger than a settings file ever is</source>
        <translation>{name} 远大于任何设置文件应有的大小</translation>
    </message>
    <message>
        <source>{name} belongs to another user, so the console keeps nothing of yours there</source>
        <translation>{name} 属于另一个用户，控制台不会在那里保存您的任何内容</translation>
    </message>
    <message>
        <source>{name} is a folder other users can write to, so the console keeps nothing of yours there</source>
        <translation>{name} 是其他用户也能写入的文件夹，控制台不会在那里保存您的任何内容</translation>
    </message>
    <message>
        <source>it is in use by another program</source>
        <translation>正被其他程序使用</translation>
    </message>
    <message>
        <source>the disk could not be read or written</source>
        <translation>磁盘无法读取或写入</translation>
    </message>
    <message>
        <source>the file would be too large for the disk</source>
        <translation>文件过大，磁盘无法容纳</translation>
    </message>
    <message>
        <source>too many files are open</source>
        <translation>打开的文件过多</translation>
    </message>
    <message>
        <source>there is no device behind it</source>
        <translation>它后面没有对应的设备</translation>
    </message>
    <message>
        <source>the port is in use</source>
        <translation>端口已被占用</translation>
    </message>
    <message>
        <source>{name} is a symbolic link, which the console does not follow</source>
        <translation>{name} 是符号链接，控制台不会跟随链接</translation>
    </message>
    <message>
        <source>{name} is not a regular file</source>
        <translation>{name} 不是普通文件</translation>
    </message>
    <message>
        <source>the rows could not be read from the history</source>
        <translation>无法从历史记录中读取这些行</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the rows shown, as shown, to a CSV or Excel file ({key})</source>
        <translation>将当前显示的行按显示的样子写入 CSV 或 Excel 文件（{key}）</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export the rows shown</source>
        <translation>导出当前显示的行</translation>
    </message>
    <message>
        <source>{path} already exists. Replace it?</source>
        <translation>{path} 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <source>An Excel sheet holds at most {limit} rows; the table shows {rows}. Nothing was written: export them to a CSV file, or filter the table to fewer rows.</source>
        <translation>一个 Excel 工作表最多容纳 {limit} 行，而表格显示了 {rows} 行。未写入任何内容：请导出为 CSV 文件，或筛选表格以减少行数。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) written to {path}</source>
        <translation>
            <numerusform>已将 %Ln 行写入 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %Ln row(s) to {name}…</source>
        <translation>
            <numerusform>正在导出 %Ln 行到 {name}…</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>This export&apos;s audit entry is not saved yet: {error} It is kept, and saved as soon as the database can be written again.</source>
        <translation>此次导出的审计记录尚未保存：{error} 该记录会被保留，一旦数据库可以再次写入就会保存。</translation>
    </message>
    <message>
        <source>Exported to {name}</source>
        <translation>已导出到 {name}</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <source>No file was written.</source>
        <translation>未写入任何文件。</translation>
    </message>
    <message>
        <source>The rows to export could not be read from the history ({reason}). Nothing was written.</source>
        <translation>无法从本机的历史记录中读取要导出的行（{reason}）。未写入任何内容。</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}. Nothing was written.</source>
        <translation>无法写入 {path}：{reason}。未写入任何内容。</translation>
    </message>
</context>
<context>
    <name>TotalsTable</name>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Paid bills</source>
        <translation>已支付账单</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款笔数</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <source>The server&apos;s lists give no currency for these bills and refunds (domestic channels, or bills this console did not make): they are counted apart.</source>
        <translation>服务器的列表没有给出这些账单和退款的币种（国内渠道，或不是本控制台创建的账单），因此单独计数。</translation>
    </message>
    <message>
        <source>Their currencies are not known and may differ, so their amounts are not added up.</source>
        <translation>它们的币种未知，且可能各不相同，因此不合计其金额。</translation>
    </message>
</context>
<context>
    <name>WaitingLinks</name>
    <message>
        <source>Waiting for payers</source>
        <translation>等待付款人确认</translation>
    </message>
    <message numerus="yes">
        <source>%n more waiting: find them on the Bills tab (a bill&apos;s menu: Copy payment link).</source>
        <translation>
            <numerusform>另有 %n 笔等待中：请在“账单”标签页中查找（账单菜单：复制付款链接）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaitingRow</name>
    <message>
        <source>Bill {bill_no}, {amount}, “{title}”: the payer can approve it until about {until}.</source>
        <translation>账单 {bill_no}，{amount}，“{title}”：付款人可在 {until} 左右之前确认付款。</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <source>Copy the PayPal approval page&apos;s address</source>
        <translation>复制 PayPal 确认页面的地址</translation>
    </message>
    <message>
        <source>Bill {bill_no}, {amount}, “{title}”.</source>
        <translation>账单 {bill_no}，{amount}，“{title}”。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copied the payment link of bill {bill_no}.</source>
        <translation>已复制账单 {bill_no} 的付款链接。</translation>
    </message>
</context>
</TS>
