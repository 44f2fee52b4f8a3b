"""How `kb serve` meets the network: waitress with bounded connections, its own error
responses, the access log, Range requests, and a drain on SIGTERM."""
