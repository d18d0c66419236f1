"""Word refuses ("unreadable content") files whose property elements break the schema's order.

LibreOffice is lenient, so converting with it proves nothing here: this test checks,
in every XML part baocao writes or changes, that the children of the property
elements appear in the order ECMA-376 Part 1 prescribes and that none is repeated.
"""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from conftest import W

SEQUENCES = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
           "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
           "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
           "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
           "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
           "cs em lang eastAsianLayout specVanish oMath rPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
             "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark "
            "headers cellIns cellDel cellMerge tcPrChange",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
              "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings "
              "sectPrChange",
    "settings": "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
                "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
                "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins "
                "alignBordersAndEdges bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop "
                "hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState formsDesign "
                "attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
                "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
                "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
                "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
                "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting "
                "bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing "
                "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
                "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
                "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
                "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
                "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
                "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
                "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids "
                "mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
                "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary "
                "shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator",
}
REPEATABLE = {"headerReference", "footerReference", "activeWritingStyle", "attachedSchema", "smartTagType"}
PARTS = ["word/document.xml", "word/styles.xml", "word/footnotes.xml", "word/settings.xml",
         "word/header1.xml", "word/header2.xml"]


def violations(root) -> list[str]:
    found = []
    for parent_name, sequence in SEQUENCES.items():
        order = {name: k for k, name in enumerate(sequence.split())}
        for parent in root.iter(f"{W}{parent_name}"):
            names = [etree.QName(c).localname for c in parent if isinstance(c.tag, str)]
            ranks = [order.get(n, -1) for n in names]
            if -1 in ranks and parent_name != "settings":
                found.append(f"{parent_name}: unknown child {names[ranks.index(-1)]}")
            known = [r for r in ranks if r >= 0]
            if known != sorted(known):
                found.append(f"{parent_name}: out of order {names}")
            repeated = {n for n in names if names.count(n) > 1 and n not in REPEATABLE}
            if repeated:
                found.append(f"{parent_name}: repeated {sorted(repeated)}")
    return found


# Seed 002 has no footnotes, so its package has no footnotes part (test_tables checks that).
CASES = [(which, part) for which in ("sample_docx", "docx_001", "docx_002") for part in PARTS
         if (which, part) != ("docx_002", "word/footnotes.xml")]


@pytest.mark.parametrize("which, part", CASES)
def test_generated_parts_follow_the_schema_order(request, which, part):
    with zipfile.ZipFile(request.getfixturevalue(which)) as z:
        if part not in z.namelist():
            pytest.fail(f"{part} missing from the package")
        assert violations(etree.fromstring(z.read(part))) == []


def test_the_check_catches_a_misordered_table(sample_docx):
    with zipfile.ZipFile(sample_docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    tbl_pr = next(root.iter(f"{W}tblPr"))
    tbl_pr.append(tbl_pr[0].__copy__())  # a repeated, misplaced first child
    assert violations(root)
