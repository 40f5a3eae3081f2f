"""British and American spellings of one word: "aluminium" also finds "aluminum".

A news archive mixes the wire's own spelling with its clients' and sources' (Reuters wrote
"aluminium" 145 times and "aluminum" 89 times in 1987). Porter stemming joins many forms of a
word but not these, so a query word also looks for its other spelling, where the index has it.
"""

from __future__ import annotations

from functools import cache

from whoosh.analysis import Analyzer

# (British, American), as a news archive meets them. Left out: pairs whose other spelling is
# mostly another word ("cheque" and "check", "tyre" and "tire", "kerb" and "curb", "storey" and
# "story", "grey" and the surname Gray).
_PAIRS = """
aluminium aluminum  sulphur sulfur  defence defense  offence offense  licence license
programme program  centre center  theatre theater  fibre fiber  litre liter  metre meter
kilometre kilometer  labour labor  harbour harbor  favour favor  favourable favorable
colour color  honour honor  neighbour neighbor  behaviour behavior  rumour rumor
vigour vigor  endeavour endeavor  organisation organization  privatisation privatization
liberalisation liberalization  nationalisation nationalization  stabilisation stabilization
authorisation authorization  capitalisation capitalization  globalisation globalization
modernisation modernization  rationalisation rationalization  subsidise subsidize
privatise privatize  liberalise liberalize  nationalise nationalize  stabilise stabilize
authorise authorize  recognise recognize  organise organize  realise realize
finalise finalize  criticise criticize  emphasise emphasize  jeopardise jeopardize
minimise minimize  maximise maximize  legalise legalize  analyse analyze  catalogue catalog
jewellery jewelry  oestrogen estrogen  paediatric pediatric  anaesthetic anesthetic
haemorrhage hemorrhage  sceptical skeptical  plough plow  manoeuvre maneuver
"""


@cache
def variants(analyzer: Analyzer) -> dict[str, tuple[str, ...]]:
    """Each indexed form of a listed word, and the indexed forms of its other spellings."""
    words = _PAIRS.split()
    out: dict[str, set[str]] = {}
    for british, american in zip(words[0::2], words[1::2], strict=True):
        forms = {_analysed(analyzer, british), _analysed(analyzer, american)} - {""}
        for form in forms:
            out.setdefault(form, set()).update(forms - {form})
    return {form: tuple(sorted(others)) for form, others in out.items() if others}


def _analysed(analyzer: Analyzer, word: str) -> str:
    return next((token.text for token in analyzer(word)), "")
