"""A real browser where a page needs it: render, screenshot, dismiss cookie banners without consent.

Playwright is driven directly (not through scrapy-playwright): the static crawl runs reactorless on
asyncio, and scrapy-playwright needs Twisted's reactor. Rendering is a separate stage after the
crawl, on the same event loop, for the few pages that need it (issue: home, contact pages and
empty JavaScript shells), so a site costs a handful of renders, not one per page.
"""
