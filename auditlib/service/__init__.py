"""Serving the pages: Voilà locked down to pages only, for one user or behind JupyterHub."""
