"""Cost series: every line's cost month by month, in exact minor units, and their totals."""
