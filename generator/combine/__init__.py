"""Combining many units' reports (tổng hợp): what `baocao tong-hop` computes, step by step.

    listing.py    the declared list: the period, the combining body, the units expected to report
    unit.py       one unit's data file through plan.prepare (the one door), its tables' figures
                  taken out as plain data (a worker's result: small, picklable)
    sums.py       the units matched to the list, their tables' rows matched by code (or by the first
                  text column, as derive/matching.py matches periods) and their counts summed; a
                  breakdown with a row per unit; who is missing, late with another period, or wrong
    data_file.py  the combination written as a data file: the superior's report takes its tables
                  with `lay_tu` and cites them with [=…]; it builds as a document of its own, so
                  `baocao diff` between two combinations shows which unit changed what

Only counts are summed. Every computed column (totals, differences, rates, Tăng/giảm, STT and the
TỔNG CỘNG row) is left to be computed again from the sums when the combination is laid out, so a
rate is the rate of the summed counts, never an average of the units' rates; Tăng/giảm compares
with the sum of the units' own previous-period figures. The step reads plans and writes data (text):
it sits above plan.py, beside produce.py, and knows nothing of processes or of the command line.
"""
