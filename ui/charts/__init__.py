"""Live charts beside the monthly bars: the S-curve, cost by phase, category shares."""
