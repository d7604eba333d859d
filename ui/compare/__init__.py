"""The compare view and the baseline the timeline and charts draw against."""
