"""The sections of a pack, each a function from a pack to its flowables."""
