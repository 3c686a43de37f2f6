from kpureport.cli import main

raise SystemExit(main())
