"""The reviewer service: the one process that holds the database URL and the keys, serving the desks over HTTP(S).

`version` and `schemas` are the contract shared with the client (`reviewer_app.client`) and import neither the
database nor the services; `app`, `sessions`, `idempotency` and `server` are the server side.
"""
