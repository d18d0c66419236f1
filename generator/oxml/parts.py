"""What Word's part file names mean to a clerk: "header2" is the header of the pages after the first.

Word names headers and footers header1.xml, header2.xml…; which page each serves is written in the
section properties (w:headerReference w:type="first"/"default"/"even", with w:titlePg). Template
check names a mistake's place by that role.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

_ROLES = {"first": "của trang đầu", "default": "các trang", "even": "các trang chẵn"}


def header_footer_roles(template: Path) -> dict[str, str]:
    """"header2" → "đầu trang các trang sau": what Word's header/footer file names mean to a clerk."""
    with zipfile.ZipFile(template) as z:
        targets = {r.get("Id"): r.get("Target", "") for r in
                   etree.fromstring(z.read("word/_rels/document.xml.rels"))}
        body = etree.fromstring(z.read("word/document.xml"))
    roles: dict[str, str] = {}
    for sect in body.iter(f"{_W}sectPr"):
        title_page = sect.find(f"{_W}titlePg") is not None
        for ref in sect:
            kind = etree.QName(ref).localname
            if kind in ("headerReference", "footerReference"):
                label = targets.get(ref.get(f"{_R}id"), "").rsplit("/", 1)[-1].removesuffix(".xml")
                role = _ROLES.get(ref.get(f"{_W}type"), "")
                if role == "các trang" and title_page:
                    role = "các trang sau"
                roles.setdefault(label, f"{'đầu trang' if kind == 'headerReference' else 'chân trang'} {role}".strip())
    return roles


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
