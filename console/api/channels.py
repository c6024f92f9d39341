"""Payment channels: the three international ones we create, and all we may see."""

from __future__ import annotations

PAYPAL_PAYPAL = "PAYPAL_PAYPAL"
PAYPAL_CREDITCARD = "PAYPAL_CREDITCARD"
PAYPAL_SAVED_CREDITCARD = "PAYPAL_SAVED_CREDITCARD"

# A PayPal payment's approval page is open this long after its bill was made, as PayPal's
# approval tokens are (docs/decisions.md); then it can no longer be paid.
APPROVAL_LIFETIME_MS = 3 * 3_600_000

# Channels a payment can be created in through /1/rest/international/bill.
PAY_CHANNELS: tuple[str, ...] = (PAYPAL_PAYPAL, PAYPAL_CREDITCARD, PAYPAL_SAVED_CREDITCARD)

# Families: a query filter naming a family matches every FAMILY_* sub-channel.
FAMILIES: tuple[str, ...] = ("WX", "ALI", "UN", "PAYPAL", "JD", "YEE", "KUAIQIAN")

# Exact sub-channels a record may carry (NOTES.md, "Channels seen in query answers").
SUB_CHANNELS: tuple[str, ...] = (
    "WX_APP",
    "WX_NATIVE",
    "WX_JSAPI",
    "ALI_APP",
    "ALI_WEB",
    "ALI_QRCODE",
    "ALI_OFFLINE_QRCODE",
    "ALI_WAP",
    "UN_APP",
    "UN_WEB",
    *PAY_CHANNELS,
    "JD_WAP",
    "JD_WEB",
    "YEE_WAP",
    "YEE_WEB",
    "KUAIQIAN_WAP",
    "KUAIQIAN_WEB",
)

# Everything a query's `channel` filter may name.
QUERY_CHANNELS: tuple[str, ...] = FAMILIES + SUB_CHANNELS

# Each exact sub-channel as finance staff name it, in English and in Chinese (a family's
# own name is the GUI's FAMILY_NAMES).
CHANNEL_NAMES: dict[str, tuple[str, str]] = {
    PAYPAL_PAYPAL: ("PayPal account", "PayPal 账户支付"),
    PAYPAL_CREDITCARD: ("Card via PayPal", "信用卡支付（PayPal）"),
    PAYPAL_SAVED_CREDITCARD: ("Saved card via PayPal", "已存卡支付（PayPal）"),
    "WX_APP": ("WeChat Pay (app)", "微信支付（App）"),
    "WX_NATIVE": ("WeChat Pay (QR)", "微信支付（扫码）"),
    "WX_JSAPI": ("WeChat Pay (in WeChat)", "微信支付（公众号）"),
    "ALI_APP": ("Alipay (app)", "支付宝（App）"),
    "ALI_WEB": ("Alipay (web)", "支付宝（网页）"),
    "ALI_QRCODE": ("Alipay (QR)", "支付宝（扫码）"),
    "ALI_OFFLINE_QRCODE": ("Alipay (in-store QR)", "支付宝（线下扫码）"),
    "ALI_WAP": ("Alipay (mobile web)", "支付宝（手机网页）"),
    "UN_APP": ("UnionPay (app)", "银联（App）"),
    "UN_WEB": ("UnionPay (web)", "银联（网页）"),
    "JD_WAP": ("JD Pay (mobile web)", "京东支付（手机网页）"),
    "JD_WEB": ("JD Pay (web)", "京东支付（网页）"),
    "YEE_WAP": ("YeePay (mobile web)", "易宝支付（手机网页）"),
    "YEE_WEB": ("YeePay (web)", "易宝支付（网页）"),
    "KUAIQIAN_WAP": ("99Bill (mobile web)", "快钱（手机网页）"),
    "KUAIQIAN_WEB": ("99Bill (web)", "快钱（网页）"),
}


def family_of(channel: str) -> str:
    """WX_APP -> WX; PAYPAL_CREDITCARD -> PAYPAL; a family is its own family."""
    return channel.split("_", 1)[0]


def channel_matches(wanted: str, channel: str) -> bool:
    """Whether a record's exact channel passes a filter naming a family or a channel."""
    if wanted in FAMILIES:
        return family_of(channel) == wanted
    return channel == wanted
