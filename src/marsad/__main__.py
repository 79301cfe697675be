from marsad.serve.cli import main

raise SystemExit(main())
