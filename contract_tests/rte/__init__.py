"""Contract suite for Enreach RTE and the EnreachAPI calls RTE clients make."""
