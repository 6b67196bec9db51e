"""Rules of the withdrawal category (one module per rule)."""
