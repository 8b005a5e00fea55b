"""The user's library: bookmarks, history and notes, kept in the user-data database."""
