"""Step 3 of the flow: what the data does not type. Table figures by reference (figures.py), the
printed layout of a table (table_layout.py), every table of a file laid out once (tables.py), the
values baocao computes and how they print (values.py), the issuing body's derived parts (issuer.py)."""
