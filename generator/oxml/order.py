"""Word's child-element order (ECMA-376 Part 1), declared once for every element baocao inserts into.

Word refuses (or "repairs") a document whose children stand out of schema order, where LibreOffice
often shrugs; so each insertion goes through `insert`, which places a child before the first
existing sibling that the schema puts after it.
"""

from __future__ import annotations

from typing import Sequence

from docx.oxml.ns import qn

# CT_SectPr (17.6.17)
SECT_PR = (
    "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
    "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
    "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
    "w:sectPrChange",
)

# CT_PPr (17.3.1.26): CT_PPrBase, then the paragraph mark's run properties, section, change.
P_PR = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)

# CT_TrPr (17.4.79): its properties are a choice in any order; the revision marks come last.
TR_PR_END = ("w:ins", "w:del", "w:trPrChange")

# The heads of elements whose later children are an open choice: what may stand before the child
# inserted (used with `insert_after`).
P_HEAD = ("w:pPr",)  # CT_P (17.3.1.22): the properties, then runs and other content
ROW_HEAD = ("w:tblPrEx", "w:trPr")  # CT_Row (17.4.78): exceptions, properties, then cells
PARA_RPR_HEAD = ("w:ins", "w:del", "w:moveFrom", "w:moveTo")  # CT_ParaRPr (17.3.1.29): revisions first

# CT_Settings (17.15.1.78)
SETTINGS = (
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts", "w:embedSystemFonts",
    "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
    "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign", "w:attachedTemplate",
    "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
    "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting", "w:documentProtection",
    "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
    "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength",
    "w:clickAndTypeStyle", "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting",
    "w:bookFoldPrinting", "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData", "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne",
    "w:strictFirstAndLastChars", "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema", "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt",
    "w:showXMLTags", "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr",
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)


def insert_after(parent, child, head: Sequence[str]):
    """Insert `child` (a tag of `head`) after the siblings `head` puts before it, else first."""
    tags = [qn(tag) for tag in head]
    earlier = set(tags[:tags.index(child.tag)])
    last = None
    for sibling in parent:
        if sibling.tag in earlier:
            last = sibling
    if last is not None:
        last.addnext(child)
    else:
        parent.insert(0, child)
    return child


def insert(parent, child, sequence: Sequence[str]):
    """Insert `child` into `parent` where `sequence` (the schema's order of parent's children) puts it."""
    tags = [qn(tag) for tag in sequence]
    later = set(tags[tags.index(child.tag) + 1:])
    successor = next((sibling for sibling in parent if sibling.tag in later), None)
    if successor is not None:
        successor.addprevious(child)
    else:
        parent.append(child)
    return child
