from annexsite.cli import main

raise SystemExit(main())
