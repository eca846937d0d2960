"""Forms of the case pages: they parse input into the services' arguments and hold no rules."""
