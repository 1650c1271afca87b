"""The web pages: ipywidgets panels over the store, one page per notebook."""
