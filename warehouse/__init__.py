"""Warehouse: DuckDB views over Parquet tables, the indicator registry and its derivation."""
