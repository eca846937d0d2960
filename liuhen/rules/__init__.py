"""The rules engine: case timelines, the working-day calendar, regulation packs and findings.

Plain Python with no Django import, so it runs and is tested without a database.
"""
