"""Walk every page of a bill or refund query, `limit` 50 at a time.

The API's `count` is the size of one answer, not a total: the end is the
first page that holds fewer records than asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TypeVar

from console.api.client import BeeCloudClient
from console.api.models import BillQuery, BillRecord, RefundQuery, RefundRecord

PAGE_SIZE = 50

Q = TypeVar("Q", BillQuery, RefundQuery)
R = TypeVar("R")


def iter_pages(
    fetch: Callable[[Q], list[R]], query: Q, page_size: int = PAGE_SIZE
) -> Iterator[list[R]]:
    """Yield page after page, starting at query.skip, until a short page."""
    skip = query.skip
    while True:
        page = fetch(replace(query, skip=skip, limit=page_size))
        if page:
            yield page
        if len(page) < page_size:
            return
        skip += page_size


def all_bills(client: BeeCloudClient, query: BillQuery | None = None) -> list[BillRecord]:
    pages = iter_pages(client.query_bills, query or BillQuery())
    return [record for page in pages for record in page]


def all_refunds(client: BeeCloudClient, query: RefundQuery | None = None) -> list[RefundRecord]:
    pages = iter_pages(client.query_refunds, query or RefundQuery())
    return [record for page in pages for record in page]
