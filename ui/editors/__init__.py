"""One editor per category, its table model, delegates and detail form."""
