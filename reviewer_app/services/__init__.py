"""Use cases: intake, claim, decide, login, audit search, training. Each opens one unit of work."""
