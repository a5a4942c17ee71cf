"""The KPI engine: Sales KPI definitions turned into one grouped query per KPI (see DESIGN.md §2.5)."""
