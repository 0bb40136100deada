"""Imported by the parser fork server only: one small document of each kind is read there, so
every child forked from it starts with the parsers' lazy set-up already done."""

from __future__ import annotations

from .load import load_bytes

load_bytes(b"<html><head><title>t</title></head><body><article><p>An overseas police "
           b"station in Prato, Italy, was reported.</p></article></body></html>",
           path="warm.html")
load_bytes("据报道，福州警侨事务海外服务站设在荷兰鹿特丹。".encode("gb18030"), path="warm.txt")
