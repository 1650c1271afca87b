"""``python -m auditlib.cli``, as before the command line became a package."""
from auditlib.cli import main

raise SystemExit(main())
