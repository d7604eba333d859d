"""The Risk dock: Monte Carlo percentiles of the open plan in the window."""
