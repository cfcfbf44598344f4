"""One module per department file type (template); see etl/contract.py for the shared machinery."""
