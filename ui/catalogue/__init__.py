"""The price catalogue in the window: the Catalogue view, Reprice with a preview, and
the stale-price preference."""
