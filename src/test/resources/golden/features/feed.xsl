<?xml version="1.0" encoding="UTF-8"?>
<!--
  Gazette: renders an RSS 2.0 or Atom 1.0 feed as a readable page when a
  browser opens it. XSLT 1.0, no JavaScript. Entry text is shown as plain
  text only (summaries, never the full HTML content).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="atom content dc">

  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <!-- ===================================================================
       The page
       =================================================================== -->
  <xsl:template match="/">
    <xsl:variable name="rss" select="/rss/channel"/>
    <xsl:variable name="atom" select="/atom:feed"/>

    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="$rss">
          <xsl:value-of select="normalize-space($rss/title)"/>
        </xsl:when>
        <xsl:when test="$atom">
          <xsl:call-template name="text-construct">
            <xsl:with-param name="node" select="$atom/atom:title"/>
          </xsl:call-template>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="page-title">
      <xsl:choose>
        <xsl:when test="normalize-space($title) != ''">
          <xsl:value-of select="normalize-space($title)"/>
        </xsl:when>
        <xsl:otherwise>Web feed</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <xsl:variable name="lang">
      <xsl:choose>
        <xsl:when test="normalize-space($rss/language) != ''">
          <xsl:value-of select="normalize-space($rss/language)"/>
        </xsl:when>
        <xsl:when test="normalize-space($atom/@xml:lang) != ''">
          <xsl:value-of select="normalize-space($atom/@xml:lang)"/>
        </xsl:when>
        <xsl:otherwise>en</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <xsl:variable name="self"
        select="normalize-space(($rss/atom:link[@rel = 'self'] | $atom/atom:link[@rel = 'self'])[1]/@href)"/>

    <xsl:variable name="description">
      <xsl:choose>
        <xsl:when test="$rss">
          <xsl:value-of select="normalize-space($rss/description)"/>
        </xsl:when>
        <xsl:when test="$atom/atom:subtitle">
          <xsl:call-template name="text-construct">
            <xsl:with-param name="node" select="$atom/atom:subtitle"/>
          </xsl:call-template>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>

    <xsl:variable name="home">
      <xsl:call-template name="safe-url">
        <xsl:with-param name="url"
            select="$rss/link[1] | ($atom/atom:link[@rel = 'alternate' or not(@rel)])[1]/@href"/>
      </xsl:call-template>
    </xsl:variable>

    <xsl:variable name="updated">
      <xsl:choose>
        <xsl:when test="normalize-space($rss/lastBuildDate) != ''">
          <xsl:value-of select="normalize-space($rss/lastBuildDate)"/>
        </xsl:when>
        <xsl:when test="normalize-space($rss/pubDate) != ''">
          <xsl:value-of select="normalize-space($rss/pubDate)"/>
        </xsl:when>
        <xsl:when test="normalize-space($atom/atom:updated) != ''">
          <xsl:value-of select="substring(normalize-space($atom/atom:updated), 1, 10)"/>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>

    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="referrer" content="strict-origin-when-cross-origin"/>
        <title><xsl:value-of select="$page-title"/></title>
        <style>
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --link: #0b57d0;
  --border: #d8dee4; --note-bg: #fff8d6; --note-border: #d4a72c; --chip: #eef1f4;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121417; --fg: #e6edf3; --muted: #9aa4ae; --link: #8ab4f8;
    --border: #30363d; --note-bg: #2b2512; --note-border: #9e7a1f; --chip: #242a31;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}
main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
a { color: var(--link); }
.notice {
  background: var(--note-bg); border: 1px solid var(--note-border); border-radius: .5rem;
  padding: .75rem 1rem; margin: 0 0 2rem;
}
.notice p { margin: .2rem 0; }
.feed-url {
  display: block; margin-top: .5rem; padding: .35rem .5rem;
  font: .9rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  background: var(--bg); border: 1px solid var(--border); border-radius: .25rem;
  overflow-wrap: anywhere; -webkit-user-select: all; user-select: all;
}
.feed-header { padding-bottom: 1rem; margin-bottom: .5rem; border-bottom: 2px solid var(--border); }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; overflow-wrap: break-word; }
.feed-description { margin: 0 0 .5rem; color: var(--muted); }
.feed-links { margin: 0; font-size: .95rem; }
.feed-links > * + *::before { content: "\00B7"; margin: 0 .5em; color: var(--muted); }
.feed-updated { color: var(--muted); }
.entry { padding: 1.25rem 0; border-bottom: 1px solid var(--border); }
.entry-title { font-size: 1.3rem; line-height: 1.3; margin: 0 0 .35rem; overflow-wrap: break-word; }
.entry-title a { text-decoration: none; }
.entry-title a:hover, .entry-title a:focus { text-decoration: underline; }
.entry-meta { margin: 0 0 .5rem; color: var(--muted); font-size: .9rem; }
.entry-meta > * + *::before { content: "\00B7"; margin: 0 .4em; }
.entry-categories { list-style: none; display: flex; flex-wrap: wrap; gap: .35rem; margin: 0 0 .6rem; padding: 0; }
.entry-category { background: var(--chip); border-radius: 999px; padding: .05rem .65rem; font-size: .8rem; }
.entry-summary { margin: 0; overflow-wrap: break-word; }
.entry-attachments { margin: .5rem 0 0; font-size: .9rem; }
.empty { color: var(--muted); }
.archive-nav { display: flex; flex-wrap: wrap; gap: 1rem; margin-top: 1.5rem; }
        </style>
      </head>
      <body>
        <main>
          <div class="notice" role="note">
            <p><strong>This is a web feed</strong>, also known as an RSS or Atom feed. Copy this page's URL into your feed reader to subscribe.</p>
            <xsl:if test="$self != ''">
              <code class="feed-url"><xsl:value-of select="$self"/></code>
            </xsl:if>
          </div>

          <header class="feed-header">
            <h1 class="feed-title"><xsl:value-of select="$page-title"/></h1>
            <xsl:if test="normalize-space($description) != '' and normalize-space($description) != normalize-space($page-title)">
              <p class="feed-description"><xsl:value-of select="normalize-space($description)"/></p>
            </xsl:if>
            <xsl:if test="string($home) != '' or string($updated) != ''">
              <p class="feed-links">
                <xsl:if test="string($home) != ''">
                  <a class="feed-home" href="{$home}">Visit the website &#8594;</a>
                </xsl:if>
                <xsl:if test="string($updated) != ''">
                  <span class="feed-updated">Updated <xsl:value-of select="$updated"/></span>
                </xsl:if>
              </p>
            </xsl:if>
          </header>

          <xsl:choose>
            <xsl:when test="$rss/item | $atom/atom:entry">
              <xsl:apply-templates select="$rss/item | $atom/atom:entry"/>
            </xsl:when>
            <xsl:when test="$rss or $atom">
              <p class="empty">This feed has no entries yet.</p>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty">This document is not an RSS 2.0 or Atom 1.0 feed.</p>
            </xsl:otherwise>
          </xsl:choose>

          <xsl:variable name="archive"
              select="($rss/atom:link | $atom/atom:link)[@rel = 'current' or @rel = 'next-archive' or @rel = 'prev-archive']"/>
          <xsl:if test="$archive">
            <nav class="archive-nav" aria-label="Feed pages">
              <xsl:call-template name="archive-link">
                <xsl:with-param name="link" select="$archive[@rel = 'current'][1]"/>
                <xsl:with-param name="text">Latest entries</xsl:with-param>
              </xsl:call-template>
              <xsl:call-template name="archive-link">
                <xsl:with-param name="link" select="$archive[@rel = 'next-archive'][1]"/>
                <xsl:with-param name="text">&#8592; Newer entries</xsl:with-param>
              </xsl:call-template>
              <xsl:call-template name="archive-link">
                <xsl:with-param name="link" select="$archive[@rel = 'prev-archive'][1]"/>
                <xsl:with-param name="text">Older entries &#8594;</xsl:with-param>
              </xsl:call-template>
            </nav>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="archive-link">
    <xsl:param name="link"/>
    <xsl:param name="text"/>
    <xsl:if test="$link">
      <xsl:variable name="href">
        <xsl:call-template name="safe-url">
          <xsl:with-param name="url" select="$link/@href"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="string($href) != ''">
        <a href="{$href}"><xsl:value-of select="$text"/></a>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================================
       RSS 2.0 item
       =================================================================== -->
  <xsl:template match="item">
    <xsl:variable name="url">
      <xsl:choose>
        <xsl:when test="normalize-space(link) != ''">
          <xsl:value-of select="link"/>
        </xsl:when>
        <xsl:when test="guid[not(@isPermaLink) or @isPermaLink = 'true']">
          <xsl:value-of select="guid"/>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="date">
      <xsl:choose>
        <xsl:when test="normalize-space(pubDate) != ''">
          <xsl:value-of select="normalize-space(pubDate)"/>
        </xsl:when>
        <xsl:when test="normalize-space(dc:date) != ''">
          <xsl:value-of select="substring(normalize-space(dc:date), 1, 10)"/>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="author">
      <xsl:choose>
        <xsl:when test="dc:creator[normalize-space() != '']">
          <xsl:for-each select="dc:creator[normalize-space() != '']">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="normalize-space()"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="normalize-space(author) != ''">
          <!-- "email (Name)": show the name only -->
          <xsl:variable name="a" select="normalize-space(author)"/>
          <xsl:variable name="name" select="normalize-space(substring-before(substring-after($a, '('), ')'))"/>
          <xsl:choose>
            <xsl:when test="$name != ''"><xsl:value-of select="$name"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$a"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>

    <xsl:call-template name="entry">
      <xsl:with-param name="title" select="normalize-space(title)"/>
      <xsl:with-param name="url" select="$url"/>
      <xsl:with-param name="date" select="$date"/>
      <xsl:with-param name="author" select="$author"/>
      <xsl:with-param name="categories" select="category"/>
      <xsl:with-param name="summary" select="normalize-space(description)"/>
      <xsl:with-param name="attachments" select="enclosure"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===================================================================
       Atom 1.0 entry
       =================================================================== -->
  <xsl:template match="atom:entry">
    <xsl:variable name="title">
      <xsl:call-template name="text-construct">
        <xsl:with-param name="node" select="atom:title"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="summary">
      <xsl:call-template name="text-construct">
        <xsl:with-param name="node" select="atom:summary"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="authors"
        select="atom:author[normalize-space(atom:name) != '']"/>
    <xsl:variable name="author">
      <xsl:choose>
        <xsl:when test="$authors">
          <xsl:for-each select="$authors">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="normalize-space(atom:name)"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <!-- an entry without authors inherits its source's or its feed's -->
          <xsl:for-each select="(atom:source/atom:author | ../atom:author)[normalize-space(atom:name) != '']">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="normalize-space(atom:name)"/>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="published" select="normalize-space(atom:published)"/>
    <xsl:variable name="updated" select="normalize-space(atom:updated)"/>
    <xsl:variable name="stamp">
      <xsl:choose>
        <xsl:when test="$published != ''"><xsl:value-of select="$published"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$updated"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <xsl:call-template name="entry">
      <xsl:with-param name="title" select="normalize-space($title)"/>
      <xsl:with-param name="url"
          select="(atom:link[@rel = 'alternate' or not(@rel)])[1]/@href"/>
      <xsl:with-param name="date" select="substring($stamp, 1, 10)"/>
      <xsl:with-param name="datetime" select="$stamp"/>
      <xsl:with-param name="updated">
        <xsl:if test="$published != '' and $updated != '' and substring($updated, 1, 10) != substring($published, 1, 10)">
          <xsl:value-of select="substring($updated, 1, 10)"/>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="author" select="$author"/>
      <xsl:with-param name="categories" select="atom:category"/>
      <xsl:with-param name="summary" select="normalize-space($summary)"/>
      <xsl:with-param name="attachments" select="atom:link[@rel = 'enclosure']"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===================================================================
       One entry, whatever the format
       =================================================================== -->
  <xsl:template name="entry">
    <xsl:param name="title"/>
    <xsl:param name="url"/>
    <xsl:param name="date"/>
    <xsl:param name="datetime"/>
    <xsl:param name="updated"/>
    <xsl:param name="author"/>
    <xsl:param name="categories"/>
    <xsl:param name="summary"/>
    <xsl:param name="attachments"/>

    <xsl:variable name="href">
      <xsl:call-template name="safe-url">
        <xsl:with-param name="url" select="$url"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="string($title) != ''"><xsl:value-of select="$title"/></xsl:when>
        <xsl:otherwise>(untitled)</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <article class="entry">
      <h2 class="entry-title">
        <xsl:choose>
          <xsl:when test="string($href) != ''">
            <a href="{$href}"><xsl:value-of select="$label"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
        </xsl:choose>
      </h2>

      <xsl:if test="string($date) != '' or string($author) != ''">
        <p class="entry-meta">
          <xsl:if test="string($date) != ''">
            <xsl:choose>
              <xsl:when test="string($datetime) != ''">
                <time class="entry-date" datetime="{$datetime}"><xsl:value-of select="$date"/></time>
              </xsl:when>
              <xsl:otherwise>
                <span class="entry-date"><xsl:value-of select="$date"/></span>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:if test="string($updated) != ''">
            <span class="entry-updated">updated <xsl:value-of select="$updated"/></span>
          </xsl:if>
          <xsl:if test="string($author) != ''">
            <span class="entry-author">by <xsl:value-of select="$author"/></span>
          </xsl:if>
        </p>
      </xsl:if>

      <xsl:variable name="named-categories"
          select="$categories[normalize-space(.) != '' or normalize-space(@term) != '']"/>
      <xsl:if test="$named-categories">
        <ul class="entry-categories" aria-label="Categories">
          <xsl:for-each select="$named-categories">
            <li class="entry-category">
              <xsl:choose>
                <xsl:when test="self::atom:category and normalize-space(@label) != ''">
                  <xsl:value-of select="normalize-space(@label)"/>
                </xsl:when>
                <xsl:when test="self::atom:category">
                  <xsl:value-of select="normalize-space(@term)"/>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:value-of select="normalize-space(.)"/>
                </xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>

      <xsl:if test="string($summary) != ''">
        <p class="entry-summary"><xsl:value-of select="$summary"/></p>
      </xsl:if>

      <xsl:if test="$attachments">
        <p class="entry-attachments">
          <xsl:for-each select="$attachments">
            <xsl:variable name="attachment">
              <xsl:call-template name="safe-url">
                <xsl:with-param name="url" select="@url | @href"/>
              </xsl:call-template>
            </xsl:variable>
            <xsl:if test="string($attachment) != ''">
              <xsl:if test="position() &gt; 1"><br/></xsl:if>
              <a class="entry-attachment" href="{$attachment}">
                <xsl:text>Attachment</xsl:text>
                <xsl:if test="normalize-space(@type) != ''">
                  <xsl:text> (</xsl:text>
                  <xsl:value-of select="normalize-space(@type)"/>
                  <xsl:call-template name="size">
                    <xsl:with-param name="bytes" select="@length"/>
                  </xsl:call-template>
                  <xsl:text>)</xsl:text>
                </xsl:if>
              </a>
            </xsl:if>
          </xsl:for-each>
        </p>
      </xsl:if>
    </article>
  </xsl:template>

  <xsl:template name="size">
    <xsl:param name="bytes"/>
    <xsl:variable name="n" select="number($bytes)"/>
    <xsl:choose>
      <xsl:when test="not($n &gt; 0)"/>
      <xsl:when test="$n &gt;= 1048576">
        <xsl:value-of select="concat(', ', format-number($n div 1048576, '0.0'), ' MB')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(', ', format-number(ceiling($n div 1024), '0'), ' KB')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================================
       Helpers
       =================================================================== -->

  <!-- An Atom text construct as plain text: type="html" loses its tags,
       type="xhtml" and type="text" give their text. -->
  <xsl:template name="text-construct">
    <xsl:param name="node"/>
    <xsl:choose>
      <xsl:when test="not($node)"/>
      <xsl:when test="$node/@type = 'html'">
        <xsl:variable name="stripped">
          <xsl:call-template name="strip-tags">
            <xsl:with-param name="s" select="string($node)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="decode-entities">
          <xsl:with-param name="s" select="normalize-space($stripped)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($node)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Removes <tags> from escaped HTML; block-level tags become a space.
       Long strings are cut in two just before a "<" and each half is done
       apart, so the recursion stays shallow (libxslt stops at depth 3000). -->
  <xsl:template name="strip-tags">
    <xsl:param name="s"/>
    <xsl:param name="at" select="floor(string-length($s) div 2)"/>
    <xsl:variable name="rest" select="substring($s, $at + 1)"/>
    <xsl:choose>
      <xsl:when test="not(contains($s, '&lt;')) or string-length($s) &lt;= 256 or $at &lt; 64">
        <xsl:call-template name="strip-tags-linear">
          <xsl:with-param name="s" select="$s"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($rest, '&lt;')">
        <xsl:call-template name="strip-tags">
          <xsl:with-param name="s" select="concat(substring($s, 1, $at), substring-before($rest, '&lt;'))"/>
        </xsl:call-template>
        <xsl:call-template name="strip-tags">
          <xsl:with-param name="s" select="concat('&lt;', substring-after($rest, '&lt;'))"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="strip-tags">
          <xsl:with-param name="s" select="$s"/>
          <xsl:with-param name="at" select="floor($at div 2)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="strip-tags-linear">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&lt;') and contains(substring-after($s, '&lt;'), '&gt;')">
        <xsl:value-of select="substring-before($s, '&lt;')"/>
        <xsl:variable name="tag" select="substring-before(substring-after($s, '&lt;'), '&gt;')"/>
        <xsl:variable name="name"
            select="translate(substring-before(concat(normalize-space(translate($tag, '/', ' ')), ' '), ' '), $upper, $lower)"/>
        <xsl:if test="contains('|p|br|div|li|ul|ol|dd|dt|dl|tr|td|th|table|h1|h2|h3|h4|h5|h6|blockquote|pre|hr|section|article|header|footer|figure|figcaption|img|', concat('|', $name, '|'))">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:call-template name="strip-tags-linear">
          <xsl:with-param name="s" select="substring-after(substring-after($s, '&lt;'), '&gt;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$s"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Decodes the few entities common in escaped HTML; &amp; last. -->
  <xsl:template name="decode-entities">
    <xsl:param name="s"/>
    <xsl:variable name="a">
      <xsl:call-template name="replace">
        <xsl:with-param name="s" select="$s"/>
        <xsl:with-param name="from" select="'&amp;lt;'"/>
        <xsl:with-param name="to" select="'&lt;'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="b">
      <xsl:call-template name="replace">
        <xsl:with-param name="s" select="$a"/>
        <xsl:with-param name="from" select="'&amp;gt;'"/>
        <xsl:with-param name="to" select="'&gt;'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="c">
      <xsl:call-template name="replace">
        <xsl:with-param name="s" select="$b"/>
        <xsl:with-param name="from" select="'&amp;quot;'"/>
        <xsl:with-param name="to" select="'&quot;'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="d">
      <xsl:call-template name="replace">
        <xsl:with-param name="s" select="$c"/>
        <xsl:with-param name="from" select="'&amp;#39;'"/>
        <xsl:with-param name="to">'</xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="e">
      <xsl:call-template name="replace">
        <xsl:with-param name="s" select="$d"/>
        <xsl:with-param name="from" select="'&amp;apos;'"/>
        <xsl:with-param name="to">'</xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="f">
      <xsl:call-template name="replace">
        <xsl:with-param name="s" select="$e"/>
        <xsl:with-param name="from" select="'&amp;nbsp;'"/>
        <xsl:with-param name="to" select="'&#160;'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="replace">
      <xsl:with-param name="s" select="$f"/>
      <xsl:with-param name="from" select="'&amp;amp;'"/>
      <xsl:with-param name="to" select="'&amp;'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Replaces every $from (which starts with "&" and so cannot overlap
       itself) by $to; long strings are cut in two like in strip-tags. -->
  <xsl:template name="replace">
    <xsl:param name="s"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:param name="at" select="floor(string-length($s) div 2)"/>
    <xsl:variable name="rest" select="substring($s, $at + 1)"/>
    <xsl:choose>
      <xsl:when test="not(contains($s, $from)) or string-length($s) &lt;= 256 or $at &lt; 64">
        <xsl:call-template name="replace-linear">
          <xsl:with-param name="s" select="$s"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($rest, $from)">
        <xsl:call-template name="replace">
          <xsl:with-param name="s" select="concat(substring($s, 1, $at), substring-before($rest, $from))"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
        <xsl:value-of select="$to"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="s" select="substring-after($rest, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="replace">
          <xsl:with-param name="s" select="$s"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
          <xsl:with-param name="at" select="floor($at div 2)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="replace-linear">
    <xsl:param name="s"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($s, $from)">
        <xsl:value-of select="substring-before($s, $from)"/>
        <xsl:value-of select="$to"/>
        <xsl:call-template name="replace-linear">
          <xsl:with-param name="s" select="substring-after($s, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$s"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The URL if it is http(s) or relative, else nothing: a feed cannot
       put javascript: or data: links on the page. -->
  <xsl:template name="safe-url">
    <xsl:param name="url"/>
    <xsl:variable name="u" select="normalize-space($url)"/>
    <xsl:variable name="l" select="translate($u, $upper, $lower)"/>
    <xsl:if test="$u != '' and (starts-with($l, 'http://') or starts-with($l, 'https://')
        or not(contains(substring-before(concat($u, '/'), '/'), ':')))">
      <xsl:value-of select="$u"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
