"""Legal review of enforcement decisions (重大执法决定法制审核): the catalogue of major decisions,
the gate that keeps a decision from being recorded before its review has passed, the reviewer's
rounds and the written opinion. Writes through `liuhen.review.services`, reads through
`liuhen.review.access`; the rules as data in `liuhen.review.rules`.
"""
