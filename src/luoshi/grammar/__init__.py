"""The number and quantity grammar: an engine over the data tables in ``luoshi/data/zh``."""
