"""`baocao check`: catch wrong figures, dates and citations before anyone signs.

The checks run inside the one preparation of a data file (plan.prepare), after validation (so every
value is well typed) and after the tables are laid out (so table checks read the figures the
document prints). Each check is a function `check(ctx) -> Iterable[Found]` listed in CHECKS; its
findings are located at the YAML line and column of the value they concern. Check codes are stable
(codes.py): `kiem_tra` in `chap_nhan` and in `baocao check --json`.
"""
