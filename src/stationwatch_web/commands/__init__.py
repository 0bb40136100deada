"""The commands the web app adds to ``stationwatch``, by domain. Django is imported only when
one runs (each calls ``setup.database_ready`` first)."""
