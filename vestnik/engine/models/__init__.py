"""Shipped model artefacts (trained heads, lexicons, blocklists) and the code that reads them."""
