"""``make bench``: the site measured at two sizes side by side (``bench.run``)."""
