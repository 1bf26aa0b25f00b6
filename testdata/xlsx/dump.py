#!/usr/bin/env python3
"""Dumps every sheet of a workbook as openpyxl reads it, as JSON on standard output.

Used by budget's workbook test (cmd/budget/export_xlsx_test.go) as a reader budget did not
write: Debian's python3-openpyxl. Each cell is [value, formula, number format]: value the cached
value (a number as a JSON number, text as a string, null for an empty cell), formula the cell's
formula text or null. Each sheet has its name, its frozen panes, its columns' widths, whether it
is the selected one, and its print layout.
"""
import json
import sys

import openpyxl

path = sys.argv[1]
values = openpyxl.load_workbook(path, data_only=True)
formulas = openpyxl.load_workbook(path, data_only=False)
out = {"sheets": []}
for ws in values.worksheets:
    fs = formulas[ws.title]
    rows = []
    for row, frow in zip(ws.iter_rows(), fs.iter_rows()):
        cells = []
        for c, fc in zip(row, frow):
            v = c.value
            if isinstance(v, bool) or not isinstance(v, (int, float, str, type(None))):
                v = str(v)
            f = fc.value if fc.data_type == "f" else None
            cells.append([v, f, c.number_format, c.data_type])
        rows.append(cells)
    out["sheets"].append({
        "name": ws.title,
        "freeze": ws.freeze_panes,
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "rows": rows,
        "selected": bool(ws.sheet_view.tabSelected),
        "layout": {
            "orientation": ws.page_setup.orientation,
            "fitToWidth": ws.page_setup.fitToWidth,
            "fitToHeight": ws.page_setup.fitToHeight,
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        },
    })
json.dump(out, sys.stdout, ensure_ascii=False)
