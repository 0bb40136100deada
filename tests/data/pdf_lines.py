"""PDF files built for the tests, line by line as a typesetter wraps text: several lines per
page, a broken ToUnicode map, a CID font with a Korean (UHC) CMap, no cross-reference table."""

import io
import re

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


def _escape(raw: bytes) -> bytes:
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _stream(writer: PdfWriter, data: bytes):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def make_lines_pdf(lines: list[str], *, to_unicode: bytes | None = None,
                   font: DictionaryObject | None = None, encoding: str = "cp1252",
                   heading: str | None = None) -> bytes:
    """One page: an optional heading in 16 pt, then ``lines`` in 11 pt Helvetica (WinAnsi),
    one text line each, as a typesetter leaves them."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    if font is None:
        font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                 NameObject("/Subtype"): NameObject("/Type1"),
                                 NameObject("/BaseFont"): NameObject("/Helvetica"),
                                 NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    if to_unicode is not None:
        font[NameObject("/ToUnicode")] = _stream(writer, to_unicode)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    ops = [b"BT"]
    if heading is not None:
        ops += [b"/F1 16 Tf 72 740 Td (" + _escape(heading.encode(encoding)) + b") Tj",
                b"0 -28 Td"]
    else:
        ops.append(b"72 720 Td")
    ops.append(b"/F1 11 Tf 14 TL")
    for line in lines:
        ops.append(b"(" + _escape(line.encode(encoding)) + b") Tj T*")
    ops.append(b"ET")
    page[NameObject("/Contents")] = _stream(writer, b"\n".join(ops))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def lone_surrogate_cmap(code: int = 0x41) -> bytes:
    """A ToUnicode CMap that maps one byte to an unpaired high surrogate (U+D83D)."""
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"1 beginbfchar <%02X> <D83D> endbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end\n" % code)


def korean_uhc_font() -> DictionaryObject:
    """A Type0 font with the predefined KSCms-UHC-H CMap and no ToUnicode map."""
    descendant = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/CIDFontType0"),
        NameObject("/BaseFont"): NameObject("/HYSMyeongJo-Medium"),
        NameObject("/CIDSystemInfo"): DictionaryObject({
            NameObject("/Registry"): TextStringObject("Adobe"),
            NameObject("/Ordering"): TextStringObject("Korea1"),
            NameObject("/Supplement"): NumberObject(1)}),
    })
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type0"),
        NameObject("/BaseFont"): NameObject("/HYSMyeongJo-Medium-KSCms-UHC-H"),
        NameObject("/Encoding"): NameObject("/KSCms-UHC-H"),
        NameObject("/DescendantFonts"): ArrayObject([descendant])})


def without_xref(pdf: bytes) -> bytes:
    """The same PDF with its cross-reference table and startxref pointer cut out (the trailer
    dictionary kept), as some producers and truncating tools leave it."""
    pdf = re.sub(rb"xref\n0 \d+\n(?:\d{10} \d{5} [fn] ?\r?\n)+", b"", pdf)
    return re.sub(rb"startxref\s+\d+\s+", b"", pdf)
