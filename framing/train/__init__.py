"""Training: dataset readers, model cards and one trainer per model; offline, never imported by inference."""
