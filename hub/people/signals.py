"""Signals for people: none of the rules live here, only wiring."""
