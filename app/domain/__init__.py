"""Plans, phases, resource lines and the rules they must keep; no I/O and no Qt."""
