"""周调度简报 weekly snapshot: PDF briefing, XLSX, chart PNGs and a manifest for one ISO week."""
