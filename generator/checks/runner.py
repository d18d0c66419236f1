"""The list of checks and the runner: every finding of every check, acceptances applied."""


from __future__ import annotations

from typing import Callable, Iterable

from ..derive.tables import LaidOut
from ..errors import Finding
from ..validate import Source
from .base import ERROR, Context, Found, accept
from .citations import check_citation_dates, check_document_numbers, check_references
from .dates import check_data_dates, check_notice_dates, check_spans
from .figures import check_rates, check_tables, check_targets
from .prose_figures import check_prose_figures
from .same_figure import check_same_figures
from .rules import check_figure_rules, check_sheet_totals, check_table_rules, check_typed_totals
from .structure import check_appendices, check_outline, check_party_depth, check_typed_numbers
from .placeholders import check_placeholders

Check = Callable[[Context], Iterable[Found]]

CHECKS: list[Check] = [
    check_figure_rules, check_rates, check_data_dates, check_document_numbers, check_citation_dates,
    check_references, check_appendices, check_tables, check_table_rules, check_typed_totals, check_sheet_totals, check_spans, check_targets, check_prose_figures, check_same_figures,
    check_party_depth, check_outline, check_typed_numbers, check_notice_dates, check_placeholders,
]


def run(source: Source, laid: LaidOut, checks: list[Check] | None = None) -> list[Found]:
    """Every finding of every check, acceptances applied, in file order."""
    ctx = Context(source, laid)
    findings = [f for check in (checks or CHECKS) for f in check(ctx)]
    findings += accept(ctx, findings)
    return sorted(findings, key=lambda f: (f.location.line or 0, f.location.column or 0))


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]
