from legpain_desktop.cli import main

raise SystemExit(main())
