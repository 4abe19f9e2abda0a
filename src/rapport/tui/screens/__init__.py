"""Full screens: home and one interview."""
