"""`baocao template check` and `baocao template vars`, for the Văn phòng who maintain templates:
check.py finds a template's mistakes (through docxtpl-lint) and speaks of them in Vietnamese;
variables.py lists what a template may use; contract.py is what both read."""
