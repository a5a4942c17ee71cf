"""Domain rules of the sales technology, in plain Python (no Frappe import).

Controllers call these functions; tier-1 tests call them directly.
"""
