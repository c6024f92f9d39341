"""The bundle's entry point (PyInstaller needs a script): the `beecloud-console` command."""

import sys

from console.cli import main

if __name__ == "__main__":
    sys.exit(main())
