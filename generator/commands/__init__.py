"""The front ends: one module per command (cli.py parses and dispatches), each starting from the
one plan (plan.prepare) and never from a copy of the flow."""
