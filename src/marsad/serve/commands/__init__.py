"""One module per `marsad` subcommand, each with register(subparsers)."""
