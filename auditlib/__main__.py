from auditlib.cli import main

raise SystemExit(main())
