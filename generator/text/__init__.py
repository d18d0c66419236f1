"""Text the documents print, written by hand where libraries get Vietnamese wrong: numbers, dates and
periods (vi_format.py), baocao's inline markup (markup.py), citation forms (citations.py), and the
"có phải ý bạn là …?" every message proposes (suggest.py)."""
