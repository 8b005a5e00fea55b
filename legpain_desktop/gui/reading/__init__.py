"""Reading: the monograph view, the algorithm's flow diagram, find-in-page and notes."""
