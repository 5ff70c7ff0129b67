"""iCalendar (RFC 5545) files for an event's sessions, attached to confirmation e-mails."""

import datetime

from django.conf import settings
from django.utils import timezone


def _escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(value) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_for(event, url: str = "") -> str:
    now = _utc(timezone.now())
    location = event.place or event.online_url
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//DEKVEP//Events//TR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    host = settings.SITE_URL.split("//")[-1].split("/")[0]
    for session in event.sessions.all():
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.pk}-session-{session.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{_escape(event.title + ' — ' + session.title)}",
            f"LOCATION:{_escape(location)}",
            f"DESCRIPTION:{_escape(event.description)}",
        ]
        if event.online_url or url:
            lines.append(f"URL:{event.online_url or url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
