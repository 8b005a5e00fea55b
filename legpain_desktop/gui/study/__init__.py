"""Study mode for students (issue 19): the Study tab with today's cards, rated from the keyboard."""
