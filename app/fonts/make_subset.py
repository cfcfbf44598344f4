"""Build app/fonts/NotoSansSC-Regular-GB2312.ttf once (the committed font; nothing is
downloaded at run time).

Source: Noto Sans CJK SC Regular (SIL Open Font License 1.1, see OFL.txt), face 2 of Debian's
/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc (package fonts-noto-cjk) or the upstream
NotoSansCJKsc-Regular.otf. Kept: ASCII, Latin-1, general punctuation, arrows, maths symbols,
box/geometric shapes, CJK symbols and punctuation, full-width forms, and every character of
GB 2312 (6,763 汉字 + symbols) plus a few extra characters the data and the briefing use. The
CFF outlines are converted to TrueType (quadratic) outlines: with CFF, fpdf2's embedded font made
pypdf/pdfminer (and copy-paste in some viewers) read wrong characters after page 1; with
TrueType every reader extracts the text. vl-convert renders it for the chart PNGs.

    python app/fonts/make_subset.py [SOURCE.ttc|SOURCE.otf]
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
OUT = HERE / "NotoSansSC-Regular-GB2312.ttf"
DEFAULT_SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# Characters outside GB 2312 that place, road and indicator names commonly use.
EXTRA = "䶮堃喆昇珺琤璟玥昱晟淼燊犇骉垚赟鑫镕煜祎祐翀旻钰铖锜邨塬埇堌峁冚氹圳"


def repertoire() -> set[int]:
    cps: set[int] = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    for lo, hi in [(0x2000, 0x206F), (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF),
                   (0x2460, 0x24FF), (0x2500, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x303F),
                   (0xFF00, 0xFFEF)]:
        cps |= set(range(lo, hi + 1))
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    cps |= {ord(c) for c in EXTRA}
    return cps


def load(source: str) -> TTFont:
    if source.endswith(".ttc"):
        for font in TTCollection(source).fonts:
            if font["name"].getDebugName(1) == "Noto Sans CJK SC":
                return font
        raise SystemExit(f"{source} has no 'Noto Sans CJK SC' face")
    return TTFont(source)


def to_truetype(font: TTFont) -> None:
    """Replace the CFF table with glyf/loca (cubic → quadratic, within 1 font unit)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order, glyph_set = font.getGlyphOrder(), font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
                 "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    post.glyphOrder = order
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font.sfntVersion = "\x00\x01\x00\x00"


def main() -> None:
    font = load(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SOURCE)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=repertoire())
    sub.subset(font)
    to_truetype(font)
    font.save(OUT)
    print(f"{OUT.name}: {OUT.stat().st_size / 1e6:.1f} MB, {len(font.getBestCmap())} characters")


if __name__ == "__main__":
    main()
