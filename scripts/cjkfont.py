#!/usr/bin/env python3
"""Regenerates the Chinese font of the window (package ui/look).

Cuts Noto Sans CJK SC (Regular and Bold, from Debian's fonts-noto-cjk) to
the characters the window needs, so the binary stays small:

  - GB 2312 level 1: the 3,755 most common hanzi (rows 16-55 of GB 2312);
  - every character of the translations (ui/i18n/translations/*.json)
    and of the guides (ui/guide/*.md);
  - ASCII, Latin-1, general punctuation, CJK symbols and punctuation,
    full-width forms and the arrows and signs the labels use.

Needs: apt-get install fonts-noto-cjk python3-fonttools (Debian's python3)
Run from the repository root: python3 scripts/cjkfont.py
(or FONT_DIR=DIR python3 scripts/cjkfont.py with the .ttc files in DIR)
The fonts are under the SIL Open Font License 1.1 (ui/look/fonts/OFL.txt).
"""
import glob
import json
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

# FONT_DIR: where fonts-noto-cjk's collections are (installed, or unpacked
# with dpkg-deb -x from `apt-get download fonts-noto-cjk`).
FONT_DIR = os.environ.get("FONT_DIR", "/usr/share/fonts/opentype/noto")
SOURCES = {
    "Regular": os.path.join(FONT_DIR, "NotoSansCJK-Regular.ttc"),
    "Bold": os.path.join(FONT_DIR, "NotoSansCJK-Bold.ttc"),
}
OUT = "ui/look/fonts/NotoSansSC-{}.subset.otf"


def gb2312_level1():
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # the end of row 55 is empty
    return chars


def translation_chars():
    chars = set()

    def walk(v):
        if isinstance(v, str):
            chars.update(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                chars.update(k)
                walk(x)

    for path in sorted(glob.glob("ui/i18n/translations/*.json")):
        with open(path, encoding="utf-8") as f:
            walk(json.load(f))
    for path in sorted(glob.glob("ui/guide/*.md")):
        with open(path, encoding="utf-8") as f:
            chars.update(f.read())
    return chars


def ranges(*spans):
    return {chr(c) for a, b in spans for c in range(a, b + 1)}


def main():
    level1 = gb2312_level1()
    if len(level1) != 3755:
        sys.exit("GB 2312 level 1 has %d characters, want 3755" % len(level1))
    chars = level1 | translation_chars() | ranges(
        (0x20, 0x7E), (0xA0, 0xFF),  # ASCII, Latin-1
        (0x2010, 0x206F),  # general punctuation (– — ‘ ’ “ ” … ‰)
        (0x2190, 0x2199),  # arrows
        (0x2200, 0x2265),  # ∑ − √ ∞ ≈ ≠ ≤ ≥
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0xFF01, 0xFF5E),  # full-width forms
    )
    text = "".join(sorted(chars))
    for style, src in SOURCES.items():
        coll = TTCollection(src)
        index = next(i for i, f in enumerate(coll.fonts)
                     if f["name"].getDebugName(1) == "Noto Sans CJK SC"
                     or f["name"].getDebugName(16) == "Noto Sans CJK SC")
        opts = subset.Options()
        opts.font_number = index
        opts.name_IDs = ["*"]  # keep the copyright and licence names
        opts.name_languages = ["*"]
        # the default layout features less those that only pull in forms
        # the window never shows: other languages' glyphs (locl) and
        # vertical writing (vert, vrt2)
        opts.layout_features = [f for f in opts.layout_features if f not in ("locl", "vert", "vrt2")]
        opts.hinting = False
        opts.desubroutinize = False
        font = subset.load_font(src, opts)
        sub = subset.Subsetter(opts)
        sub.populate(text=text)
        sub.subset(font)
        out = OUT.format(style)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        subset.save_font(font, out, opts)
        print("%s: %d characters, %d glyphs, %d bytes" % (
            out, len(chars), len(font.getGlyphOrder()), os.path.getsize(out)))


if __name__ == "__main__":
    main()
