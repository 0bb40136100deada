"""stationwatch core: find, preserve, verify and map reporting on overseas police stations.

The core is pure Python and never imports Django; the web application (``stationwatch_web``)
is a thin layer over it.
"""

import logging

__version__ = "0.1.0"

# A library never configures logging; applications do.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["__version__"]
