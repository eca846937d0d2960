"""Case pages: thin views that ask the access functions, call a service, and render."""
