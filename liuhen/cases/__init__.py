"""Cases: every act of the five stages, recorded in the case-timeline vocabulary, checked live.

A case's events are the spec's timeline (docs/spec/case-timeline.md) held as rows: the platform
records, exports and imports the same vocabulary the rules engine reads. Writes go through
`liuhen.cases.services`; reads through `liuhen.cases.access`.
"""
