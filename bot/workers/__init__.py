"""Background work: the job runner, outbound delivery and rate limits."""
