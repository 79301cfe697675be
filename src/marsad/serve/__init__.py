"""serve: the CLI, the JSON contract, the REST API and the web page."""
