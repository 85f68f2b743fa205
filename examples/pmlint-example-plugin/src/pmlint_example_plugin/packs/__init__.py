"""The example plugin's packs: every ``*.toml`` file in this folder."""
