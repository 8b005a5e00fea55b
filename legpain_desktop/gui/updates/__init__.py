"""Content updates from a folder in the GUI: File > Update content from folder… (issue 18)."""
