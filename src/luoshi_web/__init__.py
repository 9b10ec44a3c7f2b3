"""luoshi_web: the tracking application (Django) built on the luoshi extraction library."""
