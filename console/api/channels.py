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

CHANNEL_NAMES: dict[str, tuple[str, str]] = {
    PAYPAL_PAYPAL: ("PayPal account", "PayPal 账户支付"),
    PAYPAL_CREDITCARD: ("Card via PayPal", "信用卡支付（PayPal）"),
    PAYPAL_SAVED_CREDITCARD: ("Saved card via PayPal", "已存信用卡支付（PayPal）"),
}


def family_of(channel: str) -> str:
    """WX_APP -> WX; PAYPAL_CREDITCARD -> PAYPAL; a family is its own family."""
    return channel.split("_", 1)[0]


def channel_matches(wanted: str, channel: str) -> bool:
    """Whether a record's exact channel passes a filter naming a family or a channel."""
    if wanted in FAMILIES:
        return family_of(channel) == wanted
    return channel == wanted
