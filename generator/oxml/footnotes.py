"""The footnotes part (word/footnotes.xml): real Word footnotes, never passed through Jinja.

Footnotes already in the template (written in Word) are kept; baocao's take ids after theirs, in
order of appearance. Word and LibreOffice number footnotes by position, so the visible numbers
follow the order of appearance either way. The part's relationship, content type, separator
footnotes, the two footnote styles and settings.xml's w:footnotePr are added as Word adds them.

python-docx has no footnotes part of its own and loads an existing one as a plain part (bytes); a
plain part is replaced here by an XML part of the same name through python-docx's public
relationship API, so the XML can be edited in place and is saved from the element tree.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from ..text import markup
from . import order
from .runs import References, run
from .styles import FOOTNOTE_REFERENCE, FOOTNOTE_TEXT, ensure_footnote_styles

_SEPARATORS = (
    f'<w:footnote {nsdecls("w")} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
    f'<w:footnote {nsdecls("w")} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
    'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
)


def part(document, *, create: bool = False) -> XmlPart | None:
    """The document's footnotes part as XML (None when it has none and `create` is false)."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype != RT.FOOTNOTES or rel.is_external:
            continue
        found = rel.target_part
        if isinstance(found, XmlPart):
            return found
        xml_part = XmlPart(found.partname, found.content_type, parse_xml(found.blob), found.package)
        document.part.drop_rel(rel_id)  # an implicit relationship: nothing in document.xml names its id
        document.part.relate_to(xml_part, RT.FOOTNOTES)
        return xml_part
    if not create:
        return None
    root = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}>{''.join(_SEPARATORS)}</w:footnotes>")
    new = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, root, document.part.package)
    document.part.relate_to(new, RT.FOOTNOTES)
    return new


def write(document, references: References) -> None:
    """Write a footnote for each reference (placed by the prose and table writers), in order."""
    if not references:
        return
    root = part(document, create=True).element
    first_id = max([0, *(int(f.get(qn("w:id"))) for f in root.findall(qn("w:footnote")))]) + 1
    for k, (ref, note) in enumerate(references, start=first_id):
        ref.set(qn("w:id"), str(k))
        root.append(_footnote_element(k, note))
    ensure_footnote_styles(document)
    _ensure_settings(document)


def by_id(document) -> dict[str, object]:
    """The document's footnotes (w:footnote elements) by id; separators included."""
    found = part(document)
    if found is None:
        return {}
    return {fn.get(qn("w:id")): fn for fn in found.element.iterchildren(qn("w:footnote"))}


def drop_unreferenced(document) -> None:
    """Remove the footnotes no reference in the body points to any longer."""
    found = part(document)
    if found is None:
        return
    used = {r.get(qn("w:id")) for r in document.element.body.iter(qn("w:footnoteReference"))}
    for note in found.element.findall(qn("w:footnote")):
        if note.get(qn("w:type")) is None and note.get(qn("w:id")) not in used:
            found.element.remove(note)


def _footnote_element(note_id: int, note: markup.Footnote):
    fn = OxmlElement("w:footnote")
    fn.set(qn("w:id"), str(note_id))
    for k, inlines in enumerate(note.paragraphs):
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        ppr.style = FOOTNOTE_TEXT
        p.append(ppr)
        if k == 0:
            mark = OxmlElement("w:r")
            rpr = OxmlElement("w:rPr")
            rpr.style = FOOTNOTE_REFERENCE
            mark.append(rpr)
            mark.append(OxmlElement("w:footnoteRef"))
            p.append(mark)
            p.append(run(" ", None))
        for text in inlines:
            p.append(run(text.text, None, bold=text.bold, italic=text.italic))
        fn.append(p)
    return fn


def _ensure_settings(document) -> None:
    """Word lists the separator footnotes in settings.xml (w:footnotePr), as it does itself."""
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
        order.insert(settings, pr, order.SETTINGS)
