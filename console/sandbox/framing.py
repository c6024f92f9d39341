"""How a request is cut out of its connection, where waitress is too trusting.

- **A line ended by a bare LF or CR.** HTTP lines end with CRLF. waitress looks for
  the CRLF CRLF that ends a request's head and refuses a bare LF or CR only once it
  has one: a client whose lines end with LF alone (a hand-written request) never
  sends it, and waited for the request timeout's 408 (10 s). It is now 400 at once.
- **Both Content-Length and Transfer-Encoding.** waitress reads the body as chunked
  (RFC 9112 6.1 allows it; in HTTP/1.0, by its Content-Length) but kept the
  connection open; the RFC says to close it after the answer, since where the next
  request starts cannot be told (a request smuggled behind a proxy that read it the
  other way).
"""

from __future__ import annotations

import re
from typing import Any

from waitress.parser import HTTPRequestParser
from waitress.utilities import BadRequest

BARE_LINE_END = "A line of the request ends with a bare LF or CR: HTTP lines end with CRLF."
# waitress's own words for one it finds in a complete head
WAITRESS_BARE_LINE_END = "Bare CR or LF found"
# a CR not followed by LF, or an LF not preceded by CR (the last byte may be a CR whose
# LF has not come yet: that is looked at again with the next bytes)
_BARE = re.compile(rb"\r(?=[^\n])|(?<!\r)\n")


class StrictRequestParser(HTTPRequestParser):  # type: ignore[misc]  # waitress is untyped
    """waitress's parser, refusing a bare line end at once and closing the connection
    after a request with both Content-Length and chunked Transfer-Encoding."""

    # waitress's own attributes, as this class reads them
    completed: bool
    chunked: bool
    header_plus: bytes
    headers: dict[str, str]
    body_rcv: Any
    error: Any
    _begun = False  # whether a byte other than white space has come

    def received(self, data: bytes) -> int:
        if self.body_rcv is None and not self.completed and self._bare_line_end(data):
            self.parse_header(b"GET / HTTP/1.1\r\n")  # what waitress's error answer reads
            self.error = BadRequest(BARE_LINE_END)
            self.completed = True
            return len(data)
        return int(super().received(data))

    def _bare_line_end(self, data: bytes) -> bool:
        """Whether the head received so far, with `data`, has a bare LF or CR before
        the CRLF CRLF that ends it. Only the new bytes (and the three before them) are
        looked at: a head trickled a byte at a time is not read again and again."""
        if self._begun:
            before = self.header_plus[-3:]
        else:  # blank lines before a request are skipped, as waitress does
            data = data.lstrip()
            if not data:
                return False
            self._begun = True
            before = b""
        head = before + data
        end = head.find(b"\r\n\r\n")
        if end >= 0:
            head = head[: end + 4]
        new = len(before)  # where the new bytes start; a CR just before is judged now
        return any(
            found.start() >= new or found.start() == new - 1 for found in _BARE.finditer(head)
        )

    def parse_header(self, header_plus: bytes) -> None:
        super().parse_header(header_plus)
        # HTTP/1.1: read as chunked (waitress took Transfer-Encoding out); HTTP/1.0: by
        # its Content-Length (waitress left it in), which a proxy in front may not do
        both = self.chunked or "TRANSFER_ENCODING" in self.headers
        if both and "CONTENT_LENGTH" in self.headers:
            self.headers["CONNECTION"] = "close"  # waitress then closes after the answer
