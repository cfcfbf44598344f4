"""ETL: read department files, validate them against their contracts, load the warehouse."""
