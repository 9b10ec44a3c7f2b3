"""兑现对照 in the web app: a report's targets beside the next report's results, a region's years,
and one indicator across regions. The arithmetic is ``luoshi.reconcile``'s; this app only turns
database rows into its items, remembers supervisors' match corrections, and draws the tables."""
