"""``web_link``: a stored URL as a link target only when it is http or https. A WARC record's
target URI or a feed's link can be ``javascript:`` or ``data:``; such a URL is shown as text,
never made a link."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def web_link(url: object) -> str:
    text = str(url or "").strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    return text if scheme in ("http", "https") else ""
