"""The budget-vs-actual dock."""
