"""Stancemap's functional core: plain functions over DataFrames and graphs."""
