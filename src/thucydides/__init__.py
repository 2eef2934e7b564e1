"""Thucydides: raw political and conflict news in, event data with its evidence out."""

__version__ = "0.1.0"
