"""A refusal's words come from the server: they are shown, logged and kept in the
audit log and the refund journal, so they are made text that can be, as a record's
title is (console/api/models.py shown_text): at most 200 characters, no line break,
control character, direction override or lone surrogate. Real HTTP over loopback."""

from __future__ import annotations

import json

import pytest

from console.api import ApiError, BeeCloudClient, BillQuery
from console.api.models import TEXT_MAX
from tests.hostile_support import HostileServer, answer_with, head
from tests.sandbox_support import APP_ID, APP_SECRET


def refused_with(msg: object, detail: object) -> ApiError:
    body = json.dumps({"result_code": 5, "result_msg": msg, "err_detail": detail}).encode()
    reply = head(
        "200 OK",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Connection: close",
    )
    with HostileServer(answer_with(reply + body)) as server:
        client = BeeCloudClient(APP_ID, APP_SECRET, [server.url], shuffle=False)
        try:
            with pytest.raises(ApiError) as raised:
                client.query_bills(BillQuery())
        finally:
            client.close()
    return raised.value


def test_a_megabyte_of_words_is_cut() -> None:
    refused = refused_with("M" * 1_000_000, "D" * 1_000_000)
    assert len(refused.msg) == TEXT_MAX and refused.msg.endswith("…")
    assert len(refused.detail) == TEXT_MAX and refused.detail.endswith("…")
    assert len(str(refused)) < 1000


@pytest.mark.parametrize(
    "words",
    [
        "bad\n2026-12-05 10:00:00 ERROR console: forged line",
        "evil\u202etxt.exe",
        "lone \ud800 surrogate",
        "bell\x07 and escape\x1b[31m",
    ],
)
def test_words_that_cannot_be_shown_as_they_are_are_made_text(words: str) -> None:
    refused = refused_with(words, words)
    for said in (refused.msg, refused.detail, str(refused)):
        assert "\n" not in said and "\u202e" not in said and "\x1b" not in said
        assert said.encode("utf-8")  # no lone surrogate
    assert refused.msg.startswith(words[:3])


def test_words_of_another_type_are_said_as_text() -> None:
    refused = refused_with({"nested": ["x"] * 10}, 12345)
    assert refused.detail == "12345"
    assert refused.msg.startswith("{")
