from tests.authz.matrix import Entry, every

ENTRIES = [
    Entry("", "GET", "/", every(200)),
]
