"""Browse: the side panel's tree of monographs, the search box and its results."""
