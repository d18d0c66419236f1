"""The WordprocessingML layer: every element baocao reads or writes, one concern per module.

Modelled on python-docx's `oxml` package: small element-level modules, with the rest of baocao
calling them through a thin API (postprocess.py, compare/) so that XML never leaks upward.

- order: Word's child-element order, declared once; every insertion goes through it.
- runs, styles: runs and paragraphs from parsed prose; the styles they need.
- table, sections, blocks: a table from its layout; sections (appendices); a data-outlined body.
- prose: expanding the render's prose markers into that content.
- footnotes: the footnotes part, through python-docx's public part API.
- numbering: heading numbers written as text in order of appearance.
- reading, parts: a body as a reader sees it (for diff); what header/footer files mean.
- tracked: tracked-change marks (w:ins, w:del).
"""
