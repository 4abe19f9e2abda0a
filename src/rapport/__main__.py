"""``python -m rapport``: the same front door as the ``rapport`` console script."""

from rapport.cli import main

raise SystemExit(main())
