"""Step 1 of the flow: reading what a clerk wrote, remembering where each value stands. The YAML data
file with positions (loader.py), the workbooks tables may read from (workbook.py), and whether a file
a command is given is there at all (files.py)."""
