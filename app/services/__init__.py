"""Every mutation of a plan, as a command applied in one transaction that can revert itself."""
