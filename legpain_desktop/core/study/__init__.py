"""Study mode for students (issue 19): cards drawn from the content, scheduled with FSRS."""
