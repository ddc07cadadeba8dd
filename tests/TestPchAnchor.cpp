// Compiles the tests' precompiled header once; every LibTorch test reuses it.
