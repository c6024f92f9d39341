"""console/api/ca_bundles.py: a bundle that cannot be read is said as such, and a verdict
is never kept past a change of the file (its permissions included)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from console.api.ca_bundles import MISSING, NO_CERTIFICATE, UNREADABLE, bundle_problem
from tests.tls_support import make_self_signed

ROOT = Path(__file__).resolve().parent.parent

# Asks bundle_problem of a path twice, as a user who is not root (root reads any file):
# the file unreadable, then made readable again.
SCRIPT = """
import os, sys
from console.api.ca_bundles import bundle_problem
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
path = sys.argv[1]
print(bundle_problem(path))
os.chmod(path, 0o644)
print(bundle_problem(path))
"""


def test_a_bundle_that_cannot_be_read_is_said_so_and_not_kept_once_readable() -> None:
    """A bundle of mode 000 (copied from another account, a mistaken chmod) was said not
    to exist, and that verdict, kept by its path, size and time of change, stood after
    a chmod made it readable: the console refused until it was started again."""
    folder = Path(tempfile.mkdtemp())  # (pytest's own folders are the tester's alone)
    try:
        folder.chmod(0o755)
        certificate, _key = make_self_signed(folder)
        certificate.chmod(0o000)
        if os.geteuid() == 0:
            os.chown(certificate, 65534, 65534)  # its owner may chmod it back
        said = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(certificate)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        shutil.rmtree(folder)
    assert said.returncode == 0, said.stderr
    assert said.stdout.split() == [UNREADABLE, "None"]


def test_each_kind_of_bundle(tmp_path: Path) -> None:
    certificate, _key = make_self_signed(tmp_path)
    assert bundle_problem(str(certificate)) is None
    assert bundle_problem(str(tmp_path)) is None  # a folder of certificates
    assert bundle_problem(str(tmp_path / "gone.pem")) == MISSING
    empty = tmp_path / "empty.pem"
    empty.write_bytes(b"")
    assert bundle_problem(str(empty)) == NO_CERTIFICATE
    empty.write_bytes(certificate.read_bytes())  # the same file, now a bundle
    assert bundle_problem(str(empty)) is None
