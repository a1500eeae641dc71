"""Files beside the HTML: feeds, sitemap, robots.txt, calendars, machine-readable listings."""
