"""Tests of the benchmarks' helpers (benchmarks/): their results, never their speed."""
