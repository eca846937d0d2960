"""The review pages: the queue and the round (rounds), the reviewer's forms (reviewing), the
handler's (handling), the head's (heads) and the agency's catalogue (catalogue). Thin: access
through `liuhen.review.access`, writes through `liuhen.review.services`."""
