"""The Textual user interface: a thin layer over ``rapport.core``."""
