"""Forms of the review pages: they shape the input into the services' arguments; whether it is
acceptable (complete, allowed, in time) is the services' answer."""
