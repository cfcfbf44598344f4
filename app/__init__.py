"""Streamlit app: entry point, data access and shared UI pieces."""
