"""One module per measure of the policy. Each exposes ``MEASURE`` (see ``wenjiuye_cli.outcome.Measure``)."""
