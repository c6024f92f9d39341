"""The PayPal links still waiting for their payers, kept and listed on New payment.

Each approval address this console was answered with is kept in its database, per
profile and bill (console/store/approval_links.py), until the bill is known paid or its
page has expired (3 hours after the answer came: channels.APPROVAL_LIFETIME_MS). So a
payer who lost the link an hour later gets it again, not a second bill: under the
payment shown, "Waiting for payers" lists the active profile's other links, newest
first, each with Copy and Check whether paid (nothing is said paid before a query lists
it paid); the Bills tab offers each in its bill's row menu and Details…. Only a web
address that hides no host is kept: another is never to be sent to a payer.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from console.api.channels import APPROVAL_LIFETIME_MS
from console.api.models import PayResult
from console.api.money import Money, format_money
from console.gui.announce import announce
from console.gui.feedback import field_cell
from console.gui.plain_text import PlainLabel, wrappable
from console.gui.practice_links import practice_link_here
from console.gui.session import ConsoleSession
from console.gui.tables.formatting import steady_about_time_text
from console.gui.tabs.payment.approval_row import as_opened, hides_host, is_web_address
from console.gui.tabs.payment.payer_check import PayerCheck
from console.store import mirror_query
from console.store.approval_links import ApprovalLink
from console.store.errors import StoreError
from console.store.stamps import look_again_in_ms, steady_now

log = logging.getLogger(__name__)

SHOWN_AT_MOST = 5  # the newest; the others are on the Bills tab


def keep_link(
    session: ConsoleSession,
    profile_id: str,
    app_id: str,
    bill_no: str,
    money: Money,
    title: str,
    result: PayResult,
    answered_ms: int,
) -> None:
    """Keep a PayPal payment's approval address (as the browser is given it), if it is
    one a payer may be sent and the profile is still of the app (`app_id`) the payment
    went to (another console may have given it another App ID, or removed it, meanwhile:
    its links are that app's); the database not written is logged, the page shown all
    the same."""
    url = as_opened(result.url or "")
    if not url or not is_web_address(url) or hides_host(url):
        return
    stored = session.profiles.find(profile_id)
    if stored is None or stored.app_id != app_id:
        log.warning("the approval address of a payment to an app the profile left is not kept")
        return
    link = ApprovalLink(
        bill_no, url, money.hundredths, money.currency, title, answered_ms + APPROVAL_LIFETIME_MS
    )
    try:
        session.local.links.keep(profile_id, link, steady_now())
    except StoreError as error:
        log.warning("the approval address of a payment could not be kept: %s", error)


def drop_links(session: ConsoleSession, profile_id: str, bill_nos: Iterable[str]) -> None:
    """These bills' links are not offered any more (paid, or their page expired)."""
    try:
        session.local.links.drop(profile_id, bill_nos)
    except StoreError as error:
        log.warning("approval addresses no longer of use could not be deleted: %s", error)


class WaitingRow(QWidget):
    """One link: what it is for and until when, Copy, and Check whether paid."""

    def __init__(self, session: ConsoleSession, link: ApprovalLink) -> None:
        super().__init__()
        self.link = link
        self.settled = False  # its check found it paid, expired or not as sent
        money = Money(link.amount, link.currency)
        self.label = PlainLabel()
        self.label.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("Copy link"))
        self.copy_button.setToolTip(self.tr("Copy the PayPal approval page's address"))
        self.say_until()
        self._settled_text = self.tr("Bill {bill_no}, {amount}, “{title}”.").format(
            bill_no=link.bill_no, amount=format_money(money), title=wrappable(link.title)
        )  # once paid, expired or found not as sent: no payer is to approve it any more
        self.check = PayerCheck(session, self)
        self.check.wait_for(link.bill_no, money, link.expires_ms - APPROVAL_LIFETIME_MS)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.label)
        column.addWidget(field_cell(self.copy_button, self.check.row, stretch=False))
        self.copy_button.clicked.connect(self.copy)
        self.check.found_paid.connect(self._settled)
        self.check.found_expired.connect(self._settled)
        self.check.found_unlike.connect(self._settled)

    def say_until(self) -> None:
        """Until when the payer can approve it, on the system clock as it reads now (put
        right since, it moves); once settled, nothing of it."""
        if self.settled:
            return
        link = self.link
        self.label.setText(
            self.tr(
                "Bill {bill_no}, {amount}, “{title}”: the payer can approve it until about {until}."
            ).format(
                bill_no=link.bill_no,
                amount=format_money(Money(link.amount, link.currency)),
                title=wrappable(link.title),
                until=steady_about_time_text(link.expires_ms),
            )
        )
        self.copy_button.setAccessibleDescription(self.label.text())

    def kept_in_sight(self) -> bool:
        """Whether what its check says, or is about to, is to stay in sight."""
        return self.settled or self.check.asking()

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.link.url)
        self.copy_button.setText(self.tr("Copied"))  # said where it was pressed
        announce(
            self.copy_button,
            self.tr("Copied the payment link of bill {bill_no}.").format(bill_no=self.link.bill_no),
        )

    @Slot(str)
    def _settled(self, _bill_no: str) -> None:
        self.settled = True
        # paid, expired, or not as sent: nothing to send to a payer any more
        self.copy_button.setEnabled(False)
        self.label.setText(self._settled_text)
        self.copy_button.setAccessibleDescription(self._settled_text)


class WaitingLinks(QWidget):
    """The active profile's links waiting for their payers, but the one shown above."""

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.shown_bill_no = ""  # the payment shown above, with its own row
        self.rows: dict[str, WaitingRow] = {}
        self.heading = PlainLabel(self.tr("Waiting for payers"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.more = PlainLabel()  # how many more, and where they are
        self.more.setWordWrap(True)
        self._list = QVBoxLayout()
        self._list.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 12, 0, 0)
        column.addWidget(self.heading)
        column.addLayout(self._list)
        column.addWidget(self.more)
        self._expiry = QTimer(self)  # at the first link's expiry (or a minute), the list again
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.refresh)
        session.history.changed.connect(self.refresh)  # a sync may find bills paid
        self.hide()

    def show_beside(self, bill_no: str) -> None:
        """List the links but that of the payment shown above ("" none)."""
        self.shown_bill_no = bill_no
        self.refresh(keep_settled=False)

    @Slot()
    def refresh(self, keep_settled: bool = True) -> None:
        profile_id, now = self.session.profile.id, steady_now()
        try:
            links = self.session.local.links.waiting(profile_id, now)
            links = [practice_link_here(self.session, link) for link in links]
        except StoreError as error:
            log.warning("the approval addresses kept could not be read: %s", error)
            links = []
        paid = self._paid_in_history([link.bill_no for link in links])
        if paid:
            drop_links(self.session, profile_id, paid)
        links = [
            link
            for link in links
            if link.bill_no not in paid and link.bill_no != self.shown_bill_no
        ]
        shown, more = links[:SHOWN_AT_MOST], len(links) - SHOWN_AT_MOST
        self._show(shown, keep_settled)
        self.more.setText(
            self.tr(
                "%n more waiting: find them on the Bills tab (a bill's menu: Copy payment link).",
                "",
                more,
            )
            if more > 0
            else ""
        )
        self.more.setVisible(more > 0)
        self.setVisible(bool(self.rows))
        if links:
            soonest = min(link.expires_ms for link in links)
            # a second after it, or in a minute if sooner (the computer may sleep meanwhile)
            self._expiry.start(look_again_in_ms(max(0, soonest - now.ms) + 1000))
        else:
            self._expiry.stop()

    def _show(self, links: list[ApprovalLink], keep_settled: bool) -> None:
        """Rows for these links; a row whose check found its bill paid or expired, or is
        asking, stays, saying so, until the next payment or profile switch (keep_settled)."""
        by_bill = {link.bill_no: link for link in links}
        rows = {bill_no: self.rows.get(bill_no) for bill_no in by_bill}
        if keep_settled:
            rows.update(
                {n: row for n, row in self.rows.items() if row.kept_in_sight() and n not in rows}
            )
        for bill_no in [number for number in self.rows if number not in rows]:
            row = self.rows.pop(bill_no)
            row.check.clear()  # a check on its way finds nothing to tell when it answers
            self._list.removeWidget(row)
            row.hide()
            row.deleteLater()
        made = [row or WaitingRow(self.session, by_bill[n]) for n, row in rows.items()]
        ordered = sorted(made, key=lambda row: -row.link.expires_ms)
        for index, row in enumerate(ordered):  # a row shown already keeps what its check said
            self._list.insertWidget(index, row)
            row.say_until()
        self.rows = {row.link.bill_no: row for row in ordered}

    def _paid_in_history(self, bill_nos: list[str]) -> set[str]:
        """Of these bills, those the active profile's history lists paid."""
        if not bill_nos:
            return set()
        try:
            return mirror_query.paid_among(self.session.history.reader(), bill_nos)
        except sqlite3.Error as error:
            log.warning("the history could not be read for paid bills: %s", error)
            return set()
