"""PDF files built for the tests: one with text, one decompression bomb."""

import io
import zlib

from pypdf import PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    StreamObject,
)


def make_pdf(text: str) -> bytes:
    """One page showing ``text`` in Helvetica."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_active_pdf(text: str) -> bytes:
    """A text PDF that also opens with JavaScript and carries an embedded executable."""
    from pypdf import PdfReader
    from pypdf.actions import JavaScript

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(text))))
    writer.add_open_action(JavaScript("app.alert('opened');"))
    writer.add_attachment("payload.exe", b"MZ\x90\x00 an embedded program")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_pdf_bomb() -> bytes:
    """A page whose content stream inflates from ~0.2 MB to 240 MB."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = StreamObject()
    stream._data = zlib.compress(b"0 0 m " * 40_000_000)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
