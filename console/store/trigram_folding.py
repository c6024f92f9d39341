"""Case folding as the history mirror's search index does it, for the matches made
without it.

The FTS5 trigram tokenizer (case_sensitive 0, remove_diacritics 0: the mirror's) folds
each character to one other by SQLite's own table (fts5_unicode2.c), not by Python's
lower() or casefold(): "Ü" to "ü", "É" to "é", "ſ" (long s) to "s", "ς" to "σ", and
no character to more than one ("ß" stays, "İ" stays, letters of most scripts outside
the Basic Multilingual Plane stay). A word too short for trigrams, or one searched
for by walking the rows, is matched with LIKE when LIKE's folds (ASCII letters only)
are the index's for each of its characters, else with GLOB (case-sensitive) and a
character class for each character that the index folds together with others
(`[Üü]`): it then matches exactly where the index would. tests/test_mirror.py checks
the table against the tokenizer of the SQLite in use, character by character.

Before that, both a title and a word searched for are made `narrow`: the full-width
forms of ASCII's printable characters (U+FF01..U+FF5E: "ＶＩＰ", "１２", "，") and the
full stop "。" as the ASCII ones, which an input method types in full-width mode, so
that either form finds either (the tokenizer folds "Ａ" to "ａ" only, never to "a").
"""

from __future__ import annotations

# SQLite's folds, as runs: "41+32*26" folds the 26 characters from U+0041 each to the
# one 32 after it; "100+1*24/2" the 24 characters U+0100, U+0102, ... each to the next.
# (U+FFFE and U+FFFF become U+FFFD when SQLite reads UTF-8, as GLOB does too.)
_RUNS = """
41+32*26 b5+775 c0+32*23 d8+32*7 100+1*24/2 132+1*3/2 139+1*8/2 14a+1*23/2 178-121
179+1*3/2 17f-268 181+210 182+1*2/2 186+206 187+1 189+205*2 18b+1 18e+79 18f+202 190+203
191+1 193+205 194+207 196+211 197+209 198+1 19c+211 19d+213 19f+214 1a0+1*3/2 1a6+218
1a7+1 1a9+218 1ac+1 1ae+218 1af+1 1b1+217*2 1b3+1*2/2 1b7+219 1b8+1 1bc+1 1c4+2 1c5+1
1c7+2 1c8+1 1ca+2 1cb+1*9/2 1de+1*9/2 1f1+2 1f2+1*2/2 1f6-97 1f7-56 1f8+1*20/2 220-130
222+1*9/2 23a+10795 23b+1 23d-163 23e+10792 241+1 243-195 244+69 245+71 246+1*5/2
345+116 370+1*2/2 376+1 386+38 388+37*3 38c+64 38e+63*2 391+32*17 3a3+32*9 3c2+1 3cf+8
3d0-30 3d1-25 3d5-15 3d6-22 3d8+1*12/2 3f0-54 3f1-48 3f4-60 3f5-64 3f7+1 3f9-7 3fa+1
3fd-130*3 400+80*16 410+32*32 460+1*17/2 48a+1*27/2 4c0+15 4c1+1*7/2 4d0+1*44/2
531+48*38 10a0+7264*38 10c7+7264 10cd+7264 1e00+1*75/2 1e9b-58 1e9e-7615 1ea0+1*48/2
1f08-8*8 1f18-8*6 1f28-8*8 1f38-8*8 1f48-8*6 1f59-8*4/2 1f68-8*8 1f88-8*8 1f98-8*8
1fa8-8*8 1fb8-8*2 1fba-74*2 1fbc-9 1fbe-7173 1fc8-86*4 1fcc-9 1fd8-8*2 1fda-100*2
1fe8-8*2 1fea-112*2 1fec-7 1ff8-128*2 1ffa-126*2 1ffc-9 2126-7517 212a-8383 212b-8262
2132+28 2160+16*16 2183+1 24b6+26*26 2c00+48*47 2c60+1 2c62-10743 2c63-3814 2c64-10727
2c67+1*3/2 2c6d-10780 2c6e-10749 2c6f-10783 2c70-10782 2c72+1 2c75+1 2c7e-10815*2
2c80+1*50/2 2ceb+1*2/2 2cf2+1 a640+1*23/2 a680+1*12/2 a722+1*7/2 a732+1*31/2 a779+1*2/2
a77d-35332 a77e+1*5/2 a78b+1 a78d-42280 a790+1*2/2 a7a0+1*5/2 a7aa-42308 ff21+32*26
fffe-1 ffff-2 10400+40*40
"""


def _folds(runs: str) -> dict[int, int]:
    folds: dict[int, int] = {}
    for run in runs.split():
        rest, _, every = run.partition("/")
        rest, _, count = rest.partition("*")
        sign = "+" if "+" in rest else "-"
        first, _, offset = rest.partition(sign)
        step = int(every or 1)
        start = int(first, 16)
        for code in range(start, start + int(count or 1) * step, step):
            folds[code] = code + int(sign + offset)
    return folds


FOLDS = _folds(_RUNS)  # code point -> the one the index folds it to (str.translate's form)


# The full-width forms, and an input method's full stop "。", which is none but stands
# for "." as they do ("雨伞，黑色。" and "Lamp, red." are found by either).
_NARROW = {0xFF01 + offset: 0x21 + offset for offset in range(0x5E)} | {0x3002: 0x2E}


def narrow(text: str) -> str:
    """The text with the full-width forms of ASCII's printable characters, and "。", as
    ASCII."""
    return text.translate(_NARROW)


def fold(text: str) -> str:
    """The text as the trigram index sees it."""
    return text.translate(FOLDS)


def _classes() -> dict[str, str]:
    together: dict[int, set[int]] = {}
    for code, folded in FOLDS.items():
        together.setdefault(folded, {folded}).add(code)
    return {chr(folded): "".join(map(chr, sorted(codes))) for folded, codes in together.items()}


# A folded character -> every character folded to it, itself included (a GLOB class).
_CLASSES = _classes()
_GLOB_SPECIAL = "*?["
# The ASCII characters that no character outside ASCII is folded together with: all
# but "k" and "s" (and their capitals), with which KELVIN SIGN and LONG S are.
_LIKE_EXACT = frozenset(
    chr(code)
    for code in range(1, 128)
    if all(member.isascii() for member in _CLASSES.get(fold(chr(code)), ""))
)


def like_pattern(word: str) -> str | None:
    """A LIKE pattern (escaped with "\\") that matches a text containing the word with
    the index's folds, when LIKE can: LIKE folds ASCII letters only, so for a word of
    ASCII characters that no other character is folded together with. (One LIKE finds
    either case of a letter in one pass: faster than GLOB's patterns.) None for any
    other word."""
    if not all(character in _LIKE_EXACT for character in word):
        return None
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def glob_patterns(word: str) -> list[str]:
    """GLOB patterns that together match a text containing the word with the index's
    folds, a character class for each character folded together with others: one
    pattern for each character its first is folded together with, since GLOB finds
    a pattern that begins with one character fast (a string search), and one that
    begins with a class slowly (tried at every place of the text)."""
    if not word:
        return ["*"]
    rest = "".join(map(_glob_character, word[1:]))
    together = _CLASSES.get(fold(word[0]))
    if together is None:
        return [f"*{_glob_character(word[0])}{rest}*"]
    return [f"*{character}{rest}*" for character in together]


def _glob_character(character: str) -> str:
    together = _CLASSES.get(fold(character))
    if together is not None:
        return f"[{together}]"
    return f"[{character}]" if character in _GLOB_SPECIAL else character
