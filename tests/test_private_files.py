"""The console's own folders as the user's home may hold them (console/private_files.py)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from console.private_files import private_folder


@pytest.mark.parametrize("through", [None, "twin"])
def test_a_folder_linked_to_itself_is_said_to_lead_round_in_a_circle(
    tmp_path: Path, through: str | None
) -> None:
    """`ln -s beecloud-console ~/.local/share/beecloud-console` (or through another
    link): it was said as "a file of that name is in the way", sending the clerk to look
    for a file that is not there."""
    loop = tmp_path / "beecloud-console"
    if through is None:
        loop.symlink_to(loop.name)
    else:
        loop.symlink_to(through)
        (tmp_path / through).symlink_to(loop.name)
    with pytest.raises(OSError) as refused:
        private_folder(loop)
    assert refused.value.errno == errno.ELOOP
    assert refused.value.filename == str(loop)
