"""Places: the gazetteer (countries, cities, regions) and the bundled reference data of
reported stations and government responses, placed with it."""
