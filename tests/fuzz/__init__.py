"""Property-based fuzz suite (issue 11): hostile inputs for every reader and writer."""
