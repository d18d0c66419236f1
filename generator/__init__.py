"""baocao: official Vietnamese administrative documents (.docx) from one YAML file of period data.

THE FLOW, and where each step lives (lower layers never import higher ones; no import cycles):

    read/      load the YAML, remembering every value's line and column (Positions)
    validate/  the data-file format: value types, shared models, outlines, table kinds
               (templates/bang.yaml) and table rows; pydantic errors in Vietnamese → Source
    derive/    what the data does not type: table figures, layouts, rates, changes; issuer
    kinds/     one package per kind of document (report, notice, party): its model, its
               template context, its template and properties; the root model DuLieu
    checks/    figures, dates, citations and structure checked on the typed model
    plan.py    THE ONE DOOR: prepare(path) → Plan (source, previous period, laid-out tables,
               findings, one DocumentPlan per document, watched files); every command starts here
               (`bieu` through prepare_tables: the tables, even while figures are blank)
    render/    docxtpl in a sandbox; prose set aside behind markers
    oxml/      every WordprocessingML element read or written (python-docx's oxml in spirit)
    postprocess.py  the thin API over oxml: expand prose, footnotes, heading numbers
    produce.py render → post-process → bytes, for a DocumentPlan
    combine/   `tong-hop`: many units' plans → their figures summed → one data file a superior's
               report takes tables from (lay_tu)
    write/     deterministic zip bytes, atomic writes, earlier versions kept in .truoc/
    commands/  the front ends (cli parses; build, check, diff, template, watch, tong_hop; pool runs
               many data files in worker processes)
    compare/   `diff`: a document read as a reader sees it, aligned, marked as tracked changes
    lint/      `template check` and `template vars`
    text/      Vietnamese numbers, dates and periods; inline markup; citation forms; suggestions

GLOSSARY: the data file's words (Vietnamese, what a clerk types) and the code's names (English).

    bao_cao (bc in templates)      the CCHC report, kind `report` (kinds/report)
    thong_bao (tb)                 a conclusion notice, kind `notice`
    bao_cao_dang (bcd)             a Party committee's report, kind `party`
    co_quan (cq), nguoi_ky (nk)    the issuing body (`issuer`), the signer
    ky                             the reporting period (`period`: vi_format.Ky, as_period())
    ky_truoc, kt, so_lieu_ky_truoc the previous period: its data file, its context in templates,
                                   a row's figures typed directly — all `previous` in the code;
                                   a column's `ky_truoc` in bang.yaml: carried over (`carry`)
    so_voi (Tăng (+)/giảm (-))     a change against the previous period (`Change`)
    ty_le, tong, hieu              a rate (`Rate`), a sum (`total`), a difference
    bang, kieu, dong, cot, ma      a table (`Table`), its kind (`TableKind`), rows (`Row`),
                                   columns (`Column`), a table's/row's/column's code
    [=bang.dong.cot]               a figure cited in prose or linked from a cell (`Figures.cite`)
    noi_dung, muc, phu_luc         an outline written in the data: content, sections, appendices
    van_ban, [@key]                the registry of cited documents, a citation (`Citer`)
    chap_nhan                      an accepted finding (`accept` in checks/base.py)
    tong_hop, danh_sach, don_vi    a combination of many units' reports (`Combination`), the list of
                                   units expected (`Listing`), a unit (`UnitFigures`, `UnitStatus`)
    lay_tu                         a table's rows taken from a table of another data file
    mau, ten_tep                   a document's own template, its output file name
    kiem_tra                       a check's code (checks/codes.py)
    Finding / UserError            a located Vietnamese message / the exception carrying them
    DocumentKind / TableKind       a kind of document (kinds/base.py) / a kind of table
"""
