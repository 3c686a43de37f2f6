"""Engine: builds run as papermill kernels, one report or many, locally or on Dask."""
