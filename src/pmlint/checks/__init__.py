"""Built-in Python rules, one module per family."""
