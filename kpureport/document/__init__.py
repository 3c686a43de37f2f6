"""Document: the report and the roll-up, assembled from the writing stage for the notebooks."""
