"""End-to-end tests: the real rapport process in a pseudo-terminal."""
