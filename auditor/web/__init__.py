"""Where pages come from, below both the crawler and the browser: URL identity, the guard
against private addresses, and saved copies of sites served from files."""
