"""Drawing charts (SVG with matplotlib) and writing their plain-language readings."""
