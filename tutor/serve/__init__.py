"""`tutor serve`: the tutor in browsers on the lab network, one tutor process per tab (textual-serve)."""
