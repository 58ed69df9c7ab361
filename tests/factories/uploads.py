"""What a browser sends: spreadsheets to upload and the organisation form's fields."""

import csv
import io

from openpyxl import Workbook


def csv_bytes(header: list[str], rows: list[list[object]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def form_data(contacts=(), initial_contacts=0, **fields) -> dict[str, str]:
    """What the browser posts for the organisation form and its contacts formset."""
    data = {
        "name": "",
        "name_en": "",
        "credit_code": "",
        "kind": "enterprise",
        "region": "",
        "industry": "",
        "size": "",
        "founded_on": "",
        "website": "",
        "description": "",
        "contacts-TOTAL_FORMS": str(len(contacts)),
        "contacts-INITIAL_FORMS": str(initial_contacts),
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }
    for index, contact in enumerate(contacts):
        for key, value in contact.items():
            data[f"contacts-{index}-{key}"] = value
    return data | {key: str(value) for key, value in fields.items()}
