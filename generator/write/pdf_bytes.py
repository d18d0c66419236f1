"""A PDF from LibreOffice made deterministic, and the fonts it uses.

LibreOffice stamps every export with the time of the export: /CreationDate in the document
information, xmp:CreateDate in the XMP metadata (PDF/A), the creation date inside the sRGB colour
profile of a PDF/A's output intent, a random file /ID and (PDF/A) a /DocChecksum. Everything else
it writes is the same for the same .docx (fonts are subset the same way, objects numbered the
same way), so `normalise` replaces exactly those: the dates by the document's own date, the /ID and
checksum by a hash of the rest. Dates and hashes keep their length, so no offset moves; the colour
profile sits in a compressed stream, and when its recompressed length differs the cross-reference
table is moved with it. LibreOffice writes its PDFs with a classic cross-reference table and no
object streams; a file shaped otherwise is returned as it is (still a good PDF, only not byte-stable).

LibreOffice is run in UTC (office.py), so its dates always end in "Z" and their length is fixed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zlib

_INFO_DATE = re.compile(rb"/CreationDate\s*\(D:(\d{14})")
_XMP_DATE = re.compile(rb"<xmp:CreateDate>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
_FILE_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]{32})")
_FONT = re.compile(rb"/(?:BaseFont|FontName)\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9,_-]+)")
_ICC_STREAM = re.compile(rb"(\d+) 0 obj\s*<<(?:(?!>>).)*?/N 3\s*/Length (\d+) 0 R\s*/Filter\s*/FlateDecode\s*>>\s*stream\n",
                         re.S)


def fonts(data: bytes) -> set[str]:
    """The names of the fonts a PDF uses, without a subset's ABCDEF+ prefix."""
    return {m.group(1).decode("ascii") for m in _FONT.finditer(data)}


def normalise(data: bytes, when: dt.datetime) -> bytes:
    """The same PDF with its export dates set to `when` and its /ID and checksum from its content."""
    stamp = when.strftime("%Y%m%d%H%M%S").encode()
    data = _INFO_DATE.sub(lambda m: m.group(0)[:-14] + stamp, data)
    data = _XMP_DATE.sub(lambda m: b"<xmp:CreateDate>" + when.strftime("%Y-%m-%dT%H:%M:%S").encode(), data)
    data = _fix_colour_profiles(data, when)
    blank = _CHECKSUM.sub(lambda m: m.group(0)[:-32] + b"0" * 32, _FILE_ID.sub(b"/ID[]", data))
    digest = hashlib.md5(blank).hexdigest().upper().encode()
    data = _FILE_ID.sub(lambda m: m.group(0).replace(m.group(1), digest).replace(m.group(2), digest), data)
    return _CHECKSUM.sub(lambda m: m.group(0)[:-32] + digest, data)


def _fix_colour_profiles(data: bytes, when: dt.datetime) -> bytes:
    """An ICC profile's header holds its creation time (bytes 24–35, six big-endian numbers)."""
    for match in reversed(list(_ICC_STREAM.finditer(data))):
        length_obj = re.search(rb"\n%s 0 obj\s*(\d+)\s*endobj" % match.group(2), data)
        if length_obj is None:
            continue
        start = match.end()
        end = start + int(length_obj.group(1))
        try:
            profile = bytearray(zlib.decompress(data[start:end]))
        except zlib.error:
            continue
        if profile[36:40] != b"acsp":  # not an ICC profile
            continue
        profile[24:36] = b"".join(v.to_bytes(2, "big") for v in
                                  (when.year, when.month, when.day, when.hour, when.minute, when.second))
        packed = zlib.compress(bytes(profile), 9)
        moved = _splice(data, start, end, packed)
        if moved is None:
            return data
        data = moved
        length_obj = re.search(rb"\n%s 0 obj\s*(\d+)\s*endobj" % match.group(2), data)
        moved = _splice(data, length_obj.start(1), length_obj.end(1), str(len(packed)).encode())
        if moved is None:
            return data
        data = moved
    return data


def _splice(data: bytes, start: int, end: int, new: bytes) -> bytes | None:
    """`data` with bytes start:end replaced by `new`, its cross-reference offsets after `start`
    moved by the change of length; None where the file has no classic table to move."""
    delta = len(new) - (end - start)
    out = data[:start] + new + data[end:]
    if delta == 0:
        return out
    tail = re.search(rb"startxref\s*(\d+)\s*%%EOF\s*$", out)
    if tail is None:
        return None
    xref = int(tail.group(1)) + (delta if int(tail.group(1)) > start else 0)
    if out[xref:xref + 4] != b"xref":
        return None
    table = bytearray(out)
    pos = xref + 4
    while True:
        header = re.compile(rb"\s*(\d+) (\d+)\s*?\r?\n").match(out, pos)
        if header is None:
            break
        pos = header.end()
        for _ in range(int(header.group(2))):
            entry = out[pos:pos + 20]
            if entry[17:18] == b"n" and int(entry[:10]) > start:
                table[pos:pos + 10] = b"%010d" % (int(entry[:10]) + delta)
            pos += 20
    moved = bytes(table)
    tail = re.search(rb"startxref\s*(\d+)\s*%%EOF\s*$", moved)
    return moved[:tail.start(1)] + str(xref).encode() + moved[tail.end(1):]
