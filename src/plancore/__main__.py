from ._kept import main

raise SystemExit(main())
