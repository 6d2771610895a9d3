"""The preview (``sitegen serve``): a project folder -> a live site in the browser.
Watches the sources, rebuilds in place, indexes early, serves HTTP, tells pages to reload."""
