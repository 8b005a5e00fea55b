"""The window's frame: its actions and menus, the warning bar, theme and text size, the saved
session and the first-paint scheduling. Features live in their own packages."""
