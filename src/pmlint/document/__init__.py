"""The document model: sections, blocks, fields, times."""
