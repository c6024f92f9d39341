"""`python -m console` runs the same entry point as `beecloud-console`."""

from console.cli import main

raise SystemExit(main())
