"""Fetch feed URLs with feedparser (Debian's python3-feedparser) and print what it understood, as JSON.

One URL prints that feed's result; several print an object of results keyed by URL."""
import calendar
import json
import sys

import feedparser


def seconds(parsed):
    return calendar.timegm(parsed) if parsed else None


def links(items):
    return [{"rel": l.get("rel"), "href": l.get("href"), "type": l.get("type"), "length": l.get("length")}
            for l in items]


def podcast_fields(d):
    """What podcast apps built on feedparser read: its itunes_* and podcast_* keys, the artwork and owner."""
    out = {k: v for k, v in d.items() if k.startswith("itunes_") or k.startswith("podcast_")}
    if d.get("image"):
        out["image"] = d["image"].get("href")
    if d.get("publisher_detail"):
        out["publisher"] = dict(d["publisher_detail"])
    return out


def dump(url):
    result = feedparser.parse(url)
    return {
        "content_type": result.get("headers", {}).get("content-type"),
        "podcast": podcast_fields(result.feed),
        "categories": [[t.get("scheme"), t.get("term")] for t in result.feed.get("tags", [])],
        "bozo": bool(result.get("bozo")),
        "bozo_exception": str(result.get("bozo_exception", "")),
        "status": result.get("status"),
        "version": result.get("version"),
        "title": result.feed.get("title"),
        "link": result.feed.get("link"),
        "links": links(result.feed.get("links", [])),
        "entries": [{
            "id": e.get("id"),
            "link": e.get("link"),
            "title": e.get("title"),
            "published": seconds(e.get("published_parsed")),
            "updated": seconds(e.get("updated_parsed")),
            "tags": [t.get("term") for t in e.get("tags", [])],
            "summary": e.get("summary"),
            "enclosures": [{"href": x.get("href"), "type": x.get("type"), "length": x.get("length")}
                           for x in e.get("enclosures", [])],
            "podcast": podcast_fields(e),
            "authors": [a.get("name") for a in e.get("authors", [])],
        } for e in result.entries],
    }


urls = sys.argv[1:]
print(json.dumps(dump(urls[0]) if len(urls) == 1 else {url: dump(url) for url in urls}))
