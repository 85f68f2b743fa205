"""An example pmlint plugin: a Python rule (``rules``) and a TOML pack (``packs``)."""
