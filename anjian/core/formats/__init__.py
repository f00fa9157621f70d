"""Date formats per language (FORMAT_MODULE_PATH): one format for a date on every list and
detail page — 2026-12-01 and 2026-12-01 14:05 in both languages, as government forms write them."""
