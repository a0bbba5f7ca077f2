"""Fetch a feed URL with feedparser (Debian's python3-feedparser) and print what it understood, as JSON."""
import calendar
import json
import sys

import feedparser


def seconds(parsed):
    return calendar.timegm(parsed) if parsed else None


result = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": bool(result.get("bozo")),
    "bozo_exception": str(result.get("bozo_exception", "")),
    "status": result.get("status"),
    "version": result.get("version"),
    "title": result.feed.get("title"),
    "link": result.feed.get("link"),
    "entries": [{
        "id": e.get("id"),
        "link": e.get("link"),
        "title": e.get("title"),
        "published": seconds(e.get("published_parsed")),
        "updated": seconds(e.get("updated_parsed")),
        "tags": [t.get("term") for t in e.get("tags", [])],
        "summary": e.get("summary"),
    } for e in result.entries],
}))
