"""From quantities to commitments: which figures are items, what they measure, kind and year."""
