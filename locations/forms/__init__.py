"""The filter forms of the places list, the map and the agenda."""
