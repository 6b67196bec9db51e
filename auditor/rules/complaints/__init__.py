"""Rules of the complaints category (one module per rule)."""
