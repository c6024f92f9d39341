"""BeeCloud result codes (0-17) with their meanings in English and Chinese."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ResultCode(IntEnum):
    OK = 0
    APP_INVALID = 1
    PAY_FACTOR_NOT_SET = 2
    CHANNEL_INVALID = 3
    MISS_PARAM = 4
    PARAM_INVALID = 5
    CERT_FILE_ERROR = 6
    CHANNEL_ERROR = 7
    NO_SUCH_BILL = 8
    BILL_UNSUCCESS = 9
    REFUND_EXCEED_TIME = 10
    ALREADY_REFUNDING = 11
    REFUND_AMOUNT_TOO_LARGE = 12
    NO_SUCH_REFUND = 13
    RUNTIME_ERROR = 14
    NETWORK_ERROR = 15
    PREREFUND_DUPLICATE = 16
    BILL_NO_DUPLICATE = 17


_MEANINGS: dict[ResultCode, tuple[str, str]] = {
    ResultCode.OK: ("Success", "调用成功"),
    ResultCode.APP_INVALID: (
        "Unknown app_id, wrong app_sign or an expired timestamp",
        "根据app_id找不到对应的APP、app_sign不正确或时间戳已过期",
    ),
    ResultCode.PAY_FACTOR_NOT_SET: (
        "Payment settings are missing in the BeeCloud dashboard",
        "支付要素在后台没有设置",
    ),
    ResultCode.CHANNEL_INVALID: ("The channel is not valid", "channel参数不合法"),
    ResultCode.MISS_PARAM: ("A required field is missing", "缺少必填参数"),
    ResultCode.PARAM_INVALID: ("A field is not valid", "参数不合法"),
    ResultCode.CERT_FILE_ERROR: ("Certificate error", "证书错误"),
    ResultCode.CHANNEL_ERROR: ("The payment channel refused or failed", "渠道内部错误"),
    ResultCode.NO_SUCH_BILL: ("No such bill", "没有该订单"),
    ResultCode.BILL_UNSUCCESS: ("The bill was not paid", "该订单没有支付成功"),
    ResultCode.REFUND_EXCEED_TIME: (
        "The bill is too old to be refunded",
        "已超过可退款时间",
    ),
    ResultCode.ALREADY_REFUNDING: (
        "The bill already has a refund in progress or done",
        "该订单已有处理中或已完成的退款",
    ),
    ResultCode.REFUND_AMOUNT_TOO_LARGE: (
        "The refund amount is larger than the bill allows",
        "提交的退款金额超出可退额度",
    ),
    ResultCode.NO_SUCH_REFUND: ("No such refund", "没有该退款记录"),
    ResultCode.RUNTIME_ERROR: ("Server runtime error", "运行时错误"),
    ResultCode.NETWORK_ERROR: ("Network error at the server", "网络错误"),
    ResultCode.PREREFUND_DUPLICATE: ("Duplicate pre-refund", "预退款重复"),
    ResultCode.BILL_NO_DUPLICATE: ("This bill_no was used already", "订单号重复"),
}


class CodeInfo(NamedTuple):
    """What a result code means; unknown codes are described, never rejected."""

    code: int
    name: str
    english: str
    chinese: str


def describe(code: int) -> CodeInfo:
    try:
        known = ResultCode(code)
    except ValueError:
        return CodeInfo(code, "UNKNOWN", f"Unknown result code {code}", f"未知返回码 {code}")
    english, chinese = _MEANINGS[known]
    return CodeInfo(code, known.name, english, chinese)
