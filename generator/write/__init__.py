"""The last step of the flow: bytes that are the same for the same input (docx.py, xlsx.py), written
atomically, the version a document replaces kept in .truoc/ (history.py); the workbooks of a data
file's tables (tables.py) and the data forms a clerk fills (form.py)."""
