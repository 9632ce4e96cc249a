"""Writes the air passengers sample as .xlsx (openpyxl) and .ods (odfpy)
with pandas: workbooks from writers other than excelize and our own, for
forecast/tsdata's workbook tests. Run from the repository root:

    /usr/bin/python3 scripts/sheetfixtures_pandas.py
"""
import pandas as pd

df = pd.read_csv("sampledata/data/air_passengers_monthly.csv", parse_dates=["month"])
for ext, engine in (("xlsx", "openpyxl"), ("ods", "odf")):
    path = f"forecast/tsdata/testdata/air_passengers_pandas.{ext}"
    with pd.ExcelWriter(path, engine=engine) as w:
        # a title above the table, as people write them
        pd.DataFrame({"t": ["Air passengers (pandas " + engine + ")"]}).to_excel(w, sheet_name="Data", index=False, header=False)
        df.to_excel(w, sheet_name="Data", index=False, startrow=2)
    print("wrote", path)
