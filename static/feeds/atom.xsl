<?xml version="1.0" encoding="utf-8"?>
<!--
  R2P Tracker: how a browser shows an Atom feed of data changes. A feed reader ignores this file and
  reads the feed itself; a person who opens the feed's address sees a page that says what the feed
  is and how to subscribe, with its newest entries. Served as a static file (same origin, so the
  content security policy allows it); it writes no script and no inline style.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom"
                exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:variable name="self" select="/atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="page" select="/atom:feed/atom:link[@rel='alternate']/@href"/>

  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="atom:title"/> (Atom feed)</title>
        <link rel="stylesheet" href="/static/css/site.css"/>
        <link rel="stylesheet" href="/static/feeds/feed.css"/>
        <link rel="icon" href="/favicon.ico"/>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="site-header">
          <div class="wrap header-inner">
            <a class="site-name" href="/">R2P Tracker</a>
          </div>
        </header>
        <main id="main" tabindex="-1" class="wrap">
          <h1><xsl:value-of select="atom:title"/></h1>
          <p class="lede"><xsl:value-of select="atom:subtitle"/></p>

          <section class="feed-help" aria-labelledby="subscribe-heading">
            <h2 id="subscribe-heading">This is a web feed: subscribe to follow the changes</h2>
            <p>A feed reader checks this address for you and shows each new change as it is
              published. To subscribe, copy the address below into your feed reader (for example
              its “Add feed” or “Subscribe” box).</p>
            <p><code class="feed-address"><xsl:value-of select="$self"/></code></p>
            <p>No feed reader? Many e-mail programs and browser extensions read Atom feeds, and
              the same changes are listed on the web page
              <a href="{$page}"><xsl:value-of select="$page"/></a>.</p>
          </section>

          <section aria-labelledby="entries-heading">
            <h2 id="entries-heading">Newest entries</h2>
            <xsl:choose>
              <xsl:when test="atom:entry">
                <ol class="feed-entries">
                  <xsl:apply-templates select="atom:entry"/>
                </ol>
              </xsl:when>
              <xsl:otherwise>
                <p>No change is recorded yet.</p>
              </xsl:otherwise>
            </xsl:choose>
          </section>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p><xsl:value-of select="atom:rights"/></p>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a>
      <xsl:text> </xsl:text>
      <span class="meta">
        <time datetime="{atom:updated}">
          <xsl:value-of select="substring(atom:updated, 1, 10)"/>
          <xsl:text> </xsl:text>
          <xsl:value-of select="substring(atom:updated, 12, 5)"/>
          <xsl:text> UTC</xsl:text>
        </time>
      </span>
    </li>
  </xsl:template>
</xsl:stylesheet>
