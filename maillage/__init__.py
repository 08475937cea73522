"""Maillage: the information system of an employment and insertion platform."""
