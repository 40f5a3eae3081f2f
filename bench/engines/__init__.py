"""One adapter per engine, all with `build(corpus, folder)`, `open(folder)` and `query(spec)`."""
