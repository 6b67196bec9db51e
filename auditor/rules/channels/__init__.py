"""Rules of the channels category: written channels keep evidence (one module per rule)."""
